// A cover image for an audiobook, read from the path the user gave and accepted only if its bytes
// say JPEG or PNG (the two formats every player shows); anything else is refused by name before
// any audio is rendered, so a typo does not cost a ten-hour export.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { KoeError } from '../contract/errors';

const MAX_COVER_BYTES = 10 * 1024 * 1024;

export async function readCover(path: string): Promise<{ data: Uint8Array; mimeType: 'image/jpeg' | 'image/png' }> {
  let bytes: Uint8Array;
  try {
    const fh = await open(path, 'r');
    try {
      const info = await fh.stat();
      if (!info.isFile()) throw new KoeError('invalid_args', `${basename(path)} is not a file; the cover must be a JPEG or PNG image.`);
      if (info.size > MAX_COVER_BYTES) throw new KoeError('too_large', `${basename(path)} is ${(info.size / 1e6).toFixed(1)} MB; a cover image may be up to 10 MB.`);
      const buf = new Uint8Array(info.size);
      const { bytesRead } = await fh.read(buf, 0, info.size, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof KoeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new KoeError(code === 'ENOENT' ? 'not_found' : 'io', code === 'ENOENT' ? `Cover image not found: ${path}` : `Cannot read the cover image ${path}: ${(e as Error).message}`);
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { data: bytes, mimeType: 'image/jpeg' };
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { data: bytes, mimeType: 'image/png' };
  throw new KoeError('invalid_args', `${basename(path)} is not a JPEG or PNG image; the cover must be one of those.`);
}
