// The built `koe` command, as a user runs it: output, exit codes, one-line errors, no partial files.
import { test, expect } from '@playwright/test';
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plausibleDuration, readWav } from './wav';

const dataDir = mkdtempSync(join(tmpdir(), 'koe-cli-'));
const work = mkdtempSync(join(tmpdir(), 'koe-cli-work-'));
test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function koe(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', dataDir], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('Run "koe help"'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

test('normalize prints the words that will be spoken', () => {
  const r = koe(['normalize', 'Dr. Smith paid $5.50 for 3 items on Jan. 5th.']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Doctor Smith paid five dollars and fifty cents for three items on January fifth/i);
});

test('voices lists the embedded voices, as text and JSON', () => {
  const json = koe(['voices', '--json']);
  expect(json.code).toBe(0);
  const voices = JSON.parse(json.stdout) as { id: string; kind: string }[];
  expect(voices.length).toBeGreaterThan(100);
  expect(voices.map((v) => v.id)).toEqual(expect.arrayContaining(['espeak:en-us', 'espeak:fr-fr', 'espeak:cmn']));
  const text = koe(['voices', '--language', 'fr']);
  expect(text.stdout).toMatch(/espeak:fr-fr/);
  expect(text.stdout).not.toMatch(/espeak:en-us/);
});

test('phonemize shows IPA, with non-ASCII text intact', () => {
  const r = koe(['phonemize', '¿Qué tal?', '--lang', 'es']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/kˈe/);
});

test('phonemize shows Kokoro phonemes and where each word came from', () => {
  const misaki = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');
  test.skip(!existsSync(misaki), 'needs misaki lexicons in KOE_MISAKI_DIR or ../shared/data/misaki');
  const lex = join(dataDir, 'models', 'misaki');
  mkdirSync(lex, { recursive: true });
  for (const f of ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json']) copyFileSync(join(misaki, f), join(lex, f));
  const r = koe(['phonemize', 'I read the record; Zorbleflux was there.']);
  expect(r.code).toBe(0);
  const rows = new Map(r.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s{2,}/)).map(([w, p, src]) => [w, { p, src }]));
  expect(rows.get('record')).toEqual({ p: 'ɹˈɛkəɹd', src: 'gold' });
  expect(rows.get('Zorbleflux')?.src).toBe('espeak');
  const json = JSON.parse(koe(['phonemize', 'the podcasters', '--json']).stdout);
  expect(json.words.map((w: { source: string }) => w.source)).toEqual(['gold', 'morphology']);
});

test('phonemize reads Japanese and Mandarin, naming what it cannot read', () => {
  test.setTimeout(240_000); // the dictionaries load on first use
  // 東京 トーキョー, 行きます イキマス (JMdict); 银行 yin2 hang2 (CC-CEDICT).
  const ja = koe(['phonemize', '東京に行きます。', '--lang', 'ja']);
  expect(ja.code).toBe(0);
  expect(ja.stdout.split('\n')[0]).toBe('toːkʲoː ɲi ikʲimasɨ.');
  const zh = koe(['phonemize', '银行', '--lang', 'zh', '--json']);
  expect(zh.code).toBe(0);
  expect(JSON.parse(zh.stdout)).toEqual({ phonemes: 'i↗nxa↗ŋ', words: [{ text: '银行', phonemes: 'i↗nxa↗ŋ', source: 'dictionary' }] });
  // U+2A6A5 has no reading: a note names it and where it stands, and the rest is still read.
  const rare = koe(['phonemize', '他写了\u{2A6A5}字', '--lang', 'zh']);
  expect(rare.code).toBe(0);
  expect(rare.stderr).toMatch(/note: .*“\u{2A6A5}” in “他写了\u{2A6A5}字”/u);
  expect(rare.stdout.split('\n')[0]).toBe('tʰa→ ɕje↓ lɤ ʦɨ↘');
});

test('render writes a WAV whose duration fits the text', () => {
  const script = 'Ana: Good morning, how are you today?\nBen: Very well, thank you. And you?\n';
  const scriptPath = join(work, 'scene.txt');
  writeFileSync(scriptPath, script);
  const out = join(work, 'scene.wav');
  const r = koe(['render', scriptPath, '--out', out, '--voice', 'Ana=espeak:en-us', '--voice', 'Ben=espeak:en-gb', '--bit-depth', '16']);
  expect(r.stderr).toMatch(/Wrote .*scene\.wav/);
  expect(r.code).toBe(0);
  const wav = readWav(out);
  expect(wav.sampleRate).toBe(24000);
  expect(wav.bitDepth).toBe(16);
  const { min, max } = plausibleDuration(script.replace(/\w+:/g, ''));
  expect(wav.durationSec).toBeGreaterThan(min);
  expect(wav.durationSec).toBeLessThan(max);
  expect(wav.rms).toBeGreaterThan(0.01);
});

test('render from standard input, resampled at the edge', () => {
  const out = join(work, 'stdin.wav');
  const r = koe(['render', '-', '--out', out, '--voice', 'espeak:en-us', '--sample-rate', '48000'], 'Hello there.');
  expect(r.code).toBe(0);
  expect(readWav(out).sampleRate).toBe(48000);
});

test.describe('bad input: one clear line, non-zero exit, no file left', () => {
  const out = () => join(work, `bad-${Math.random().toString(36).slice(2)}.wav`);
  const script = join(work, 'ok.txt');
  test.beforeAll(() => writeFileSync(script, 'Hello there.\n'));

  test('missing script file', () => {
    const o = out();
    expectOneLineError(koe(['render', join(work, 'nope.txt'), '--out', o]), /not found/);
    expect(existsSync(o)).toBe(false);
  });
  test('empty script', () => {
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '\n# only a comment\n');
    const o = out();
    expectOneLineError(koe(['render', empty, '--out', o]), /no lines/);
    expect(existsSync(o)).toBe(false);
  });
  test('binary garbage', () => {
    const bin = join(work, 'garbage.bin');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expectOneLineError(koe(['render', bin, '--out', out()]), /not a text file/);
  });
  test('unknown voice', () => {
    const o = out();
    expectOneLineError(koe(['render', script, '--out', o, '--voice', 'espeak:xx-nope']), /Unknown voice "espeak:xx-nope"/);
    expect(existsSync(o)).toBe(false);
  });
  test('text in a script the voice cannot read', () => {
    const thai = join(work, 'thai.txt');
    writeFileSync(thai, 'สวัสดีครับ ยินดีที่ได้รู้จัก\n');
    expectOneLineError(koe(['render', thai, '--out', out(), '--voice', 'espeak:en-us']), /cannot read Thai script/);
  });
  test('missing export folder', () => {
    expectOneLineError(koe(['render', script, '--out', join(work, 'no', 'such', 'dir', 'x.wav')]), /folder .* does not exist|does not exist/);
  });
  test('output that is a device, not a file (a link to /dev/full)', () => {
    const link = join(work, 'device.wav');
    symlinkSync('/dev/full', link);
    expectOneLineError(koe(['render', script, '--out', link]), /not a regular file/i);
    expect(lstatSync(link).isSymbolicLink()).toBe(true); // the link itself is untouched
  });
  test('output that is a folder', () => {
    const dir = join(work, 'folder.wav');
    mkdirSync(dir, { recursive: true });
    expectOneLineError(koe(['render', script, '--out', dir]), /is a folder, not a file/);
  });
  test('read-only export folder fails before rendering', () => {
    test.skip(process.getuid?.() === 0, 'root can write to any folder');
    const ro = join(work, 'ro');
    mkdirSync(ro, { recursive: true });
    chmodSync(ro, 0o555);
    expectOneLineError(koe(['render', script, '--out', join(ro, 'x.wav')]), /not writable/);
  });
  test('unknown flag and bad values', () => {
    expectOneLineError(koe(['render', script, '--out', out(), '--rate', '7']), /--rate must be/);
    expectOneLineError(koe(['render', script, '--loud']), /Unknown option/i);
    expectOneLineError(koe(['frobnicate']), /unknown command/);
  });
});

test('SIGKILL during render never leaves a partial file under the final name', async () => {
  const long = join(work, 'long.txt');
  writeFileSync(long, Array.from({ length: 30 }, (_, i) => `Speaker${i % 3}: This is line number ${i + 1} of a long scene, spoken slowly and clearly.`).join('\n'));
  // Kill at points the CLI reports itself: early, midway, and as it starts writing the file.
  for (const killAt of [/Rendering line 2 /, /Rendering line 15 /, /Writing/]) {
    const o = join(work, `killed-${readdirSync(work).length}.wav`);
    const child = spawn(process.execPath, ['bin/koe.js', 'render', long, '--out', o, '--progress', '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (killAt.test(err)) resolve();
      });
      child.once('exit', () => resolve());
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Either nothing is there yet, or the rename happened and the file is complete.
    if (existsSync(o)) expect(readWav(o).durationSec).toBeGreaterThan(30);
  }
  // No half-written file carries a .wav name a user would trust.
  expect(readdirSync(work).filter((f) => f.startsWith('killed') && !/^killed-\d+\.wav$/.test(f) && f.endsWith('.wav'))).toEqual([]);
});
