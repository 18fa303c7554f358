// `koe render` with the full exporter: a three-speaker script to a mix, one stem per speaker and
// subtitles; then the checks the timeline issue asks for, on the files themselves: stems sum to the
// mix, cue times sit where the speech is, loudness lands on target, and every format is written.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integratedLoudness } from '../src-main/audio/export/loudness';
import { readWav, rms, srtCues } from './wav';

const work = mkdtempSync(join(tmpdir(), 'koe-cli-export-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));
const SCRIPT = 'Anna: Good morning! Welcome to the show.\nBen: Thanks, it is great to be here.\nCara: Let us begin with the news of the day.\n';
const script = join(work, 'scene.txt');
writeFileSync(script, SCRIPT);
const VOICES = ['--voice', 'Anna=espeak:en-us+f3', '--voice', 'Ben=espeak:en-gb', '--voice', 'Cara=espeak:en-us'];

function koe(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', join(work, 'data')], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}



test('mix, stems and subtitles: stems sum to the mix, cues sit on the speech', () => {
  const out = join(work, 'mix.wav');
  const r = koe(['render', script, '--out', out, '--stems', join(work, 'stems'), '--subtitles', join(work, 'scene.srt'), '--bit-depth', '24', ...VOICES]);
  expect(r.stderr).toMatch(/Wrote .*mix\.wav/);
  expect(r.code).toBe(0);
  const mix = readWav(out).channelData[0]!;
  const stems = ['Anna', 'Ben', 'Cara'].map((n) => readWav(join(work, 'stems', `${n}.wav`)).channelData[0]!);
  for (const s of stems) expect(s.length).toBe(mix.length);
  let worst = 0;
  for (let i = 0; i < mix.length; i++) worst = Math.max(worst, Math.abs(stems[0]![i]! + stems[1]![i]! + stems[2]![i]! - mix[i]!));
  expect(worst).toBeLessThan(1e-5); // 24-bit quantization of three files, nothing more

  const cues = srtCues(readFileSync(join(work, 'scene.srt'), 'utf8'));
  expect(cues.map((c) => c.label)).toEqual(['Anna', 'Ben', 'Cara']);
  const at = (sec: number) => Math.round(sec * 24000);
  for (const [i, c] of cues.entries()) {
    const inside = stems[i]!.subarray(at(c.start), at(c.end));
    expect(rms(inside)).toBeGreaterThan(0.02); // speech inside the cue
    // Just before the cue starts, this speaker is silent.
    expect(rms(stems[i]!.subarray(Math.max(0, at(c.start) - 2400), at(c.start)))).toBeLessThan(0.01);
    if (i > 0) expect(c.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
  }
});

test('loudness normalization lands within ±0.5 LU of the target with the peak under −1 dBTP', () => {
  for (const target of [-16, -23]) {
    const out = join(work, `loud${target}.wav`);
    const r = koe(['render', script, '--out', out, `--loudness=${target}`, ...VOICES]);
    expect(r.code).toBe(0);
    const wav = readWav(out);
    const lufs = integratedLoudness([wav.channelData[0]!], 24000);
    expect(Math.abs(lufs - target)).toBeLessThan(0.5);
    expect(wav.peak).toBeLessThan(0.9);
  }
});

// Decoding each format back and comparing is in src-main/audio/export/encoders.test.ts.
test('every format writes its file through the CLI, and bad options are one-line errors', () => {
  for (const [format, ext] of [['mp3', 'mp3'], ['flac', 'flac'], ['opus', 'opus']] as const) {
    const out = join(work, `mix.${ext}`);
    const r = koe(['render', script, '--out', out, '--format', format, ...VOICES]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).length).toBeGreaterThan(2000);
  }
  for (const [args, pattern] of [
    [['--format', 'aac', '--out', join(work, 'x.aac')], /not supported/],
    [['--format', 'mp3', '--out', join(work, 'x.wav')], /must end in \.mp3/],
    [['--loudness', '3', '--out', join(work, 'x.wav')], /--loudness must be/],
    [['--subtitles', join(work, 'x.txt'), '--out', join(work, 'x.wav')], /must end in \.srt or \.vtt/],
  ] as const) {
    const r = koe(['render', script, ...args]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('Run "koe help"'))[0]).toMatch(pattern);
  }
});
