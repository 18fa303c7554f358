import { describe, expect, it } from 'vitest';
import { PeakLimiter } from './limiter';
import { truePeakDbtp } from './true-peak';
import { integratedLoudness } from './loudness';
import { join, ramped, sine, voice } from '../../../test-support/audio/signals';

function runLimiter(channels: Float32Array[], ceilingDbtp: number, chunk = 4096): { out: Float32Array[]; limiter: PeakLimiter } {
  const limiter = new PeakLimiter({ sampleRate: 24000, channels: channels.length, ceilingDbtp });
  const parts: Float32Array[][] = channels.map(() => []);
  for (let at = 0; at < channels[0]!.length; at += chunk) {
    const o = limiter.process(channels.map((c) => c.subarray(at, at + chunk)));
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
});
