// Exports that go wrong, as a user meets them on the command line: a disk that fills half-way, a
// process killed mid-render, a cover that is not an image. Each says so in one line, leaves nothing
// under the final name, and leaves no work files behind (or has them swept at the next start).
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'koe-faults-'));
const work = mkdtempSync(join(tmpdir(), 'koe-faults-work-'));
test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function koe(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stderr: r.stderr };
}

function oneLine(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('Run "koe help"'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const script = (lines: number) => Array.from({ length: lines }, (_, i) => `${['Ana', 'Ben'][i % 2]}: This is line number ${i + 1}, spoken slowly and clearly for the test.`).join('\n');

test('a disk that fills half-way: one line saying so, no file, no work files left', () => {
  const mnt = join(work, 'small-disk');
  mkdirSync(mnt);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]).status === 0;
  test.skip(!mounted, 'needs to mount a 1 MB tmpfs (root on Linux)');
  try {
    const path = join(work, 'long.txt');
    writeFileSync(path, script(12));
    // Twelve lines of 24-bit WAV are several MB: the 1 MB disk fills part-way through the write.
    oneLine(koe(['render', path, '--out', join(mnt, 'scene.wav')]), /full|no space/i);
    expect(readdirSync(mnt)).toEqual([]);
  } finally {
    spawnSync('umount', [mnt]);
  }
});

test('killed mid-render: the lines parked on disk are swept at the next start', async () => {
  const path = join(work, 'kill.txt');
  writeFileSync(path, script(30));
  const out = join(work, 'killed.wav');
  const child = spawn(process.execPath, ['bin/koe.js', 'render', path, '--out', out, '--progress', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (/Rendering line 6 /.test(err)) resolve();
    });
    child.once('exit', () => resolve());
  });
  const spills = () => (existsSync(join(dataDir, 'tmp')) ? readdirSync(join(dataDir, 'tmp')).filter((n) => n.startsWith('koe-spill-')) : []);
  expect(spills().length).toBe(1);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(existsSync(out)).toBe(false);
  expect(spills().length).toBe(1); // a killed process cleans nothing up
  expect(koe(['voices', '--json']).code).toBe(0); // any next start
  expect(spills()).toEqual([]);
});

test('a cover that is not an image is refused before anything renders', () => {
  const path = join(work, 'short.txt');
  writeFileSync(path, 'Narrator: A short book.');
  const out = join(work, 'book.m4b');
  oneLine(koe(['render', path, '--out', out, '--format', 'm4b', '--cover', path]), /short\.txt is not a JPEG or PNG image/);
  expect(existsSync(out)).toBe(false);
  oneLine(koe(['render', path, '--out', out, '--format', 'm4b', '--cover', join(work, 'nope.jpg')]), /Cover image not found/);
  oneLine(koe(['render', path, '--chapters', join(work, 'acx'), '--preset', 'acx', '--format', 'wav']), /ACX \/ Audible files are MP3.*WAV is not accepted/);
  expect(existsSync(join(work, 'acx'))).toBe(false);
});
