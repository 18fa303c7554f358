// Atomic file writes. Exports, project saves and downloads are written to a temp file in the same
// folder, flushed to disk, then renamed over the final name, so a crash, a kill or a full disk can
// never leave a half-written file where the user expects a complete one. Every failure becomes a
// KoeError('io') with one sentence a person can act on.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, lstat, open, readdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { KoeError } from '../contract/errors';

const TEMP_MARK = '.koe-tmp-';
/**
 * A long file is flushed to disk in the background every this many bytes, so the flush before the
 * rename has little left to do: an hour of 44.1 kHz WAV (318 MB) otherwise waits ~200 ms there.
 */
const BACKGROUND_SYNC_BYTES = 64 * 1024 * 1024;
const STALE_MS = 60_000;

function codeOf(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
}

/** One sentence explaining why writing `path` failed, phrased for the person who chose the path. */
export function describeFsError(err: unknown, path: string): string {
  const folder = dirname(path);
  const head = `Cannot write "${path}"`;
  switch (codeOf(err)) {
    case 'ENOENT':
      return `${head}: the folder "${folder}" does not exist.`;
    case 'ENOTDIR':
      return `${head}: part of the path "${folder}" is a file, not a folder.`;
    case 'EACCES':
    case 'EPERM':
      return `${head}: the folder "${folder}" is not writable (permission denied).`;
    case 'EROFS':
      return `${head}: the folder "${folder}" is not writable (it is on a read-only disk).`;
    case 'ENOSPC':
      return `${head}: the disk is full.`;
    case 'EDQUOT':
      return `${head}: the disk is full (your storage quota is used up).`;
    case 'EFBIG':
      return `${head}: the file is too large for this disk's file system.`;
    case 'EISDIR':
      return `${head}: it is a folder, not a file.`;
    case 'ENAMETOOLONG':
      return `${head}: the file name or path is too long.`;
    case 'EEXIST':
      return `${head}: a file with that name already exists.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${head}: the file is in use by another program.`;
    case 'EMFILE':
    case 'ENFILE':
      return `${head}: too many files are open; close some programs and try again.`;
    case 'EIO':
      return `${head}: the disk reported an input/output error.`;
    default: {
      const why = err instanceof Error ? err.message : String(err);
      return `${head}: ${why}`;
    }
  }
}

function ioError(err: unknown, path: string): KoeError {
  return err instanceof KoeError ? err : new KoeError('io', describeFsError(err, path));
}

/** Follows a symlinked target so the link keeps pointing at the (replaced) file it named. */
async function resolveTarget(path: string): Promise<string> {
  const abs = resolve(path);
  let info;
  try {
    info = await lstat(abs);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return abs;
    throw ioError(e, abs);
  }
  if (info.isSymbolicLink()) {
    try {
      return await resolveTarget(await realpath(abs));
    } catch (e) {
      if (codeOf(e) === 'ENOENT') throw new KoeError('io', `Cannot write "${abs}": it is a link to something that does not exist.`);
      throw ioError(e, abs);
    }
  }
  if (info.isDirectory()) throw new KoeError('io', `Cannot write "${abs}": it is a folder, not a file.`);
  if (!info.isFile()) throw new KoeError('io', `Cannot write "${abs}": it is a device or other special file, not a regular file, so it will not be replaced.`);
  return abs;
}

async function checkFolder(target: string): Promise<void> {
  const folder = dirname(target);
  let info;
  try {
    info = await stat(folder);
  } catch (e) {
    throw ioError(e, target);
  }
  if (!info.isDirectory()) throw new KoeError('io', `Cannot write "${target}": "${folder}" is a file, not a folder.`);
}

/**
 * Checks, before long work starts, that `path` could be written atomically: the target is a
 * regular file or absent, its folder exists and is writable. Resolves to the real target path.
 * A render that would only fail at the very end should fail in its first millisecond instead.
 */
export async function assertWritableTarget(path: string): Promise<string> {
  const target = await resolveTarget(path);
  await checkFolder(target);
  try {
    await access(dirname(target), fsConstants.W_OK);
  } catch (e) {
    throw ioError(e, target);
  }
  return target;
}

function tempNameFor(target: string): string {
  // Truncated so a long but legal final name does not fail as ENAMETOOLONG on its temp file.
  const name = basename(target).slice(0, 120);
  return join(dirname(target), `.${name}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable. Some platforms cannot open or fsync a folder; that is fine.
  let fh: FileHandle | undefined;
  try {
    fh = await open(folder, 'r');
    await fh.sync();
  } catch (e) {
    const code = codeOf(e);
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close().catch(() => {});
  }
}

/**
 * Writes a file through a temp file and commits it with a rename. write() appends at the end,
 * writeAt() patches earlier bytes (e.g. a WAV header's sizes); bytesWritten is the file's length.
 * Nothing appears under the final name until commit() succeeds; abort() removes the temp file.
 */
export class AtomicFileWriter {
  private fh: FileHandle | null;
  private queue: Promise<void> = Promise.resolve();
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private size = 0;
  private unsynced = 0;
  /** The background flush in flight, if any; its failure is kept and reported by commit(). */
  private syncing: Promise<void> | null = null;
  private syncError: unknown = null;

  private constructor(
    readonly path: string,
    private readonly tempPath: string,
    fh: FileHandle,
    /** Only a regular file we opened may ever be renamed or unlinked (never e.g. /dev/full). */
    private readonly tempIsRegular: boolean,
    private readonly backgroundSyncBytes: number,
  ) {
    this.fh = fh;
  }

  get bytesWritten(): number {
    return this.size;
  }

  /**
   * `tempPath` replaces the generated temp name (tests use /dev/full to simulate a full disk);
   * `backgroundSyncBytes` the interval of background flushes (tests make it small).
   */
  static async open(path: string, opts: { tempPath?: string; backgroundSyncBytes?: number } = {}): Promise<AtomicFileWriter> {
    const target = await resolveTarget(path);
    await checkFolder(target);
    const tempPath = opts.tempPath ?? tempNameFor(target);
    let fh: FileHandle;
    try {
      // 'wx' for our own name: never reuse or follow something already there. A chosen temp path
      // may be a device, so it is opened plainly and checked below.
      fh = await open(tempPath, opts.tempPath ? 'w' : 'wx', 0o666);
    } catch (e) {
      throw ioError(e, target);
    }
    let regular = false;
    try {
      const info = await fh.stat();
      regular = info.isFile();
      // Keep an existing file's permissions rather than resetting them to the umask default.
      if (regular) {
        const old = await stat(target).catch(() => null);
        if (old) await fh.chmod(old.mode & 0o7777);
      }
    } catch (e) {
      await fh.close().catch(() => {});
      if (regular) await unlink(tempPath).catch(() => {});
      throw ioError(e, target);
    }
    return new AtomicFileWriter(target, tempPath, fh, regular, opts.backgroundSyncBytes ?? BACKGROUND_SYNC_BYTES);
  }

  write(chunk: Uint8Array): Promise<void> {
    return this.enqueue(async (fh) => {
      await writeFully(fh, chunk, this.size);
      this.size += chunk.length;
      this.unsynced += chunk.length;
      if (this.unsynced >= this.backgroundSyncBytes && !this.syncing && this.tempIsRegular) {
        this.unsynced = 0;
        // Not awaited: writing goes on meanwhile. Linux reports a write-back error to one flush
        // only, so a failure here is kept for commit() rather than trusted to resurface there.
        this.syncing = fh.datasync().then(
          () => { this.syncing = null; },
          (e: unknown) => { this.syncError ??= e; this.syncing = null; },
        );
      }
    });
  }

  writeAt(chunk: Uint8Array, position: number): Promise<void> {
    if (!Number.isInteger(position) || position < 0) return Promise.reject(new RangeError(`write position must be a whole number ≥ 0, got ${position}`));
    return this.enqueue(async (fh) => {
      await writeFully(fh, chunk, position);
      this.size = Math.max(this.size, position + chunk.length);
    });
  }

  /** Flushes to disk and renames into place; on failure the temp file is removed. */
  async commit(): Promise<void> {
    await this.enqueue(async (fh) => {
      try {
        if (!this.tempIsRegular) throw new KoeError('io', `Cannot write "${this.path}": the temporary file is not a regular file.`);
        await this.syncing;
        if (this.syncError) throw this.syncError;
        await fh.sync();
        await fh.close();
        this.fh = null;
        // The target may have changed since open(); still never replace a device or a folder.
        await resolveTarget(this.path);
        await rename(this.tempPath, this.path);
        this.state = 'committed';
        await syncFolder(dirname(this.path));
      } catch (e) {
        if (this.state !== 'committed') await this.cleanup();
        throw ioError(e, this.path);
      }
    });
  }

  /** Discards everything written; safe to call more than once or after a failure. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    await this.queue.catch(() => {});
    await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    this.state = 'aborted';
    const fh = this.fh;
    this.fh = null;
    await this.syncing;
    await fh?.close().catch(() => {});
    if (this.tempIsRegular) await unlink(this.tempPath).catch(() => {});
  }

  private enqueue(op: (fh: FileHandle) => Promise<void>): Promise<void> {
    const run = async () => {
      if (this.state !== 'open' || !this.fh) throw new KoeError('io', `Cannot write "${this.path}": the file was already ${this.state === 'committed' ? 'saved' : 'discarded'}.`);
      try {
        await op(this.fh);
      } catch (e) {
        throw ioError(e, this.path);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }
}

async function writeFully(fh: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, done, chunk.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** Writes a whole file atomically (see AtomicFileWriter). */
export async function writeFileAtomic(path: string, data: Uint8Array | string, opts: { tempPath?: string } = {}): Promise<void> {
  const w = await AtomicFileWriter.open(path, opts);
  try {
    await w.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    await w.commit();
  } catch (e) {
    await w.abort();
    throw e;
  }
}

function ownerAlive(name: string): boolean {
  const pid = Number(/koe-tmp-(\d+)-/.exec(name)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

/**
 * Removes temp files a killed process left in `dir`: regular files named like ours, untouched for
 * over a minute (or `minAgeMs`), whose writing process is gone. Returns how many were removed.
 */
export async function cleanupStaleTemps(dir: string, opts: { minAgeMs?: number } = {}): Promise<number> {
  const minAge = opts.minAgeMs ?? STALE_MS;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return 0;
    throw ioError(e, join(dir, '.'));
  }
  let removed = 0;
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('.') || !name.includes(TEMP_MARK)) continue;
    const full = join(dir, name);
    try {
      const info = await lstat(full);
      if (!info.isFile() || now - info.mtimeMs < minAge || ownerAlive(name)) continue;
      await unlink(full);
      removed++;
    } catch {
      // Gone already or not ours to remove; start-up must not fail over a leftover.
    }
  }
  return removed;
}
