import { describe, expect, it } from 'vitest';
import { LoudnessMeter, integratedLoudness, kWeighting, type Biquad } from './loudness';
import { join, sine } from '../../../test-support/audio/signals';
import { seededRandom } from '../../../test-support/rng';

function responseDb(f: Biquad, freq: number, rate: number): number {
  const w = (2 * Math.PI * freq) / rate;
  // |B(e^jw)| / |A(e^jw)| with A = 1 + a1 z^-1 + a2 z^-2.
  const re = (c0: number, c1: number, c2: number) => c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
  const im = (c1: number, c2: number) => -(c1 * Math.sin(w) + c2 * Math.sin(2 * w));
  const num = Math.hypot(re(f.b0, f.b1, f.b2), im(f.b1, f.b2));
  const den = Math.hypot(re(1, f.a1, f.a2), im(f.a1, f.a2));
  return 20 * Math.log10(num / den);
}

const kDb = (rate: number, freq: number) => {
  const k = kWeighting(rate);
  return responseDb(k.shelf, freq, rate) + responseDb(k.highpass, freq, rate);
};

describe('K-weighting', () => {
  it('reproduces the 48 kHz coefficients of BS.1770-4 Tables 1 and 2', () => {
    const { shelf, highpass } = kWeighting(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 6);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 6);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 6);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 6);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 6);
    expect(highpass.a1).toBeCloseTo(-1.99004745483398, 6);
    expect(highpass.a2).toBeCloseTo(0.99007225036621, 6);
  });

  it('is designed for the actual rate: 24 kHz weighting matches the 48 kHz curve where both exist', () => {
    for (const f of [20, 40, 100, 500, 1000, 2000, 4000, 6000]) {
      expect(Math.abs(kDb(24000, f) - kDb(48000, f))).toBeLessThan(0.1);
    }
    // The familiar shape: about +0.7 dB at 1 kHz, about +4 dB in the presence region, cut below 40 Hz.
    expect(kDb(24000, 1000)).toBeCloseTo(0.69, 1);
    expect(kDb(24000, 6000)).toBeGreaterThan(3.5);
    expect(kDb(24000, 20)).toBeLessThan(-5);
  });
});

describe('integrated loudness (BS.1770-4)', () => {
  it('reads a 1 kHz sine at −20 dBFS as −23.0 LUFS, mono (one channel, weight 1)', () => {
    for (const rate of [24000, 44100, 48000]) {
      expect(Math.abs(integratedLoudness(sine(1000, -20, 20, rate), rate) - -23)).toBeLessThan(0.1);
    }
  });

  it('reads the same sine at −23 dBFS on both stereo channels as −23.0 LUFS (channel powers add)', () => {
    const s = sine(1000, -23, 20, 24000);
    expect(Math.abs(integratedLoudness([s, s], 24000) - -23)).toBeLessThan(0.1);
  });

  // EBU Tech 3341 cases 1–5 (stereo, as specified), synthesized at 24 kHz and 48 kHz.
  const tech3341: Array<{ name: string; parts: Array<[number, number]>; expected: number }> = [
    { name: 'case 1: −23 dBFS', parts: [[-23, 20]], expected: -23 },
    { name: 'case 2: −33 dBFS', parts: [[-33, 20]], expected: -33 },
    { name: 'case 3: relative gate (−36 / −23 / −36)', parts: [[-36, 10], [-23, 60], [-36, 10]], expected: -23 },
    { name: 'case 4: absolute gate (−72 / −36 / −23 / −36 / −72)', parts: [[-72, 10], [-36, 10], [-23, 60], [-36, 10], [-72, 10]], expected: -23 },
    { name: 'case 5: −26 / −20 / −26', parts: [[-26, 20], [-20, 20.1], [-26, 20]], expected: -23 },
  ];
  for (const rate of [24000, 48000]) {
    for (const c of tech3341) {
      it(`EBU Tech 3341 ${c.name} at ${rate} Hz → ${c.expected} LUFS ±0.1`, () => {
        const s = join(...c.parts.map(([db, sec]) => sine(1000, db, sec, rate)));
        expect(Math.abs(integratedLoudness([s, s], rate) - c.expected)).toBeLessThan(0.1);
      });
    }
  }

  it('gates silence out: long silent stretches do not lower the loudness', () => {
    const rate = 24000;
    const tone = sine(1000, -20, 30, rate);
    const withSilence = join(new Float32Array(rate * 15), tone, new Float32Array(rate * 60));
    const a = integratedLoudness(tone, rate);
    const b = integratedLoudness(withSilence, rate);
    // Only the few 400 ms blocks straddling the tone's edges (partly silent) may pull it down a hair.
    expect(Math.abs(a - b)).toBeLessThan(0.1);
    // Without gating, 75 s of silence against 30 s of tone would read 5.4 dB lower: the gate matters.
    expect(a).toBeCloseTo(-23, 1);
  });

  it('gives the same answer however the audio is split into blocks', () => {
    const rate = 24000;
    const r = seededRandom(7);
    const x = new Float32Array(rate * 12);
    for (let i = 0; i < x.length; i++) x[i] = (r() - 0.5) * 0.2 * (1 + Math.sin(i / 5000));
    const whole = integratedLoudness(x, rate);
    const m = new LoudnessMeter(rate, 1);
    let at = 0;
    for (const n of [1, 17, 2399, 2400, 2401, 65536, 100000]) {
      m.push([x.subarray(at, Math.min(x.length, at + n))]);
      at += n;
    }
    m.push([x.subarray(Math.min(at, x.length))]);
    expect(m.integrated()).toBeCloseTo(whole, 9);
  });

  it('has no integrated loudness for audio shorter than one 400 ms block, or for silence', () => {
    expect(integratedLoudness(sine(1000, -20, 0.39, 24000), 24000)).toBe(-Infinity);
    expect(integratedLoudness(new Float32Array(24000 * 5), 24000)).toBe(-Infinity);
    expect(integratedLoudness(sine(1000, -20, 0.4, 24000), 24000)).toBeGreaterThan(-24);
  });

  it('weights frequency: a 100 Hz tone reads quieter than 1 kHz, a 4 kHz tone louder', () => {
    const rate = 24000;
    const at1k = integratedLoudness(sine(1000, -20, 5, rate), rate);
    expect(integratedLoudness(sine(100, -20, 5, rate), rate)).toBeLessThan(at1k - 0.5);
    expect(integratedLoudness(sine(4000, -20, 5, rate), rate)).toBeGreaterThan(at1k + 2);
  });
});
