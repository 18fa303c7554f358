// The zip archive under an EPUB or a DOCX: opened once, with a damaged archive refused by name,
// and entries found by their path whatever case a careless packer gave them.
import type JSZip from 'jszip';
import { KoeError } from '../contract/errors';

/** No chapter file of a real book comes near this; a zip bomb's entry does. */
export const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

export class Archive {
  private constructor(
    private readonly zip: JSZip,
    private readonly lower: Map<string, string>,
  ) {}

  static async open(bytes: Uint8Array, fileName: string, what: string): Promise<Archive> {
    // Loaded on first use, like mammoth (docx.ts): most commands never open an archive.
    const { default: loader } = await import('jszip');
    let zip: JSZip;
    try {
      zip = await loader.loadAsync(bytes, { checkCRC32: true });
    } catch (e) {
      const why = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
      throw new KoeError('invalid_args', `${fileName} is damaged: it is not a readable ${what} (its zip archive is broken: ${why}). Nothing was imported.`);
    }
    const lower = new Map<string, string>();
    for (const name of Object.keys(zip.files)) lower.set(name.toLowerCase(), name);
    return new Archive(zip, lower);
  }

  has(path: string): boolean {
    return this.entry(path) !== null;
  }

  /** The entry as text, or null if the archive has no such file. A corrupt entry is refused. */
  async text(path: string, fileName: string): Promise<string | null> {
    const entry = this.entry(path);
    if (!entry) return null;
    // The size the archive declares (JSZip keeps it from the central directory). A header that lies
    // is caught by JSZip after inflating, as a length mismatch; an honest bomb is refused here first.
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > MAX_ENTRY_BYTES) {
      throw new KoeError('too_large', `${fileName} holds a file (${path}) of ${(declared / 2 ** 20).toFixed(0)} MB, far more than any book's chapter; it was not read. Nothing was imported.`);
    }
    try {
      return await entry.async('string');
    } catch (e) {
      throw new KoeError('invalid_args', `${fileName} is damaged: ${path} inside it cannot be read (${e instanceof Error ? e.message : String(e)}). Nothing was imported.`);
    }
  }

  private entry(path: string): JSZip.JSZipObject | null {
    const f = this.zip.file(path) ?? this.zip.file(this.lower.get(path.toLowerCase()) ?? '\0');
    return f && !f.dir ? f : null;
  }
}
