// PCM helpers: levels, joins without clicks, trimming and fades.
import { describe, expect, it } from 'vitest';
import { concat, crossfadeJoin, dbfs, durationSec, fadeIn, fadeOut, findClicks, peak, rms, silence, toMono, trimSilence } from './pcm';

function sine(freq: number, n: number, amp: number, phase = 0, rate = 24000): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return out;
}

/** Largest sample-to-sample step a sine of this frequency and amplitude can take. */
function maxStep(freq: number, amp: number, rate = 24000): number {
  return 2 * amp * Math.sin((Math.PI * freq) / rate);
}

describe('levels', () => {
  it('peak, rms and dbfs', () => {
    const x = new Float32Array([0.5, -0.75, 0.25, 0]);
    expect(peak(x)).toBe(0.75);
    expect(rms(x)).toBeCloseTo(Math.sqrt((0.25 + 0.5625 + 0.0625) / 4), 7);
    expect(rms(new Float32Array(0))).toBe(0);
    expect(peak(new Float32Array(0))).toBe(0);
    expect(dbfs(1)).toBe(0);
    expect(dbfs(0.5)).toBeCloseTo(-6.0206, 4);
    expect(dbfs(0)).toBe(-Infinity);
    expect(rms(sine(440, 24000, 1))).toBeCloseTo(Math.SQRT1_2, 4);
  });

  it('durationSec takes a count or an array', () => {
    expect(durationSec(48000)).toBe(2);
    expect(durationSec(new Float32Array(22050), 22050)).toBe(1);
  });
});

describe('building clips', () => {
  it('toMono averages channels', () => {
    const m = toMono([new Float32Array([1, 0.5, 0]), new Float32Array([0, -0.5, 1])]);
    expect(Array.from(m)).toEqual([0.5, 0, 0.5]);
    const one = new Float32Array([0.1, 0.2]);
    const copy = toMono([one]);
    expect(copy).toEqual(one);
    expect(copy).not.toBe(one);
    expect(toMono([]).length).toBe(0);
    expect(Array.from(toMono([new Float32Array([1, 1]), new Float32Array([1])]))).toEqual([1, 0.5]);
  });

  it('concat and silence', () => {
    expect(Array.from(concat([new Float32Array([1]), new Float32Array(0), new Float32Array([2, 3])]))).toEqual([1, 2, 3]);
    expect(concat([]).length).toBe(0);
    expect(silence(250).length).toBe(6000);
    expect(silence(10, 22050).length).toBe(221);
    expect(silence(-5).length).toBe(0);
    expect(peak(silence(100))).toBe(0);
    expect(() => silence(Number.NaN)).toThrow(RangeError);
  });
});

describe('trimSilence', () => {
  it('cuts leading and trailing silence and keeps the pad', () => {
    const speech = sine(200, 4800, 0.3); // 200 ms
    const clip = concat([silence(500), new Float32Array(100).fill(1e-4), speech, silence(300)]);
    const trimmed = trimSilence(clip);
    // −80 dBFS hiss is below the −50 dB threshold; 10 ms windows plus 20 ms pad on each side.
    expect(trimmed.length).toBeGreaterThanOrEqual(4800 + 2 * 480);
    expect(trimmed.length).toBeLessThanOrEqual(4800 + 2 * 480 + 2 * 240);
    expect(rms(trimmed.subarray(0, 240))).toBeLessThan(1e-3);
    expect(peak(trimmed)).toBeCloseTo(0.3, 3);
  });

  it('honours threshold and pad, and returns nothing for pure silence', () => {
    const clip = concat([silence(100), sine(300, 2400, 0.01), silence(100)]); // −43 dBFS rms
    expect(trimSilence(clip, { thresholdDb: -30 }).length).toBe(0);
    expect(trimSilence(clip, { padMs: 0 }).length).toBe(2400);
    expect(trimSilence(silence(1000)).length).toBe(0);
    expect(trimSilence(new Float32Array(0)).length).toBe(0);
  });

  it('keeps a sound at the very start or end', () => {
    const s = sine(300, 2400, 0.5);
    expect(trimSilence(s).length).toBe(2400);
  });
});

describe('fades', () => {
  it('fade in rises from near zero, fade out falls to near zero, in place', () => {
    const x = new Float32Array(2400).fill(1);
    expect(fadeIn(x, 50)).toBe(x);
    expect(x[0]).toBeLessThan(0.001);
    expect(x[600]).toBeCloseTo(0.5, 2);
    expect(x[1199]).toBeGreaterThan(0.999);
    expect(x[1200]).toBe(1);
    fadeOut(x, 50);
    expect(x[2399]).toBeLessThan(0.001);
    expect(x[1800]).toBeCloseTo(0.5, 2);
    expect(x[1199]).toBeGreaterThan(0.999);
    // Monotonic ramps: no wobble a listener could hear.
    for (let i = 1; i < 1200; i++) expect(x[i]!).toBeGreaterThanOrEqual(x[i - 1]!);
    const short = new Float32Array(10).fill(1);
    fadeOut(short, 1000);
    expect(short[9]).toBeLessThan(0.05);
  });
});

describe('crossfadeJoin', () => {
  const a = sine(220, 24000 * 0.31, 0.8, 0.4);
  const b = sine(330, 24000 * 0.27, 0.8, 2.1);
  // A normal step of the livelier sine, with headroom for the equal-power mix of both.
  const threshold = 1.25 * maxStep(330, 0.8);

  it('a plain join of two unrelated sines clicks (the check can see a click)', () => {
    const jump = Math.abs(b[0]! - a[a.length - 1]!);
    expect(jump).toBeGreaterThan(threshold);
    expect(findClicks(concat([a, b]), threshold)).toEqual([a.length]);
  });

  it('a 10 ms equal-power crossfade has no step larger than a normal sample step', () => {
    const out = crossfadeJoin(a, b, 10);
    expect(out.length).toBe(a.length + b.length - 240);
    expect(findClicks(out, threshold)).toEqual([]);
    expect(out[0]).toBe(a[0]);
    expect(out[out.length - 1]).toBe(b[b.length - 1]);
  });

  it('keeps loudness through the overlap for unrelated material', () => {
    const n1 = sine(1000, 24000, 0.5);
    const n2 = sine(1370, 24000, 0.5, 1);
    const out = crossfadeJoin(n1, n2, 200);
    const overlap = out.subarray(24000 - 4800, 24000);
    expect(Math.abs(dbfs(rms(overlap)) - dbfs(rms(n1)))).toBeLessThan(0.5);
  });

  it('shrinks the overlap to fit short clips and leaves inputs alone', () => {
    const s1 = new Float32Array([1, 1, 1]);
    const s2 = new Float32Array([0, 0]);
    const out = crossfadeJoin(s1, s2, 100);
    expect(out.length).toBe(3);
    expect(Array.from(s1)).toEqual([1, 1, 1]);
    expect(out[0]).toBe(1);
    expect(Array.from(crossfadeJoin(s1, s2, 0))).toEqual([1, 1, 1, 0, 0]);
  });
});

describe('findClicks', () => {
  it('reports the index after each jump', () => {
    expect(findClicks(new Float32Array([0, 0.1, 0.9, 0.85, -0.2]), 0.5)).toEqual([2, 4]);
    expect(findClicks(new Float32Array(0), 0.1)).toEqual([]);
  });
});
