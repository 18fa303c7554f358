import { describe, expect, it } from 'vitest';
import { TRUE_PEAK_CONTEXT, TruePeakMeter, interpolatedPeakAt, truePeakDbtp } from './true-peak';
import { ramped, sine } from '../../../test-support/audio/signals';
import { seededRandom } from '../../../test-support/rng';

const db = (x: number) => 20 * Math.log10(x);

describe('true peak (BS.1770-4 Annex 2, 4× oversampling)', () => {
  it('reads a 997 Hz full-scale sine as 0 dBTP', () => {
    for (const rate of [24000, 48000]) {
      expect(Math.abs(truePeakDbtp(ramped(sine(997, 0, 2, rate), rate)))).toBeLessThan(0.05);
    }
  });

  it('finds the inter-sample peak a sample meter misses (fs/4 sine, 45° phase: samples 3 dB low)', () => {
    const rate = 24000;
    const x = ramped(sine(rate / 4, -6, 1, rate, Math.PI / 4), rate);
    let samplePeak = 0;
    for (const v of x) samplePeak = Math.max(samplePeak, Math.abs(v));
    expect(db(samplePeak)).toBeCloseTo(-6 - 3.01, 1);
    expect(Math.abs(truePeakDbtp(x) - -6)).toBeLessThan(0.1);
  });

  it('is never below the sample peak, and at most the true value for band-limited tones', () => {
    const rate = 24000;
    for (const f of [50, 440, 3000, 7000, 9000]) {
      for (const ph of [0, 0.3, 1.1]) {
        const x = ramped(sine(f, -3, 0.5, rate, ph), rate);
        const tp = truePeakDbtp(x);
        let sp = 0;
        for (const v of x) sp = Math.max(sp, Math.abs(v));
        expect(tp).toBeGreaterThanOrEqual(db(sp) - 1e-9);
        expect(tp).toBeLessThan(-3 + 0.1);
        // 4× oversampling under-reads at most cos(π f / (4 fs)) … here well under 0.6 dB.
        expect(tp).toBeGreaterThan(-3 - 0.6);
      }
    }
  });

  it('streams: any split gives the same peak as a brute-force scan with no shortcuts', () => {
    const r = seededRandom(3);
    const x = new Float32Array(50000);
    for (let i = 0; i < x.length; i++) x[i] = (r() - 0.5) * (i % 9000 < 300 ? 1.6 : 0.2);
    const padded = new Float32Array(x.length + 40);
    padded.set(x, 20);
    let brute = 0;
    for (let n = 20 - TRUE_PEAK_CONTEXT.after; n < 20 + x.length + TRUE_PEAK_CONTEXT.before; n++) brute = Math.max(brute, interpolatedPeakAt(padded, n));
    const m = new TruePeakMeter(1);
    let at = 0;
    for (const n of [1, 5, 63, 64, 65, 4096, 7]) {
      m.push([x.subarray(at, at + n)]);
      at += n;
    }
    m.push([x.subarray(at)]);
    m.finish();
    expect(m.peak).toBeCloseTo(brute, 6);
  });

  it('takes the loudest of two channels', () => {
    const quiet = sine(997, -12, 1, 24000);
    const loud = sine(997, -2, 1, 24000);
    expect(truePeakDbtp([quiet, loud])).toBeCloseTo(-2, 1);
  });

  it('counts the ringing of a hard start: a tone switched on at full level reads over its amplitude', () => {
    const rate = 24000;
    expect(truePeakDbtp(sine(rate / 4, -6, 1, rate, Math.PI / 4))).toBeGreaterThan(-6 + 0.05);
  });

  it('reads silence as −Infinity dBTP', () => {
    expect(truePeakDbtp(new Float32Array(1000))).toBe(-Infinity);
  });
});
