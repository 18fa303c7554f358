// A script's `## ` chapters on delivery: `koe render --chapters` writes one file per chapter, named in
// reading order by the headings (lines before the first heading open the book under its title); an
// M4B carries them as chapter marks; a heading with no lines under it is refused before anything renders.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBox, readChpl } from '../test-support/audio/mp4';
import { readWav } from './wav';

const work = mkdtempSync(join(tmpdir(), 'koe-cli-chapters-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const BOOK = [
  'Narrator: A short opening, before the first chapter.',
  '## The Storm',
  'Anna: The wind came up at dusk.',
  'Ben: Close the shutters, quickly.',
  '## Calm',
  'Anna: By morning it had passed.',
].join('\n');

function koe(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', join(work, 'data')], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--chapters writes one file per script chapter, in reading order, each with its lines', () => {
  const script = join(work, 'book.txt');
  writeFileSync(script, BOOK);
  const out = join(work, 'chapters');
  const r = koe(['render', script, '--chapters', out, '--format', 'wav', '--title', 'Sea Book']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/Wrote 3 chapter files in .*\(.*4 lines/);
  const files = readdirSync(out).sort();
  expect(files).toEqual(['01 - Sea Book.wav', '02 - The Storm.wav', '03 - Calm.wav']);
  // The Storm holds two lines, the others one: its file is clearly the longest.
  const secs = files.map((f) => readWav(join(out, f)).durationSec);
  expect(secs[1]!).toBeGreaterThan(secs[0]!);
  expect(secs[1]!).toBeGreaterThan(secs[2]!);
  for (const s of secs) expect(s).toBeGreaterThan(0.5);
});

test('an M4B of the script carries its chapters as chapter marks', () => {
  const script = join(work, 'book.txt');
  writeFileSync(script, BOOK);
  const out = join(work, 'book.m4b');
  const r = koe(['render', script, '--out', out, '--format', 'm4b', '--title', 'Sea Book']);
  expect(r.code, r.stderr).toBe(0);
  const chpl = findBox(new Uint8Array(readFileSync(out)), ['moov', 'udta', 'chpl']);
  expect(chpl).not.toBeNull();
  const marks = readChpl(chpl!);
  expect(marks.map((m) => m.title)).toEqual(['Sea Book', 'The Storm', 'Calm']);
  expect(marks[0]!.start).toBe(0);
  expect(marks[1]!.start).toBeGreaterThan(0.5);
  expect(marks[2]!.start).toBeGreaterThan(marks[1]!.start + 1);
});

test('a chapter heading with no lines under it is refused by name, and nothing is written', () => {
  const script = join(work, 'empty.txt');
  writeFileSync(script, 'Anna: Before.\n## Empty\n## Calm\nAnna: By morning it had passed.\n');
  const out = join(work, 'empty-chapters');
  const r = koe(['render', script, '--chapters', out, '--format', 'wav']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/Chapter "Empty" has no lines under its heading/);
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
});
