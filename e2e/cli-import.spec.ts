// `koe import <manuscript> --out <project.koe>` as a user runs it: the chapters it found on stdout,
// what it left out as notes on stderr, a .koe that `koe export` renders; and each bad manuscript
// (DRM, a broken zip, a PDF named .docx, binary garbage) a one-line error that writes no file.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDocx, makeEpub } from '../test-support/manuscript/books';
import { readWav } from './wav';

const work = mkdtempSync(join(tmpdir(), 'koe-cli-import-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function koe(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', join(work, 'data')], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CHAPTERS = [
  { file: 'c1.xhtml', title: 'The Letter', body: '<h1>The Letter</h1><p>“Open it,” said Ana.</p><p>Ben opened it.</p><img src="letter.png"/>' },
  { file: 'c2.xhtml', title: 'The Reply', body: '<p>He wrote back at once.</p><table><tr><td>Dear Ana</td></tr></table>' },
];

test('an EPUB becomes a project file with its chapters, and koe export renders it', async () => {
  const book = join(work, 'letters.epub');
  writeFileSync(book, await makeEpub({ title: 'Letters', chapters: CHAPTERS }));
  const out = join(work, 'letters.koe');
  const r = koe(['import', book, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe(`Letters (EPUB): 2 chapters, 3 lines\n  1. The Letter (2 lines)\n  2. The Reply (1 line)\nWrote ${out}\n`);
  expect(r.stderr).toBe('koe: note: Left out, because a script cannot speak them: 1 image (in The Letter); 1 table (in The Reply).\n');
  expect(existsSync(out)).toBe(true);

  const json = koe(['import', book, '--out', join(work, 'again.koe'), '--json', '--name', 'My letters']);
  expect(json.code, json.stderr).toBe(0);
  expect(JSON.parse(json.stdout)).toMatchObject({ name: 'My letters', format: 'epub', chapters: [{ title: 'The Letter', lines: 2 }, { title: 'The Reply', lines: 1 }] });

  const wav = join(work, 'letters.wav');
  const e = koe(['export', out, '--out', wav]);
  expect(e.code, e.stderr).toBe(0);
  expect(e.stderr).toMatch(/Letters: 3 lines, 3 to render/);
  const audio = readWav(wav);
  // Three short sentences of speech with the gaps between them.
  expect(audio.durationSec).toBeGreaterThan(2);
  expect(audio.rms).toBeGreaterThan(0.01);
});

test('a DOCX with headings imports too', async () => {
  const doc = join(work, 'notes.docx');
  writeFileSync(doc, await makeDocx([{ heading: 1, text: 'Monday' }, { text: 'Rain.' }, { heading: 1, text: 'Tuesday' }, { text: 'Sun.', footnote: 'Mostly.' }]));
  const r = koe(['import', doc, '-o', join(work, 'notes.koe')]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^notes \(DOCX\): 2 chapters, 2 lines\n {2}1\. Monday \(1 line\)\n {2}2\. Tuesday \(1 line\)\n/);
  expect(r.stderr).toMatch(/1 footnote \(in Tuesday\)/);
});

test('bad manuscripts are one-line errors and write nothing', async () => {
  const drm = join(work, 'locked.epub');
  writeFileSync(drm, await makeEpub({ chapters: CHAPTERS, extra: { 'META-INF/encryption.xml': '<encryption><EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/></EncryptedData></encryption>' } }));
  const whole = await makeEpub({ chapters: CHAPTERS });
  const broken = join(work, 'broken.epub');
  writeFileSync(broken, whole.subarray(0, whole.length - 200));
  const pdf = join(work, 'novel.docx');
  writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
  const noise = join(work, 'noise.txt');
  writeFileSync(noise, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 24)));
  const cases: [string, RegExp][] = [
    [drm, /^koe: locked\.epub is protected by DRM \(copy protection\), so its text cannot be read\. Import a DRM-free copy of the book\. Nothing was imported\.$/],
    [broken, /^koe: broken\.epub is damaged: it is not a readable EPUB \(its zip archive is broken: .+\)\. Nothing was imported\.$/],
    [pdf, /^koe: novel\.docx is named like a Word document \(DOCX\) but is really a PDF\./],
    [noise, /^koe: noise\.txt is not a text file or a document Koe Studio can read \(it looks like binary data\)\./],
  ];
  const before = readdirSync(work).sort();
  for (const [file, message] of cases) {
    const r = koe(['import', file, '--out', join(work, 'bad.koe')]);
    expect(r.code, file).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  }
  expect(readdirSync(work).sort()).toEqual(before);
  const usage = koe(['import', drm, '--out', join(work, 'x.wav')]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/--out must name a \.koe file/);
});
