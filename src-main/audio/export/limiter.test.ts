import { describe, expect, it } from 'vitest';
import { PeakLimiter } from './limiter';
import { TRUE_PEAK_CONTEXT, interpolatedPeakAt, peakKernel, truePeakDbtp } from './true-peak';
import { integratedLoudness } from './loudness';
import { join, ramped, sine, voice } from '../../../test-support/audio/signals';

function runLimiter(channels: Float32Array[], ceilingDbtp: number, chunk = 4096, gain = 1, simd = true): { out: Float32Array[]; limiter: PeakLimiter } {
  const limiter = new PeakLimiter({ sampleRate: 24000, channels: channels.length, ceilingDbtp, simd });
  const parts: Float32Array[][] = channels.map(() => []);
  for (let at = 0; at < channels[0]!.length; at += chunk) {
    const o = limiter.process(channels.map((c) => c.subarray(at, at + chunk)), gain);
    o.forEach((c, i) => parts[i]!.push(c));
  }
  limiter.flush().forEach((c, i) => parts[i]!.push(c));
  return { out: parts.map((p) => join(...p)), limiter };
}

describe('look-ahead peak limiter', () => {
  it('gives back exactly as many samples as it was given, in any chunking', () => {
    const x = voice({ seconds: 2, sampleRate: 24000, level: 0.9 });
    for (const chunk of [1, 7, 100, 4096, 1 << 20]) {
      expect(runLimiter([x], -1, chunk).out[0]!.length).toBe(x.length);
    }
  });

  it('leaves audio under the ceiling untouched, sample for sample', () => {
    const x = voice({ seconds: 3, sampleRate: 24000, level: 0.2 });
    const { out, limiter } = runLimiter([x], -1, 1000);
    expect(limiter.lowestGain).toBe(1);
    expect(Array.from(out[0]!)).toEqual(Array.from(x));
  });

  it('holds the true peak of loud speech under −1 dBTP while barely changing its loudness', () => {
    const rate = 24000;
    const x = voice({ seconds: 20, sampleRate: rate, level: 1.6, seed: 5 });
    expect(truePeakDbtp(x)).toBeGreaterThan(2);
    const { out, limiter } = runLimiter([x], -1);
    expect(truePeakDbtp(out[0]!)).toBeLessThanOrEqual(-1);
    expect(limiter.lowestGain).toBeLessThan(0.8);
    // Peak control, not a volume knob: the programme loudness moves by only a few tenths.
    expect(integratedLoudness(x, rate) - integratedLoudness(out[0]!, rate)).toBeLessThan(1.5);
  });

  it('catches inter-sample peaks: an fs/4 tone whose samples sit 3 dB under its true peak', () => {
    const rate = 24000;
    const x = ramped(sine(rate / 4, 1, 2, rate, Math.PI / 4), rate); // true peak +1 dBTP, samples −2 dBFS
    const { out } = runLimiter([x], -1);
    expect(truePeakDbtp(out[0]!)).toBeLessThanOrEqual(-1);
    expect(truePeakDbtp(out[0]!)).toBeGreaterThan(-1.5);
  });

  it('links stereo channels: one gain for both, so the image does not shift', () => {
    const rate = 24000;
    const l = voice({ seconds: 4, sampleRate: rate, level: 1.5, seed: 2 });
    const r = new Float32Array(l.length);
    for (let i = 0; i < l.length; i++) r[i] = l[i]! * 0.25;
    const { out } = runLimiter([l, r], -1);
    expect(truePeakDbtp(out)).toBeLessThanOrEqual(-1);
    for (let i = 0; i < l.length; i += 97) expect(out[1]![i]!).toBeCloseTo(out[0]![i]! * 0.25, 6);
  });

  it('takes a gain on the way in that gives exactly what the block scaled beforehand gives', () => {
    const x = voice({ seconds: 3, sampleRate: 24000, level: 0.5, seed: 4 });
    const gain = Math.pow(10, 7.3 / 20);
    const scaled = x.map((v) => v * gain);
    const want = runLimiter([scaled], -1, 1000).out[0]!;
    const got = runLimiter([x], -1, 1000, gain);
    expect(got.limiter.lowestGain).toBeLessThan(0.9);
    expect(got.out[0]!.every((v, i) => v === want[i])).toBe(true);
  });

  it('computes exactly what the plain per-sample rule gives, mono and stereo, in any chunking, with and without SIMD', () => {
    // The limiter skips work (quiet spans at rest, samples that provably need no gain, a queue of
    // only the gains under 1); none of that may change a single output sample. With SIMD it takes
    // each interpolated peak from the SIMD kernel (float32 sums), so its rule is checked with those.
    expect(peakKernel()).not.toBeNull();
    for (const simd of [true, false]) {
      for (const channels of [1, 2]) {
        const chans = Array.from({ length: channels }, (_, c) => {
          const x = join(voice({ seconds: 4, sampleRate: 24000, level: 1.5, seed: 7 + c }), new Float32Array(30000), voice({ seconds: 3, sampleRate: 24000, level: 0.3, seed: 9 }));
          return x;
        });
        const want = referenceLimiter(chans, -1, simd);
        for (const chunk of [333, 65536]) {
          const got = runLimiter(chans, -1, chunk, 1, simd).out;
          for (let c = 0; c < channels; c++) expect(got[c]!.every((v, i) => v === want[c]![i]), `${simd ? 'SIMD' : 'JS'}, ${channels} ch, chunk ${chunk}`).toBe(true);
        }
      }
    }
  });
});

/**
 * The limiter's rule sample by sample with nothing skipped: the needed gain of every sample
 * (threshold ÷ interpolated peak), its minimum over the window, an exponential release snapped to
 * unity, and the window's average (exactly 1 when every gain in it is) applied W − 1 samples later.
 */
function referenceLimiter(chans: Float32Array[], ceilingDbtp: number, simd: boolean): Float32Array[] {
  const rate = 24000;
  const W = Math.round((5 * rate) / 1000);
  const threshold = Math.pow(10, (ceilingDbtp - 0.1) / 20);
  const release = 1 - Math.exp(-1000 / (100 * rate));
  const n = chans[0]!.length;
  const before = TRUE_PEAK_CONTEXT.before;
  const padded = chans.map((c) => {
    const p = new Float32Array(before + n + W + 64);
    p.set(c, before);
    return p;
  });
  // Every sample's interpolated peak, as the limiter computes it (SIMD kernel, or JavaScript).
  const peaks = padded.map((p) => {
    if (simd) {
      const out = new Float32Array(n + W);
      peakKernel()!(p, before, before + n + W - 1, out);
      return out;
    }
    const out = new Float64Array(n + W);
    for (let i = 0; i < n + W - 1; i++) out[i] = interpolatedPeakAt(p, i + before);
    return out;
  });
  const needs: number[] = [];
  const out = chans.map(() => new Float32Array(n));
  let env = 1;
  const avg: number[] = Array<number>(W).fill(1);
  let sum = W;
  for (let i = 0; i < n + W - 1; i++) {
    let peak = 0;
    for (const p of peaks) peak = Math.max(peak, p[i]!);
    needs.push(peak > threshold ? threshold / peak : 1);
    const held = Math.min(...needs.slice(Math.max(0, i - W + 1)));
    let released = env + (1 - env) * release;
    if (released > 1 - 1e-4) released = 1;
    env = held < released ? held : released;
    sum += env - avg[i % W]!;
    avg[i % W] = env;
    const o = i - (W - 1);
    if (o < 0) continue;
    const g = avg.every((v) => v === 1) ? 1 : Math.min(1, sum * (1 / W));
    chans.forEach((c, k) => (out[k]![o] = c[o]! * g));
  }
  return out;
}
