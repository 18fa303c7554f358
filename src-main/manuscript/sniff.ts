// What a file really is, from its bytes, before any reader is trusted with it: a DOCX that is a PDF
// or a renamed photo must be refused with what it is, not fail deep inside a zip library. The name's
// extension only chooses between readers of the same kind of bytes (Markdown or plain text).
import { KoeError } from '../contract/errors';

export type Sniffed = { kind: 'zip' } | { kind: 'text'; text: string; latin1: boolean };

const EXT_NAMES: Record<string, string> = { epub: 'an EPUB', docx: 'a Word document (DOCX)' };
const SUPPORTED = 'Koe Studio imports EPUB, DOCX, Markdown and plain text';

function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Formats people are likely to hand us by mistake: what each is, and what to do instead. */
function knownOther(bytes: Uint8Array): { what: string; advice?: string } | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF-')) return { what: 'a PDF', advice: 'Export its text from your PDF reader, or import the book\'s original DOCX or EPUB.' };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return { what: 'an old Word document (.doc)', advice: 'Open it in Word or LibreOffice and save it as .docx.' };
  if (head.startsWith('{\\rtf')) return { what: 'an RTF document', advice: 'Save it as .docx or plain text.' };
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || startsWith(bytes, 0xff, 0xd8, 0xff) || head.startsWith('GIF8')) return { what: 'an image' };
  if (head.startsWith('RIFF') || head.startsWith('ID3') || head.startsWith('OggS') || head.startsWith('fLaC')) return { what: 'an audio file' };
  if (head.startsWith('KOEPROJ')) return { what: 'a Koe Studio project', advice: 'Open it with File → Open project instead.' };
  if (startsWith(bytes, 0x1f, 0x8b)) return { what: 'a gzip archive' };
  if (new TextDecoder('latin1').decode(bytes.subarray(60, 68)) === 'BOOKMOBI') return { what: 'a Kindle book (MOBI/AZW)', advice: 'Convert a DRM-free copy to EPUB first.' };
  return null;
}

export function sniff(bytes: Uint8Array, fileName: string, ext: string): Sniffed {
  if (bytes.length === 0) throw new KoeError('invalid_args', `${fileName} is empty. Nothing was imported.`);
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return { kind: 'zip' };
  const other = knownOther(bytes);
  const claimed = EXT_NAMES[ext];
  if (other) {
    const is = claimed ? `is named like ${claimed} but is really ${other.what}` : `is ${other.what}`;
    throw new KoeError('invalid_args', `${fileName} ${is}. ${other.advice ?? `${SUPPORTED}.`} Nothing was imported.`);
  }
  if (claimed) throw new KoeError('invalid_args', `${fileName} is named like ${claimed} but is not one: it is not a zip archive, as every ${ext.toUpperCase()} is. Nothing was imported.`);
  return decodeText(bytes, fileName);
}

/**
 * UTF-8 (with or without a byte-order mark), UTF-16 with one, else Windows-1252 for old text files
 * — but only for bytes that look like text: NULs or many control characters mean a binary file.
 */
export function decodeText(bytes: Uint8Array, fileName: string): Sniffed {
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    return { kind: 'text', text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes), latin1: false };
  }
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw notText(fileName);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > sample.length * 0.01) throw notText(fileName);
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), latin1: false };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    // Windows-1252 decodes anything; bytes it maps to rare symbols in bulk are not an old text file.
    const odd = (text.slice(0, 64 * 1024).match(/[\u0080-\u00bf\u00d7\u00f7\u0192\u02c6-\u02dc\u2020-\u2122]/g) ?? []).length;
    if (odd > Math.min(text.length, 64 * 1024) * 0.05) throw notText(fileName);
    return { kind: 'text', text, latin1: true };
  }
}

function notText(fileName: string): KoeError {
  return new KoeError('invalid_args', `${fileName} is not a text file or a document Koe Studio can read (it looks like binary data). ${SUPPORTED}. Nothing was imported.`);
}
