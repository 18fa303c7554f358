// The meters against signals whose figures the standard fixes: a 997 Hz sine at full scale reads
// −3.01 LUFS (BS.1770-4, mono, one channel of weight 1), so the same sine at −20 dBFS reads −23.01;
// its peak is the sine's amplitude. Stereo with the sine on both channels adds +3.01 LU.
import { describe, expect, it } from 'vitest';
import { ShortTermMeter } from './short-term-meter';

const RATE = 24000;

function sine(freq: number, dbfs: number, seconds: number, rate = RATE): Float32Array {
  const a = Math.pow(10, dbfs / 20);
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => a * Math.sin((2 * Math.PI * freq * i) / rate));
}

function framesOf(meter: ShortTermMeter, chans: Float32Array[], block = 1000) {
  const n = chans[0]!.length;
  for (let at = 0; at < n; at += block) meter.push(chans.map((c) => c.subarray(at, Math.min(n, at + block))));
  meter.flush();
  return meter.take();
}

describe('ShortTermMeter', () => {
  it('reads a full-scale 997 Hz sine at −3.01 LUFS once its 3 s window is full', () => {
    const frames = framesOf(new ShortTermMeter(RATE, 1), [sine(997, 0, 4)]);
    expect(frames).toHaveLength(40);
    expect(frames.at(-1)!.lufs).toBeCloseTo(-3.01, 1);
    expect(frames.at(-1)!.peakDb).toBeCloseTo(0, 2);
  });

  it('reads a 1 kHz sine at −20 dBFS as −20 dBFS peak and about −23.0 LUFS, at 24 and 48 kHz', () => {
    for (const rate of [24000, 48000]) {
      const frames = framesOf(new ShortTermMeter(rate, 1), [sine(1000, -20, 3.5, rate)]);
      const last = frames.at(-1)!;
      expect(last.peakDb).toBeCloseTo(-20, 1);
      expect(Math.abs(last.lufs - -23.0)).toBeLessThan(0.1);
    }
  });

  it('adds the channels: the same sine on left and right reads 3.01 LU louder', () => {
    const s = sine(1000, -20, 3.2);
    const mono = framesOf(new ShortTermMeter(RATE, 1), [s]).at(-1)!.lufs;
    const stereo = framesOf(new ShortTermMeter(RATE, 2), [s, s]).at(-1)!.lufs;
    expect(stereo - mono).toBeCloseTo(3.01, 1);
  });

  it('rises while its window fills, falls back after the sound stops, and reads silence as −Infinity', () => {
    const tone = sine(1000, -20, 3);
    const frames = framesOf(new ShortTermMeter(RATE, 1), [Float32Array.from([...tone, ...new Float32Array(3 * RATE)])]);
    // One second in, a third of the 3 s window holds the tone: 10·log10(1/3) ≈ −4.8 LU below.
    expect(frames[9]!.lufs).toBeCloseTo(-23.01 - 4.77, 0);
    expect(frames[29]!.lufs).toBeCloseTo(-23.01, 1);
    expect(frames[45]!.peakDb).toBe(-Infinity);
    expect(frames[44]!.lufs).toBeLessThan(frames[29]!.lufs - 2);
    expect(frames.at(-1)!.lufs).toBeLessThan(-70);
  });

  it('reads the true peak between samples: a 6 kHz sine sampled 45° off its crests is 3 dB over its sample peak', () => {
    // At 24 kHz, sin(πn/2 + π/4) only ever lands on ±0.707 of its amplitude.
    const x = Float32Array.from({ length: RATE }, (_, i) => 0.5 * Math.sin((Math.PI * i) / 2 + Math.PI / 4));
    const last = framesOf(new ShortTermMeter(RATE, 1), [x]).at(-1)!;
    expect(last.peakDb).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 2);
    expect(Math.abs(last.truePeakDb - 20 * Math.log10(0.5))).toBeLessThan(0.3);
    // Where the samples are the crests, the two agree.
    const low = framesOf(new ShortTermMeter(RATE, 1), [sine(1000, -20, 1)]).at(-1)!;
    expect(low.truePeakDb - low.peakDb).toBeLessThan(0.05);
    expect(low.truePeakDb).toBeGreaterThanOrEqual(low.peakDb);
  });

  it('ends a partial step as a frame and refuses three channels', () => {
    const m = new ShortTermMeter(RATE, 1);
    m.push([sine(1000, -6, 0.25)]);
    m.flush();
    expect(m.take()).toHaveLength(3);
    expect(() => new ShortTermMeter(RATE, 3)).toThrow(/1 or 2 channels/);
  });
});
