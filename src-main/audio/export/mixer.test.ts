import { describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { fadeIn, fadeOut } from '../pcm';
import { Mixer, mixToBuffers } from './mixer';
import { integratedLoudness } from './loudness';
import type { ExportClip, ExportTimeline, ExportTrack } from './timeline';
import { voice } from '../../../test-support/audio/signals';
import { seededRandom } from '../../../test-support/rng';

const RATE = 24000;

function ramp(n: number, from = 0.1, step = 0.001): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = from + step * i;
  return x;
}

function noise(n: number, seed: number, level = 0.3): Float32Array {
  const r = seededRandom(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = (r() - 0.5) * 2 * level;
  return x;
}

function timeline(tracks: ExportTrack[], clips: ExportClip[]): ExportTimeline {
  return { sampleRate: RATE, tracks, clips };
}

const mono = (t: ExportTimeline, opts = {}) => mixToBuffers(t, opts).mix[0]!;

describe('mixer: gains, fades, trims, overlaps', () => {
  it('applies clip and track gain in dB', () => {
    const pcm = new Float32Array(100).fill(0.5);
    const out = mono(timeline([{ id: 'a', gainDb: 6 }], [{ trackId: 'a', startSample: 10, pcm, gainDb: -12 }]));
    expect(out.length).toBe(110);
    expect(out[5]).toBe(0);
    expect(out[50]!).toBeCloseTo(0.5 * Math.pow(10, -6 / 20), 6);
  });

  it('fades with the same raised-cosine curve as pcm.ts, after trimming', () => {
    const pcm = ramp(1000);
    const clip: ExportClip = { trackId: 'a', startSample: 0, pcm, trimStartSamples: 100, trimEndSamples: 200, fadeInSamples: 48, fadeOutSamples: 96 };
    const out = mono(timeline([{ id: 'a' }], [clip]));
    const expected = pcm.slice(100, 800);
    fadeIn(expected, 2, RATE); // 48 samples at 24 kHz
    fadeOut(expected, 4, RATE); // 96 samples
    expect(out.length).toBe(700);
    for (let i = 0; i < 700; i++) expect(out[i]!).toBeCloseTo(expected[i]!, 6);
    expect(out[0]!).toBeLessThan(0.001);
    expect(out[699]!).toBeLessThan(0.001);
    expect(out[300]).toBe(pcm[400]);
  });

  it('sums overlapping clips, on one track and across tracks', () => {
    const a = new Float32Array(100).fill(0.25);
    const b = new Float32Array(100).fill(0.125);
    const c = new Float32Array(100).fill(0.0625);
    const out = mono(
      timeline(
        [{ id: 'x' }, { id: 'y' }],
        [
          { trackId: 'x', startSample: 0, pcm: a },
          { trackId: 'x', startSample: 50, pcm: b }, // interrupts on the same track
          { trackId: 'y', startSample: 75, pcm: c },
        ],
      ),
    );
    expect(out[25]).toBe(0.25);
    expect(out[60]).toBe(0.375);
    expect(out[80]).toBe(0.4375);
    expect(out[120]).toBe(0.1875);
    expect(out[160]).toBe(0.0625);
    expect(out.length).toBe(175);
  });

  it('mute silences a track; solo keeps only soloed tracks; mute beats solo', () => {
    const clips: ExportClip[] = [
      { trackId: 'a', startSample: 0, pcm: new Float32Array(10).fill(0.5) },
      { trackId: 'b', startSample: 0, pcm: new Float32Array(10).fill(0.25) },
      { trackId: 'c', startSample: 0, pcm: new Float32Array(10).fill(0.125) },
    ];
    expect(mono(timeline([{ id: 'a', mute: true }, { id: 'b' }, { id: 'c' }], clips))[0]).toBe(0.375);
    expect(mono(timeline([{ id: 'a' }, { id: 'b', solo: true }, { id: 'c' }], clips))[0]).toBe(0.25);
    expect(mono(timeline([{ id: 'a', solo: true, mute: true }, { id: 'b', solo: true }, { id: 'c' }], clips))[0]).toBe(0.25);
  });

  it('ends at the last heard clip: a muted clip at the end does not pad the export', () => {
    const t = timeline([{ id: 'a' }, { id: 'b', mute: true }], [
      { trackId: 'a', startSample: 0, pcm: new Float32Array(100).fill(0.1) },
      { trackId: 'b', startSample: 500, pcm: new Float32Array(100).fill(0.1) },
    ]);
    expect(new Mixer(t).length).toBe(100);
  });

  it('gives identical output whatever the block size', () => {
    const t = timeline([{ id: 'a', gainDb: -3 }, { id: 'b', pan: 0.3 }], [
      { trackId: 'a', startSample: 3, pcm: noise(5000, 1), fadeInSamples: 500, fadeOutSamples: 700, trimStartSamples: 11 },
      { trackId: 'b', startSample: 2000, pcm: noise(4000, 2), gainDb: 2, fadeInSamples: 1000 },
    ]);
    for (const channels of [1, 2] as const) {
      const ref = mixToBuffers(t, { channels });
      for (const blockSize of [1, 7, 1000, 4096]) {
        const got = mixToBuffers(t, { channels, blockSize });
        expect(got.mix).toEqual(ref.mix);
        expect(got.stems).toEqual(ref.stems);
      }
    }
  });
});

describe('mixer: stems and ranges', () => {
  const scene = timeline(
    [
      { id: 'anna', name: 'Anna', gainDb: -2, pan: -0.5 },
      { id: 'ben', name: 'Ben', gainDb: 1, pan: 0.4 },
      { id: 'cleo', name: 'Cleo', mute: true },
      { id: 'dev', name: 'Dev', pan: 1 },
    ],
    [
      { trackId: 'anna', startSample: 0, pcm: voice({ seconds: 1.5, sampleRate: RATE, seed: 1 }), fadeInSamples: 240, fadeOutSamples: 480 },
      { trackId: 'ben', startSample: 30000, pcm: voice({ seconds: 2, sampleRate: RATE, seed: 2 }), gainDb: -1 },
      { trackId: 'cleo', startSample: 5000, pcm: voice({ seconds: 1, sampleRate: RATE, seed: 3 }) },
      { trackId: 'dev', startSample: 45000, pcm: voice({ seconds: 1, sampleRate: RATE, seed: 4 }), trimStartSamples: 1000 },
      { trackId: 'anna', startSample: 70000, pcm: voice({ seconds: 1, sampleRate: RATE, seed: 5 }) },
    ],
  );

  for (const channels of [1, 2] as const) {
    it(`makes one stem per heard track that sums to the ${channels === 1 ? 'mono' : 'stereo'} mix exactly`, () => {
      const { mix, stems, stemTracks } = mixToBuffers(scene, { channels, blockSize: 10000 });
      expect(stemTracks.map((t) => t.name)).toEqual(['Anna', 'Ben', 'Dev']);
      for (let c = 0; c < channels; c++) {
        const sum = new Float32Array(mix[c]!.length);
        for (const s of stems) {
          expect(s[c]!.length).toBe(mix[c]!.length);
          for (let i = 0; i < sum.length; i++) sum[i]! += s[c]![i]!;
        }
        expect(sum).toEqual(mix[c]);
      }
    });
  }

  it('pans with equal power: stereo loudness equals mono loudness, hard right is right only', () => {
    const mono1 = mixToBuffers(scene).mix;
    const stereo = mixToBuffers(scene, { channels: 2 });
    expect(integratedLoudness(stereo.mix, RATE)).toBeCloseTo(integratedLoudness(mono1, RATE), 1);
    const dev = stereo.stems[2]!;
    let left = 0;
    let right = 0;
    for (let i = 0; i < dev[0]!.length; i++) {
      left = Math.max(left, Math.abs(dev[0]![i]!));
      right = Math.max(right, Math.abs(dev[1]![i]!));
    }
    expect(left).toBeLessThan(1e-7);
    expect(right).toBeGreaterThan(0.05);
  });

  it('exports a range: the same samples as the whole mix, stems cut to the same span', () => {
    const whole = mixToBuffers(scene);
    const part = mixToBuffers(scene, { range: { start: 20000, end: 52345 }, blockSize: 999 });
    expect(part.mix[0]!.length).toBe(32345);
    expect(part.mix[0]).toEqual(whole.mix[0]!.slice(20000, 52345));
    expect(part.stems[1]![0]).toEqual(whole.stems[1]![0]!.slice(20000, 52345));
  });

  it('pads a range that runs past the end with silence', () => {
    const m = mixToBuffers(scene, { range: { start: 90000, end: 200000 } });
    expect(m.mix[0]!.length).toBe(110000);
    expect(m.mix[0]![109999]).toBe(0);
  });
});

describe('mixer: bad input', () => {
  it('names the clip whose track does not exist, and every other problem, in one error', () => {
    const t = timeline([{ id: 'a' }], [
      { id: 'line-7', trackId: 'gone', startSample: 0, pcm: new Float32Array(10) },
      { trackId: 'a', startSample: 0, pcm: new Float32Array(10), gainDb: Number.NaN },
      { trackId: 'a', startSample: -5, pcm: new Float32Array(10) },
      { trackId: 'a', startSample: 0, pcm: new Float32Array(10), trimStartSamples: 6, trimEndSamples: 6 },
    ]);
    let err: unknown;
    try {
      new Mixer(t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KoeError);
    const k = err as KoeError;
    expect(k.code).toBe('invalid_args');
    expect(k.message).toContain('Clip "line-7" is on track "gone", which does not exist');
    expect(k.message).toContain('3 more problems');
    expect(Object.keys(k.details ?? {})).toEqual(['clips.0.trackId', 'clips.1.gainDb', 'clips.2.startSample', 'clips.3.trim']);
  });

  it('refuses a backwards range', () => {
    const t = timeline([{ id: 'a' }], [{ trackId: 'a', startSample: 0, pcm: new Float32Array(10) }]);
    expect(() => new Mixer(t, { range: { start: 50, end: 10 } })).toThrow(/range must run forward/);
  });

  it('an empty timeline mixes to nothing', () => {
    expect(new Mixer(timeline([{ id: 'a' }], [])).length).toBe(0);
    expect([...new Mixer(timeline([{ id: 'a' }], [])).blocks()]).toEqual([]);
  });
});
