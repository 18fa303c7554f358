// The SIMD interpolation gives interpolatedPeakAt's values to float32 precision, at every position
// of a chunk (the last group's spare lanes included), and the true-peak meter built on it finds the
// same peak as a sample-by-sample scan.
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../lib/xorshift';
import { TRUE_PEAK_CONTEXT, TruePeakMeter, absMax, interpolatedPeakAt, peakKernel } from './export/true-peak';
import { WINDOW_SPAN, WINDOW_STRIDE, createWindowMax } from './simd-true-peak';
import { voice } from '../../test-support/audio/signals';

describe('true-peak interpolation in WebAssembly SIMD', () => {
  it('matches the JavaScript interpolation at every point, across chunk boundaries', () => {
    const r = xorshift32(11);
    const n = 40_003;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (r() * 2 - 1) * (i % 5000 < 2500 ? 1 : 0.01);
    const from = TRUE_PEAK_CONTEXT.before;
    const to = n - TRUE_PEAK_CONTEXT.after;
    const kernel = peakKernel();
    expect(kernel).not.toBeNull();
    const out = new Float32Array(to - from);
    kernel!(x, from, to, out);
    let worst = 0;
    for (let i = from; i < to; i++) {
      const want = interpolatedPeakAt(x, i);
      worst = Math.max(worst, Math.abs(out[i - from]! - want) / Math.max(want, 1e-3));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('lets the meter find the peak a sample-by-sample scan finds, on loud and quiet speech', () => {
    for (const level of [0.05, 0.9, 1.7]) {
      const x = voice({ seconds: 6, sampleRate: 24000, level, seed: 3 });
      const padded = new Float32Array(x.length + 32);
      padded.set(x, 16);
      let want = 0;
      for (let i = TRUE_PEAK_CONTEXT.before; i < padded.length - TRUE_PEAK_CONTEXT.after; i++) want = Math.max(want, interpolatedPeakAt(padded, i));
      const meter = new TruePeakMeter(1);
      for (let at = 0; at < x.length; at += 4099) meter.push([x.subarray(at, at + 4099)]);
      meter.finish();
      expect(Math.abs(meter.peak - want) / want).toBeLessThan(1e-6);
    }
  });

  it('finds the largest |x| of every stretch exactly, across blocks of 1,024 stretches a call', () => {
    const r = xorshift32(5);
    const n = 3000 * WINDOW_STRIDE + WINDOW_SPAN + 13;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (r() * 2 - 1) * Math.pow(10, -3 * r());
    const windowMax = createWindowMax();
    expect(windowMax).not.toBeNull();
    for (const from of [0, 5]) {
      const windows = Math.floor((n - from - WINDOW_SPAN) / WINDOW_STRIDE) + 1;
      const out = new Float32Array(windows);
      windowMax!(x, from, windows, out);
      for (let k = 0; k < windows; k++) {
        const at = from + k * WINDOW_STRIDE;
        if (out[k] !== absMax(x, at, at + WINDOW_SPAN)) throw new Error(`stretch ${k} from ${from}: ${out[k]} ≠ ${absMax(x, at, at + WINDOW_SPAN)}`);
      }
    }
  });
});
