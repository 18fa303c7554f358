// The ".part" file a download or import grows before it is verified, and the file helpers around
// it. Opening is injectable so tests can hand in /dev/full and see a real ENOSPC, the way the
// AtomicFileWriter tests do; the AtomicFileWriter itself does not fit here because a download must
// append to the same temp file across attempts and runs, and its temp file dies with the process.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KoeError } from '../contract/errors';
import { describeFsError } from '../fs/atomic';

export const PART_SUFFIX = '.part';

export interface PartFile {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes to disk first when `sync`, so a verified file survives a power cut after the rename. */
  close(opts?: { sync?: boolean }): Promise<void>;
}

export type OpenPart = (path: string, mode: 'append' | 'truncate') => Promise<PartFile>;

/** A write that failed on our side (disk, permissions), as opposed to the network. */
export class WriteFailure extends Error {
  constructor(readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

export const openPartFile: OpenPart = async (path, mode) => {
  let fh: FileHandle;
  try {
    fh = await open(path, mode === 'append' ? 'a' : 'w', 0o644);
  } catch (e) {
    throw new WriteFailure(e);
  }
  return {
    async write(chunk) {
      try {
        let done = 0;
        while (done < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, done, chunk.length - done);
          if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
          done += bytesWritten;
        }
      } catch (e) {
        throw new WriteFailure(e);
      }
    },
    async close(opts = {}) {
      try {
        if (opts.sync) await fh.sync();
      } catch (e) {
        await fh.close().catch(() => {});
        throw new WriteFailure(e);
      }
      await fh.close();
    },
  };
};

/** The disk-side failure as the sentence a person can act on (disk full, permissions…). */
export function writeError(e: unknown, finalPath: string, hint = ''): KoeError {
  const cause = e instanceof WriteFailure ? e.failure : e;
  if (cause instanceof KoeError) return cause;
  return new KoeError('io', `${describeFsError(cause, finalPath)}${hint ? ` ${hint}` : ''}`);
}

/** Size of a file, or null when it does not exist; other errors (permissions) propagate. */
export async function sizeOf(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
}

export async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * Feeds a file's bytes into `hash` (a new sha256 when absent) in streamed chunks: a 300 MB model
 * is hashed without holding it in memory or blocking the event loop for more than a chunk.
 */
export async function hashFile(path: string, hash: Hash = createHash('sha256'), signal?: AbortSignal): Promise<{ hash: Hash; bytes: number }> {
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash, bytes };
}

export async function sha256File(path: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const { hash, bytes } = await hashFile(path, undefined, signal);
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Renames a verified file over its final name and makes the rename durable. The old file, if any,
 * stays in place until this instant, so a failure anywhere before leaves it usable.
 */
export async function commitFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    throw writeError(e, to, 'The previous file, if any, is unchanged.');
  }
  let fh: FileHandle | undefined;
  try {
    fh = await open(dirname(to), 'r');
    await fh.sync();
  } catch {
    // Some platforms cannot fsync a folder; the rename still happened.
  } finally {
    await fh?.close().catch(() => {});
  }
}
