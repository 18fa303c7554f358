// M4B audiobooks: AAC that decodes back to the programme, the book's tags, and chapter marks that
// read back (from our own box walk, and from ffprobe where Debian's ffmpeg is installed).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join as joinPcm, voice } from '../../../test-support/audio/signals';
import { decodeAudio } from '../decode';
import { runExport } from './export-job';
import { integratedLoudness } from './loudness';
import { chplBox, MAX_CHAPTERS, withChapters } from './mp4-chapters';
import { findBox, readChpl } from '../../../test-support/audio/mp4';
import type { ExportTimeline } from './timeline';

const RATE = 24000;
const sec = (s: number) => Math.round(s * RATE);
const talk = (s: number, seed: number) => joinPcm(new Float32Array(sec(0.2)), voice({ seconds: s, sampleRate: RATE, seed, leadSilence: 0, tailSilence: 0, level: 0.3 }), new Float32Array(sec(0.3)));

function book(): ExportTimeline {
  return {
    sampleRate: RATE,
    tracks: [{ id: 'n', name: 'Narrator' }],
    clips: [
      { id: 'c1', trackId: 'n', startSample: 0, pcm: talk(6, 1), text: 'Chapter one begins.' },
      { id: 'c2', trackId: 'n', startSample: sec(7), pcm: talk(6, 2), text: 'Chapter two begins.' },
      { id: 'c3', trackId: 'n', startSample: sec(14), pcm: talk(5, 3), text: 'And ends.' },
    ],
  };
}

/** A 1×1 PNG. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));


let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'koe-m4b-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('M4B export', () => {
  it('writes AAC at 44.1 kHz that decodes to the programme, with title, author, cover and chapter marks', async () => {
    const path = join(dir, 'Book.m4b');
    const chapters = [
      { title: 'One', startSec: 0 },
      { title: 'Deux — «les mots»', startSec: 7 },
    ];
    const res = await runExport(book(), {
      outputPath: path,
      format: 'm4b',
      sampleRate: 44100,
      loudnessTarget: -18,
      stemsDir: null,
      subtitlesPath: null,
      range: null,
      metadata: { title: 'The Book', artist: 'A. Author' },
      book: { chapters, cover: { data: PNG, mimeType: 'image/png' }, narrator: 'Koe Narrator' },
    });
    expect(res.durationSeconds).toBeCloseTo(19.5, 1);
    const bytes = new Uint8Array(await readFile(path));
    expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('ftyp');
    const decoded = await decodeAudio(bytes);
    expect(decoded.sampleRate).toBe(44100);
    // AAC adds priming and padding of a frame or two, never seconds.
    expect(Math.abs(decoded.channels[0]!.length / 44100 - 19.5)).toBeLessThan(0.1);
    expect(Math.abs(integratedLoudness(decoded.channels[0]!, 44100) - -18)).toBeLessThan(0.6);
    const chpl = findBox(bytes, ['moov', 'udta', 'chpl']);
    expect(chpl).not.toBeNull();
    expect(readChpl(chpl!)).toEqual([
      { title: 'One', start: 0 },
      { title: 'Deux — «les mots»', start: 7 },
    ]);
    const ffprobe = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-show_format', '-print_format', 'json', path], { encoding: 'utf8' });
    if (ffprobe.status === 0) {
      const info = JSON.parse(ffprobe.stdout) as { chapters: { start_time: string; end_time: string; tags: { title: string } }[]; format: { tags: Record<string, string> } };
      expect(info.chapters.map((c) => [c.tags.title, Number(c.start_time)])).toEqual([
        ['One', 0],
        ['Deux — «les mots»', 7],
      ]);
      expect(info.format.tags.title).toBe('The Book');
      expect(info.format.tags.artist).toBe('A. Author');
      expect(info.format.tags.comment).toMatch(/Synthetic speech/);
    }
  });

  it('refuses more chapter marks than the box can count, and leaves no file', async () => {
    const chapters = Array.from({ length: MAX_CHAPTERS + 1 }, (_, i) => ({ title: `C${i}`, startSec: i * 0.05 }));
    expect(() => chplBox(chapters)).toThrow(/at most 255/);
    const moov = new Uint8Array([0, 0, 0, 8, 0x6d, 0x6f, 0x6f, 0x76]);
    const withUdta = withChapters(moov, [{ title: 'Only', startSec: 0 }]);
    expect(findBox(withUdta, ['moov', 'udta', 'chpl'])).not.toBeNull();
  });
});
