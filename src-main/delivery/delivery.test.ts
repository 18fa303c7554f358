// Delivery: what a plan refuses, how chapters are cut, and a chapter set that appears whole or not
// at all — with the ACX check run on the files as delivered.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join as joinPcm, voice } from '../../test-support/audio/signals';
import type { ExportTimeline } from '../audio/export/timeline';
import { assertChaptersHaveAudio, chapterFileName, chapterSpans, chapterStartsOf } from './chapters';
import { deliver } from './deliver';
import { planDelivery, type ExportArgs } from './plan';

const RATE = 24000;
const sec = (s: number) => Math.round(s * RATE);
const talk = (s: number, seed: number) => joinPcm(new Float32Array(sec(0.15)), voice({ seconds: s, sampleRate: RATE, seed, leadSilence: 0, tailSilence: 0, level: 0.3 }), new Float32Array(sec(0.2)));

function args(over: Partial<ExportArgs> = {}): ExportArgs {
  return { jobId: 'job-12345678', projectId: 'p', bitDepth: 16, preset: null, loudness: null, stems: false, subtitles: 'none', channels: 1, range: null, destination: { kind: 'file', path: '/tmp/x.wav' }, ...over } as ExportArgs;
}

function book(): ExportTimeline {
  return {
    sampleRate: RATE,
    tracks: [{ id: 'n', name: 'Narrator' }],
    clips: [
      { id: 'a', trackId: 'n', startSample: 0, pcm: talk(12, 1), text: 'One.' },
      { id: 'b', trackId: 'n', startSample: sec(13), pcm: talk(11, 2), text: 'Two.' },
    ],
  };
}

describe('delivery plan', () => {
  it('settles ACX to MP3 192 kbit/s, 44.1 kHz mono, one file per chapter, an RMS target and a −3.5 dBTP ceiling', () => {
    const p = planDelivery(args({ preset: 'acx', destination: { kind: 'folder', path: '/tmp/book' } }));
    expect(p).toMatchObject({ format: 'mp3', bitrateKbps: 192, sampleRate: 44100, channels: 1, chapters: 'files', level: 'rms', loudnessTarget: -20, ceiling: -3.5 });
    expect(planDelivery(args({ format: 'm4b' }))).toMatchObject({ chapters: 'marks', sampleRate: 44100 });
    expect(planDelivery(args({ preset: 'broadcast', format: 'wav' }))).toMatchObject({ loudnessTarget: -23, level: 'lufs', sampleRate: 48000 });
  });

  it('refuses contradictions with a sentence that says what to change', () => {
    const folder = { kind: 'folder', path: '/tmp/b' } as const;
    expect(() => planDelivery(args({ preset: 'acx', format: 'wav', destination: folder }))).toThrow(/ACX \/ Audible files are MP3 at 192 kbit\/s.*WAV is not accepted/);
    expect(() => planDelivery(args({ preset: 'acx', channels: 2, destination: folder }))).toThrow(/choose mono/);
    expect(() => planDelivery(args({ preset: 'acx' }))).toThrow(/needs a folder/);
    expect(() => planDelivery(args({ preset: 'podcast', loudness: -18 }))).toThrow(/sets the level itself/);
    expect(() => planDelivery(args({ format: 'mp3', chapters: 'marks' }))).toThrow(/Chapter marks go into M4B/);
    expect(() => planDelivery(args({ destination: folder }))).toThrow(/folder destination is for one file per chapter/);
    expect(() => planDelivery(args({ chapters: 'files', destination: folder, range: { startSample: 0, endSample: 10 } }))).toThrow(/range cannot also be cut into chapters/);
    expect(() => planDelivery(args({ chapters: 'files', destination: folder, stems: true }))).toThrow(/Stems are made for a whole export/);
  });

  it('takes an MP3 VBR quality in place of a bitrate, and only for MP3', () => {
    expect(planDelivery(args({ format: 'mp3', vbr: 2 }))).toMatchObject({ vbrQuality: 2, bitrateKbps: undefined });
    expect(() => planDelivery(args({ format: 'mp3', vbr: 2, bitrate: 128 }))).toThrow(/constant bitrate or a VBR quality, not both/);
    expect(() => planDelivery(args({ format: 'opus', vbr: 2 }))).toThrow(/VBR quality is an MP3 choice/);
    expect(() => planDelivery(args({ preset: 'acx', vbr: 2, destination: { kind: 'folder', path: '/tmp/b' } }))).toThrow(/a constant bitrate; leave VBR out/);
  });
});

describe('chapters', () => {
  it('start at the markers, the first at 0 with the project title, duplicates and markers past the end dropped', () => {
    expect(chapterSpans([{ title: 'Two', startSample: 500 }, { title: 'Dup', startSample: 500 }, { title: 'Late', startSample: 2000 }], 1000, 'Book')).toEqual([
      { title: 'Book', start: 0, end: 500 },
      { title: 'Two', start: 500, end: 1000 },
    ]);
    expect(chapterSpans([{ title: 'Opening', startSample: 0 }], 1000, 'Book')).toEqual([{ title: 'Opening', start: 0, end: 1000 }]);
    expect(chapterFileName(2, 12, 'The Storm: "Part" 1?', 'mp3')).toBe('03 - The Storm Part 1.mp3');
  });

  it("take the script's ## chapters when it has any, else the markers; a heading with no lines is refused", () => {
    const markers = [{ label: 'Marker', atMs: 1500 }];
    expect(chapterStartsOf([], markers, RATE)).toEqual([{ title: 'Marker', startSample: sec(1.5) }]);
    const chapters = [{ title: 'One', startSample: 0, lineCount: 2 }, { title: 'Two', startSample: sec(9), lineCount: 1 }];
    expect(chapterStartsOf(chapters, markers, RATE)).toEqual([{ title: 'One', startSample: 0 }, { title: 'Two', startSample: sec(9) }]);
    expect(() => chapterStartsOf([...chapters, { title: 'Three', startSample: sec(20), lineCount: 0 }], markers, RATE)).toThrow(/Chapter "Three" has no lines under its heading/);
  });

  it('refuses a chapter with no audio, naming it', () => {
    const t = book();
    const spans = chapterSpans([{ title: 'Silent', startSample: sec(12.45) }, { title: 'Two', startSample: sec(13) }], sec(24.35), 'Book');
    expect(() => assertChaptersHaveAudio(spans, t)).toThrow(/Chapter 2 \("Silent", 0:12–0:13\) has no audio/);
  });
});

describe('one file per chapter', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'koe-deliver-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const run = (timeline: ExportTimeline, folder: string) =>
    deliver({
      timeline,
      plan: planDelivery(args({ preset: 'acx', destination: { kind: 'folder', path: folder } })),
      output: { kind: 'folder', path: folder },
      range: null,
      chapterStarts: [{ title: 'The Second', startSample: sec(13) }],
      title: 'A Book',
      book: { author: 'A. Writer' },
      signal: new AbortController().signal,
      onProgress: () => {},
    });

  it('writes every chapter as an ACX file that passes the checks, and no hidden folder stays', async () => {
    const folder = join(dir, 'out');
    const done = await run(book(), folder);
    expect((await readdir(folder)).sort()).toEqual(['01 - A Book.mp3', '02 - The Second.mp3']);
    expect(done.report?.pass).toBe(true);
    expect(done.report?.files.map((f) => f.checks.map((c) => c.id))).toEqual([
      ['rms', 'peak', 'noise-floor', 'head', 'tail', 'length', 'sample-rate', 'channels', 'bitrate'],
      ['rms', 'peak', 'noise-floor', 'head', 'tail', 'length', 'sample-rate', 'channels', 'bitrate'],
    ]);
  });

  it('leaves nothing in the folder when a later chapter fails', async () => {
    const folder = join(dir, 'out');
    const t = book();
    const good = t.clips[1]!.pcm as Float32Array;
    t.clips[1] = { ...t.clips[1]!, pcm: { length: good.length, load: () => new Float32Array(3) } };
    await expect(run(t, folder)).rejects.toThrow(/audio changed while exporting/);
    expect(await readdir(folder)).toEqual([]);
  });
});
