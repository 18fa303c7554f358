import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MPEGDecoder } from 'mpg123-decoder';
import { KoeError } from '../../contract/errors';
import { decodeWav } from '../wav';
import { runExport, type ExportOptions, type ExportProgress } from './export-job';
import { integratedLoudness } from './loudness';
import { mixToBuffers } from './mixer';
import type { ExportTimeline } from './timeline';
import { truePeakDbtp } from './true-peak';
import { join as joinPcm, voice } from '../../../test-support/audio/signals';

const RATE = 24000;
const sec = (s: number) => Math.round(s * RATE);
const talk = (s: number, seed: number, level = 0.3) => joinPcm(new Float32Array(sec(0.25)), voice({ seconds: s, sampleRate: RATE, seed, leadSilence: 0, tailSilence: 0, level }), new Float32Array(sec(0.3)));

/** A three-speaker scene with an interruption (Ben overlaps Anna) and a pause. */
function scene(level = 0.3): ExportTimeline {
  return {
    sampleRate: RATE,
    tracks: [
      { id: 'anna', name: 'Anna', gainDb: -1, pan: -0.4 },
      { id: 'ben', name: 'Ben', pan: 0.4 },
      { id: 'cleo', name: 'Cleo', gainDb: 2 },
    ],
    clips: [
      { id: 'l1', trackId: 'anna', startSample: 0, pcm: talk(2.5, 1, level), text: 'Did you hear that? Something is out there.', fadeInSamples: 120 },
      { id: 'l2', trackId: 'ben', startSample: sec(2.4), pcm: talk(1.8, 2, level), text: 'It is only the wind.' },
      { id: 'l3', trackId: 'cleo', startSample: sec(5), pcm: talk(3, 3, level), text: 'No. The wind does not knock three times, and it does not call your name.', gainDb: -2 },
      { id: 'l4', trackId: 'anna', startSample: sec(8.8), pcm: talk(1.2, 4, level), text: 'Then who does?', fadeOutSamples: 480 },
    ],
  };
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'koe-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(over: Partial<ExportOptions> = {}): ExportOptions {
  return { outputPath: join(dir, 'mix.wav'), format: 'wav', loudnessTarget: null, stemsDir: null, subtitlesPath: null, range: null, metadata: { title: 'Knock' }, ...over };
}

async function listAll(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name).slice(root.length + 1));
  return out.sort();
}

describe('export job: files', () => {
  it('writes the mix, one stem per speaker and SRT; stems sum to the mix (before normalization)', async () => {
    const t = scene();
    const progress: ExportProgress[] = [];
    const res = await runExport(t, options({ bitDepth: 24, stemsDir: join(dir, 'stems'), subtitlesPath: join(dir, 'Knock.srt'), onProgress: (p) => progress.push(p) }));
    expect(await listAll(dir)).toEqual(['Knock.srt', 'mix.wav', 'stems/Anna.wav', 'stems/Ben.wav', 'stems/Cleo.wav']);
    expect(res.files.map((f) => f.kind)).toEqual(['mix', 'stem', 'stem', 'stem', 'subtitles']);
    const mix = decodeWav(await readFile(join(dir, 'mix.wav')));
    const stems = await Promise.all(['Anna', 'Ben', 'Cleo'].map(async (n) => decodeWav(await readFile(join(dir, 'stems', `${n}.wav`)))));
    expect(mix.frames).toBe(sec(8.8) + talk(1.2, 4).length);
    let worst = 0;
    for (let i = 0; i < mix.frames; i++) {
      const sum = stems.reduce((s, w) => s + w.channelData[0]![i]!, 0);
      worst = Math.max(worst, Math.abs(sum - mix.channelData[0]![i]!));
    }
    for (const s of stems) expect(s.frames).toBe(mix.frames);
    expect(worst).toBeLessThanOrEqual(2 / 8388607); // four roundings of half an LSB each
    expect(res.gainDb).toBe(0);
    expect(res.integratedLufs).toBeCloseTo(integratedLoudness(mixToBuffers(t).mix, RATE), 6);
    const srt = await readFile(join(dir, 'Knock.srt'), 'utf8');
    expect(srt).toMatch(/^1\n00:00:00,2\d\d --> /);
    expect(srt).toContain('Ben: It is only the wind.');
    expect(srt).toContain('Cleo: No.');
    // Progress: stages in order, never backwards, ending at 1.
    const fr = progress.map((p) => p.fraction);
    expect(fr).toEqual([...fr].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ fraction: 1, stage: 'saving' });
  });

  for (const target of [-16, -23, -14]) {
    it(`normalizes to ${target} LUFS (±0.2 measured on the decoded file) with the true peak ≤ −1 dBTP`, async () => {
      const res = await runExport(scene(0.6), options({ loudnessTarget: target, bitDepth: 24 }));
      expect(Math.abs(res.integratedLufs - target)).toBeLessThan(0.1);
      expect(res.truePeakDbtp).toBeLessThanOrEqual(-1);
      const wav = decodeWav(await readFile(join(dir, 'mix.wav')));
      expect(Math.abs(integratedLoudness(wav.channelData[0]!, RATE) - target)).toBeLessThan(0.2);
      expect(truePeakDbtp(wav.channelData[0]!)).toBeLessThanOrEqual(-1 + 0.01);
    });
  }

  it('lands a programme longer than the limiter fit’s excerpt on the target too (the first pass measures the limited mix at the excerpt’s estimate)', { timeout: 60_000 }, async () => {
    // Four minutes of three speakers at different levels: longer than the excerpt (limiter-fit.ts),
    // so the estimate from its windows is checked against the whole programme.
    const clips: ExportTimeline['clips'] = [];
    for (let i = 0, at = 0; at < sec(240); i++) {
      const pcm = talk(3 + (i % 4), 20 + i, [0.25, 0.5, 0.9][i % 3]!);
      clips.push({ id: `c${i}`, trackId: ['anna', 'ben', 'cleo'][i % 3]!, startSample: at, pcm, text: `Line ${i}.` });
      at += pcm.length;
    }
    const t: ExportTimeline = { sampleRate: RATE, tracks: [{ id: 'anna', name: 'Anna' }, { id: 'ben', name: 'Ben' }, { id: 'cleo', name: 'Cleo' }], clips };
    const res = await runExport(t, options({ loudnessTarget: -14, bitDepth: 24 }));
    expect(res.limited).toBe(true);
    expect(Math.abs(res.integratedLufs - -14)).toBeLessThan(0.1);
    const wav = decodeWav(await readFile(join(dir, 'mix.wav')));
    expect(Math.abs(integratedLoudness(wav.channelData[0]!, RATE) - -14)).toBeLessThan(0.1);
    expect(truePeakDbtp(wav.channelData[0]!)).toBeLessThanOrEqual(-1 + 0.01);
  });

  it('uses the limiter only when gain alone would break the ceiling, and says so', async () => {
    const loud = await runExport(scene(0.6), options({ loudnessTarget: -14 }));
    expect(loud.limited).toBe(true);
    const quiet = await runExport(scene(0.6), options({ loudnessTarget: -30, outputPath: join(dir, 'quiet.wav') }));
    expect(quiet.limited).toBe(false);
  });

  it('exports a stereo MP3 of a range with shifted VTT subtitles', async () => {
    const res = await runExport(scene(), options({ format: 'mp3', channels: 2, outputPath: join(dir, 'part.mp3'), subtitlesPath: join(dir, 'part.vtt'), range: { start: sec(2), end: sec(6) } }));
    expect(res.durationSeconds).toBe(4);
    const dec = new MPEGDecoder();
    await dec.ready;
    const out = dec.decode(await readFile(join(dir, 'part.mp3')));
    dec.free();
    expect(out.channelData.length).toBe(2);
    expect(out.samplesDecoded).toBe(sec(4)); // gapless: the LAME Info frame trims delay and padding
    const vtt = await readFile(join(dir, 'part.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> ')).toBe(true); // Anna's cue, cut at the range start
    expect(vtt).toContain('<v Ben>It is only the wind.');
    expect(vtt).not.toContain('Then who does?');
  });

  it('writes FLAC and Opus stems with the same names', async () => {
    for (const format of ['flac', 'opus'] as const) {
      await runExport(scene(), options({ format, outputPath: join(dir, `mix.${format}`), stemsDir: join(dir, format) }));
      expect((await readdir(join(dir, format))).sort()).toEqual([`Anna.${format}`, `Ben.${format}`, `Cleo.${format}`]);
    }
  });
});

describe('export job: cancel and failures', () => {
  it('cancel mid-encode: KoeError("cancelled") and no file at all, not even temp files', async () => {
    const ctl = new AbortController();
    const err = await runExport(scene(), options({ stemsDir: join(dir, 'stems'), subtitlesPath: join(dir, 'a.srt'), signal: ctl.signal, onProgress: (p) => p.stage === 'encoding' && ctl.abort() })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).code).toBe('cancelled');
    expect(await listAll(dir)).toEqual([]);
  });

  it('a target folder removed mid-write: KoeError("io") naming it, nothing under any final name', async () => {
    const stemsDir = join(dir, 'stems');
    const mixDir = join(dir, 'out');
    await mkdir(mixDir);
    let removed = false;
    const err = await runExport(
      scene(),
      options({
        outputPath: join(mixDir, 'mix.wav'),
        stemsDir,
        onProgress: (p) => {
          if (p.stage === 'encoding' && !removed) {
            removed = true;
            rmSync(stemsDir, { recursive: true, force: true }); // while the stems are being written
          }
        },
      }),
    ).catch((e: unknown) => e);
    expect(removed).toBe(true);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).code).toBe('io');
    expect((err as KoeError).message).toContain(`the folder "${stemsDir}" does not exist`);
    expect(await listAll(dir)).toEqual([]);
  });

  it('fails before any audio work when the output folder does not exist', async () => {
    const stages: string[] = [];
    const err = await runExport(scene(), options({ outputPath: join(dir, 'missing', 'mix.wav'), onProgress: (p) => stages.push(p.stage) })).catch((e: unknown) => e);
    expect((err as KoeError).code).toBe('io');
    expect((err as KoeError).message).toMatch(/does not exist/);
    expect(stages).toEqual(['preparing']);
  });

  it('refuses bad options and an empty export with invalid_args', async () => {
    const bad: Array<Partial<ExportOptions>> = [{ format: 'aiff' as never }, { loudnessTarget: 3 }, { subtitlesPath: join(dir, 'a.txt') }, { truePeakCeiling: 2 }, { format: 'mp3', bitrateKbps: 999 }];
    for (const o of bad) {
      const err = await runExport(scene(), options(o)).catch((e: unknown) => e);
      expect(err, JSON.stringify(o)).toBeInstanceOf(KoeError);
      expect((err as KoeError).code).toBe('invalid_args');
    }
    const muted: ExportTimeline = { ...scene(), tracks: scene().tracks.map((t) => ({ ...t, mute: true })) };
    await expect(runExport(muted, options())).rejects.toThrow(/nothing to export/);
    expect(await listAll(dir)).toEqual([]);
  });

  it('refuses two outputs with the same path', async () => {
    await expect(runExport(scene(), options({ outputPath: join(dir, 'Anna.wav'), stemsDir: dir }))).rejects.toThrow(/both be written/);
  });
});

describe('export job: responsiveness', () => {
  it('can be cancelled from a timer while it measures loudness (the event loop is not blocked)', async () => {
    const ctl = new AbortController();
    let measuring = false;
    const stages = new Set<string>();
    const job = runExport(scene(0.6), options({ loudnessTarget: -16, signal: ctl.signal, onProgress: (p) => {
      stages.add(p.stage);
      if (p.stage === 'measuring' && !measuring) {
        measuring = true;
        setImmediate(() => ctl.abort());
      }
    } }));
    const err = await job.catch((e: unknown) => e);
    expect(measuring).toBe(true);
    expect((err as KoeError).code).toBe('cancelled');
    // Stopped inside the measuring pass, not at the first await after it.
    expect([...stages]).toEqual(['preparing', 'measuring']);
  });
});

describe('export job: lossy codecs and the true-peak ceiling', () => {
  for (const format of ['mp3', 'opus'] as const) {
    it(`keeps the decoded ${format.toUpperCase()} under −1 dBTP at a loud target, re-encoding when the codec overshoots`, async () => {
      const progress: ExportProgress[] = [];
      const path = join(dir, `loud.${format === 'mp3' ? 'mp3' : 'opus'}`);
      const res = await runExport(scene(0.6), options({ format, loudnessTarget: -14, outputPath: path, stemsDir: join(dir, 'stems'), subtitlesPath: join(dir, 'loud.srt'), onProgress: (p) => progress.push(p) }));
      expect(res.encodedTruePeakDbtp).not.toBeNull();
      expect(res.encodedTruePeakDbtp!).toBeLessThanOrEqual(-1 + 0.05);
      // Measured independently on the file as written.
      const { decodeAudio } = await import('../decode');
      const decoded = await decodeAudio(new Uint8Array(await readFile(path)));
      expect(truePeakDbtp(decoded.channels)).toBeLessThanOrEqual(-1 + 0.05);
      // The file as a listener's player measures it (one channel: the export is mono).
      expect(Math.abs(integratedLoudness(decoded.channels[0]!, decoded.sampleRate) - -14)).toBeLessThan(0.3 + 0.05);
      expect(Math.abs(res.encodedLufs! - -14)).toBeLessThan(0.3 + 0.05);
      const fr = progress.map((p) => p.fraction);
      expect(fr).toEqual([...fr].sort((a, b) => a - b));
      // Stems and subtitles come after the mix settles, once each; no temp file is left by a retry.
      const ext = path.slice(path.lastIndexOf('.'));
      expect(await listAll(dir)).toEqual(['loud.srt', path.slice(dir.length + 1), `stems/Anna${ext}`, `stems/Ben${ext}`, `stems/Cleo${ext}`].sort());
      expect((await readFile(join(dir, 'loud.srt'), 'utf8')).match(/-->/g)).toHaveLength(4);
      const stem = await decodeAudio(new Uint8Array(await readFile(join(dir, 'stems', `Ben${ext}`))));
      expect(Math.abs(stem.channels[0]!.length / stem.sampleRate - decoded.channels[0]!.length / decoded.sampleRate)).toBeLessThan(0.1);
    });
  }

  it('does not decode or report an encoded peak without a loudness target', async () => {
    const res = await runExport(scene(0.3), options({ format: 'mp3', outputPath: join(dir, 'plain.mp3') }));
    expect(res.encodedTruePeakDbtp).toBeNull();
  });
});
