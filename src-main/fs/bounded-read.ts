// The one way the core reads a file named in a call. `stat` then `readFile` was not enough: /dev/zero
// and /proc files report size 0 and then read forever (8.5 GB in a minute), and a FIFO blocks one of
// libuv's four pool threads until a writer appears, so four of them stalled every export and upload.
// Here the file is opened non-blocking (a FIFO opens at once instead of waiting), checked on the open
// handle (no swap between the check and the read), and read to at most the cap, however large it
// turns out to be.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { KoeError } from '../contract/errors';

export interface BoundedReadOptions {
  /** Refused above this many bytes, without reading them. */
  maxBytes: number;
  /** What the file should be, for messages: "a .koe project file", "an audio file". */
  what: string;
  /** What to call the file when it is missing: "Project file" gives "Project file not found: <path>". */
  label?: string;
  /** The message when the file is over the cap (it is given the size in bytes). */
  tooLarge?: (size: number) => string;
}

// O_NONBLOCK does not exist on Windows, where FIFOs are not files one can name this way anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Opens a regular file for reading, or refuses it with not_found / invalid_args / io. */
export async function openRegularFile(path: string, what: string, label = 'File'): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KoeError('not_found', `${label} not found: ${path}`);
    if (code === 'EISDIR') throw new KoeError('invalid_args', `${path} is a folder, not ${what}.`);
    throw new KoeError('io', `Cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const info = await fh.stat();
    if (info.isDirectory()) throw new KoeError('invalid_args', `${path} is a folder, not ${what}.`);
    if (!info.isFile()) throw new KoeError('invalid_args', `${path} is not a regular file (a device, pipe or socket), so it cannot be ${what}.`);
    return { fh, size: info.size };
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

/** The whole file, if it is a regular file of at most `maxBytes`; never reads past the cap. */
export async function readBoundedFile(path: string, opts: BoundedReadOptions): Promise<Uint8Array> {
  const { fh, size } = await openRegularFile(path, opts.what, opts.label);
  try {
    if (size > opts.maxBytes) throw new KoeError('too_large', opts.tooLarge?.(size) ?? `${basename(path)} is larger than ${opts.maxBytes.toLocaleString('en')} bytes, the most ${opts.what} may be.`);
    // The size on the handle is the size read: a file that grows meanwhile is read as it was.
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await fh.read(out, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === size ? out : out.subarray(0, filled);
  } catch (e) {
    if (e instanceof KoeError) throw e;
    throw new KoeError('io', `Cannot read ${path}: ${(e as Error).message}`);
  } finally {
    await fh.close().catch(() => {});
  }
}
