// A cover image for an audiobook, read from the path the user gave and accepted only if its bytes
// say JPEG or PNG (the two formats every player shows); anything else is refused by name before
// any audio is rendered, so a typo does not cost a ten-hour export.
import { readBoundedFile } from '../fs/bounded-read';
import { basename } from 'node:path';
import { KoeError } from '../contract/errors';

const MAX_COVER_BYTES = 10 * 1024 * 1024;

export async function readCover(path: string): Promise<{ data: Uint8Array; mimeType: 'image/jpeg' | 'image/png' }> {
  const bytes = await readBoundedFile(path, {
    maxBytes: MAX_COVER_BYTES,
    what: 'a cover image (JPEG or PNG)',
    label: 'Cover image',
    tooLarge: (size) => `${basename(path)} is ${(size / 1e6).toFixed(1)} MB; a cover image may be up to 10 MB.`,
  });
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { data: bytes, mimeType: 'image/jpeg' };
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { data: bytes, mimeType: 'image/png' };
  throw new KoeError('invalid_args', `${basename(path)} is not a JPEG or PNG image; the cover must be one of those.`);
}
