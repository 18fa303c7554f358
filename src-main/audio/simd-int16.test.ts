// The SIMD float → 16-bit conversion gives the JavaScript rule's values exactly: the rule is
// written out here once more, plainly, as the reference.
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../lib/xorshift';
import { createInt16Converter } from './simd-int16';

function reference(x: number): number {
  if (Number.isNaN(x)) return 0;
  const y = Math.max(-1, Math.min(1, x)) * 32767;
  return y < 0 ? -Math.round(-y) : Math.round(y);
}

describe('16-bit conversion in WebAssembly SIMD', () => {
  const convert = createInt16Converter();

  it('is available in this runtime', () => {
    expect(convert).not.toBeNull();
  });

  it('rounds half away from zero, clamps, and maps NaN to 0, on the edges and 2 M random samples', () => {
    const edges = [0, -0, 1, -1, 1.0000001, -1.0000001, NaN, Infinity, -Infinity, 0.5 / 32767, -0.5 / 32767, 1.5 / 32767, -1.5 / 32767, 2.5 / 32767, -2.5 / 32767, 32766.5 / 32767, 1e-30, -1e-30, 3.4e38, -3.4e38, 0.99999994, -0.99999994];
    const r = xorshift32(7);
    // Not a multiple of 8 or of the chunk: the JavaScript tail runs too.
    const n = 2_000_003;
    const pcm = new Float32Array(n);
    for (let i = 0; i < n; i++) pcm[i] = i < edges.length ? edges[i]! : r() * 2.2 - 1.1;
    // Exact ties of the rule: k + 0.5 steps, which a product rounded in float32 could get wrong.
    for (let i = 0; i < 2000; i++) pcm[edges.length + i] = (i - 1000 + 0.5) / 32767;
    const out = new Int16Array(n);
    convert!(pcm, out);
    const wrong: string[] = [];
    for (let i = 0; i < n && wrong.length < 5; i++) if (out[i] !== reference(pcm[i]!)) wrong.push(`${pcm[i]} → ${out[i]}, not ${reference(pcm[i]!)}`);
    expect(wrong).toEqual([]);
    expect(Array.from(out.subarray(0, 9))).toEqual([0, 0, 32767, -32767, 32767, -32767, 0, 32767, -32767]);
  });
});
