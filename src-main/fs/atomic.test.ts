// Atomic writes: complete files or nothing, and errors that say what to fix.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { AtomicFileWriter, assertWritableTarget, cleanupStaleTemps, describeFsError, writeFileAtomic } from './atomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-atomic-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const hasDevFull = existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice();

async function ioFailure(p: Promise<unknown>): Promise<KoeError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KoeError);
  expect((err as KoeError).code).toBe('io');
  return err as KoeError;
}

describe('writeFileAtomic', () => {
  it('writes bytes and text, replaces an existing file, and leaves no temp files', async () => {
    const target = join(dir, 'take.wav');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect(Array.from(readFileSync(target))).toEqual([1, 2, 3]);
    await writeFileAtomic(target, 'héllo');
    expect(readFileSync(target, 'utf8')).toBe('héllo');
    expect(readdirSync(dir)).toEqual(['take.wav']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'script.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink, keeping the link', async () => {
    const real = join(dir, 'real.txt');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.txt');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('names the missing folder', async () => {
    const folder = join(dir, 'no', 'such');
    const err = await ioFailure(writeFileAtomic(join(folder, 'out.wav'), 'x'));
    expect(err.message).toBe(`Cannot write "${join(folder, 'out.wav')}": the folder "${folder}" does not exist.`);
  });

  it('refuses a folder as the target', async () => {
    mkdirSync(join(dir, 'sub'));
    const err = await ioFailure(writeFileAtomic(join(dir, 'sub'), 'x'));
    expect(err.message).toMatch(/is a folder, not a file/);
    expect(statSync(join(dir, 'sub')).isDirectory()).toBe(true);
  });

  it('refuses a path whose folder is a file', async () => {
    writeFileSync(join(dir, 'plain'), 'x');
    const err = await ioFailure(writeFileAtomic(join(dir, 'plain', 'out.wav'), 'x'));
    expect(err.message).toMatch(/"[^"]*plain" is a file, not a folder/);
  });

  it.skipIf(!hasDevFull)('refuses /dev/full as a target before writing anything', async () => {
    const err = await ioFailure(writeFileAtomic('/dev/full', 'x'));
    expect(err.message).toMatch(/"\/dev\/full".*not a regular file/);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').some((n) => n.includes('koe-tmp'))).toBe(false);
  });

  it.skipIf(!hasDevFull)('a full disk (temp file on /dev/full) says so and creates nothing', async () => {
    const target = join(dir, 'export.wav');
    const err = await ioFailure(writeFileAtomic(target, new Uint8Array(4096), { tempPath: '/dev/full' }));
    expect(err.message).toBe(`Cannot write "${target}": the disk is full.`);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  // Root ignores folder permissions, so as root the attempt is made as "nobody" via seteuid; where
  // neither works (Windows) there is no way to be refused, and describeFsError's table still runs.
  const isRoot = process.getuid?.() === 0;
  const canBeRefused = process.platform !== 'win32' && (!isRoot || typeof process.seteuid === 'function');
  it.skipIf(!canBeRefused)('a folder that is not writable says so, naming the folder', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const target = join(locked, 'out.wav');
    let err: KoeError;
    // This file runs in its own forked worker; the effective uid is restored before anything else.
    if (isRoot) process.seteuid!(65534);
    try {
      err = await ioFailure(writeFileAtomic(target, 'x'));
    } finally {
      if (isRoot) process.seteuid!(0);
    }
    expect(err.message).toBe(`Cannot write "${target}": the folder "${locked}" is not writable (permission denied).`);
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('AtomicFileWriter', () => {
  it('streams, patches a header in place, and only appears on commit', async () => {
    const target = join(dir, 'stream.bin');
    const w = await AtomicFileWriter.open(target);
    await w.write(new Uint8Array([0, 0, 0, 0]));
    await w.write(new Uint8Array([5, 6, 7]));
    expect(w.bytesWritten).toBe(7);
    await w.writeAt(new Uint8Array([9, 9]), 1);
    expect(w.bytesWritten).toBe(7);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(readdirSync(dir)[0]).toMatch(new RegExp(`^\\.stream\\.bin\\.koe-tmp-${process.pid}-[0-9a-f]+$`));
    await w.commit();
    expect(Array.from(readFileSync(target))).toEqual([0, 9, 9, 0, 5, 6, 7]);
    expect(readdirSync(dir)).toEqual(['stream.bin']);
    await expect(w.write(new Uint8Array([1]))).rejects.toThrow(/already saved/);
  });

  it('writes issued without awaiting land in order', async () => {
    const target = join(dir, 'order.txt');
    const w = await AtomicFileWriter.open(target);
    const enc = new TextEncoder();
    void w.write(enc.encode('a'));
    void w.write(enc.encode('b'));
    void w.write(enc.encode('c'));
    await w.commit();
    expect(readFileSync(target, 'utf8')).toBe('abc');
  });

  it('abort leaves nothing behind, and an existing file untouched', async () => {
    const target = join(dir, 'keep.txt');
    writeFileSync(target, 'original');
    const w = await AtomicFileWriter.open(target);
    await w.write(new TextEncoder().encode('half of a new'));
    await w.abort();
    await w.abort();
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(readFileSync(target, 'utf8')).toBe('original');
    await expect(w.commit()).rejects.toThrow(/already discarded/);
  });

  it('flushes in the background while writing, and a failed background flush fails the commit', async () => {
    const target = join(dir, 'long.bin');
    const w = await AtomicFileWriter.open(target, { backgroundSyncBytes: 4 });
    for (let i = 0; i < 10; i++) await w.write(new Uint8Array([i, i, i]));
    await w.commit();
    expect(readFileSync(target)).toHaveLength(30);

    // Linux reports a write-back error to one flush only: the background one must not swallow it.
    const failing = join(dir, 'failing.bin');
    writeFileSync(failing, 'kept');
    const f = await AtomicFileWriter.open(failing, { backgroundSyncBytes: 4 });
    const fh = (f as unknown as { fh: { datasync(): Promise<void> } }).fh;
    let flushes = 0;
    fh.datasync = () => {
      flushes++;
      return Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    };
    await f.write(new Uint8Array(8));
    await f.write(new Uint8Array(8));
    expect(flushes).toBeGreaterThan(0);
    await ioFailure(f.commit());
    expect(readdirSync(dir).sort()).toEqual(['failing.bin', 'long.bin']);
    expect(readFileSync(failing, 'utf8')).toBe('kept');
  });

  it('commit refuses if the target became a folder meanwhile, and cleans up', async () => {
    const target = join(dir, 'x.txt');
    const w = await AtomicFileWriter.open(target);
    await w.write(new Uint8Array([1]));
    mkdirSync(target);
    const err = await ioFailure(w.commit());
    expect(err.message).toMatch(/is a folder/);
    expect(readdirSync(dir)).toEqual(['x.txt']);
  });
});

describe('assertWritableTarget', () => {
  it('accepts a new file in an existing folder and an existing regular file, creating nothing', async () => {
    expect(await assertWritableTarget(join(dir, 'new.wav'))).toBe(join(dir, 'new.wav'));
    writeFileSync(join(dir, 'old.wav'), 'x');
    await assertWritableTarget(join(dir, 'old.wav'));
    expect(readdirSync(dir).sort()).toEqual(['old.wav']);
  });
  it('resolves a link to the file it names', async () => {
    writeFileSync(join(dir, 'real.wav'), 'x');
    symlinkSync(join(dir, 'real.wav'), join(dir, 'link.wav'));
    expect(await assertWritableTarget(join(dir, 'link.wav'))).toBe(join(dir, 'real.wav'));
  });
  it('refuses a missing folder, a folder target and a device', async () => {
    expect((await ioFailure(assertWritableTarget(join(dir, 'no', 'x.wav')))).message).toMatch(/does not exist/);
    mkdirSync(join(dir, 'sub'));
    expect((await ioFailure(assertWritableTarget(join(dir, 'sub')))).message).toMatch(/is a folder/);
    if (hasDevFull) expect((await ioFailure(assertWritableTarget('/dev/full'))).message).toMatch(/not a regular file/);
  });
});

describe('describeFsError', () => {
  const p = '/music/out.wav';
  const e = (code: string) => Object.assign(new Error(`${code}: boom`), { code });
  it.each([
    ['ENOENT', 'the folder "/music" does not exist.'],
    ['EACCES', 'the folder "/music" is not writable (permission denied).'],
    ['EPERM', 'the folder "/music" is not writable (permission denied).'],
    ['EROFS', 'the folder "/music" is not writable (it is on a read-only disk).'],
    ['ENOSPC', 'the disk is full.'],
    ['EDQUOT', 'the disk is full (your storage quota is used up).'],
    ['EISDIR', 'it is a folder, not a file.'],
    ['ENAMETOOLONG', 'the file name or path is too long.'],
    ['EEXIST', 'a file with that name already exists.'],
    ['ENOTDIR', 'part of the path "/music" is a file, not a folder.'],
  ])('%s', (code, tail) => {
    expect(describeFsError(e(code), p)).toBe(`Cannot write "${p}": ${tail}`);
  });

  it('falls back to the error message', () => {
    expect(describeFsError(e('EWEIRD'), p)).toBe(`Cannot write "${p}": EWEIRD: boom`);
    expect(describeFsError('odd', p)).toBe(`Cannot write "${p}": odd`);
  });
});

describe('cleanupStaleTemps', () => {
  it('removes only our temp files older than a minute whose writer is gone', async () => {
    const old = Date.now() / 1000 - 120;
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max, so never a live process
    const stale = join(dir, `.a.wav.koe-tmp-${deadPid}-abc`);
    const fresh = join(dir, `.b.wav.koe-tmp-${deadPid}-def`);
    const live = join(dir, `.c.wav.koe-tmp-${process.ppid}-123`);
    const other = join(dir, 'notes.koe-tmp-1-x'); // not a dot file: not ours
    for (const f of [stale, fresh, live, other]) writeFileSync(f, 'x');
    for (const f of [stale, live, other]) utimesSync(f, old, old);
    mkdirSync(join(dir, `.d.koe-tmp-${deadPid}-dir`));
    expect(await cleanupStaleTemps(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([`.b.wav.koe-tmp-${deadPid}-def`, `.c.wav.koe-tmp-${process.ppid}-123`, `.d.koe-tmp-${deadPid}-dir`, 'notes.koe-tmp-1-x']);
  });

  it('a missing folder counts as nothing to clean', async () => {
    expect(await cleanupStaleTemps(join(dir, 'absent'))).toBe(0);
  });
});
