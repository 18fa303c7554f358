// Reference processing: the resampler keeps a sine's frequency and level at every rate a recording
// arrives in, and a processed take is 24 kHz, trimmed, at the target loudness, below the ceiling.
import { describe, expect, it } from 'vitest';
import { dbfs, peak, rms } from '../audio/pcm';
import { resample } from '../audio/resample';
import { processReference, PEAK_CEILING_DB, REFERENCE_RATE, TARGET_SPEECH_DB } from './process';
import { mix, speechLike, sine, whiteNoise } from '../../test-support/voice-clone/signals';
import { analyzeFrames, meanDb } from './vad';

/** Frequency by a least-squares fit of zero-crossing times (sub-sample accurate). */
function frequencyOf(pcm: Float32Array, rate: number): number {
  const times: number[] = [];
  for (let i = 1; i < pcm.length; i++) {
    if (pcm[i - 1]! < 0 && pcm[i]! >= 0) times.push(i - 1 + -pcm[i - 1]! / (pcm[i]! - pcm[i - 1]!));
  }
  const n = times.length;
  const mx = (n - 1) / 2;
  const my = times.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  times.forEach((t, k) => {
    num += (k - mx) * (t - my);
    den += (k - mx) ** 2;
  });
  return rate / (num / den);
}

const middle = (x: Float32Array) => x.subarray(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9));

describe('resampling a reference to 24 kHz', () => {
  it.each([48_000, 44_100, 32_000, 22_050, 16_000, 8_000])('keeps a 1 kHz sine at %i Hz in frequency and level', (from) => {
    const input = sine(1000, 2, from, 0.5);
    const out = resample(input, from, REFERENCE_RATE);
    expect(out.length).toBe(Math.round((input.length * REFERENCE_RATE) / from));
    expect(frequencyOf(middle(out), REFERENCE_RATE)).toBeCloseTo(1000, 1);
    expect(dbfs(rms(middle(out)))).toBeCloseTo(dbfs(0.5 / Math.SQRT2), 1);
  });

  it('removes what a 24 kHz reference cannot hold instead of folding it back (18 kHz from 48 kHz)', () => {
    const out = resample(sine(18_000, 1, 48_000, 0.5), 48_000, REFERENCE_RATE);
    expect(dbfs(rms(middle(out)))).toBeLessThan(-60);
  });
});

describe('processing a reference', () => {
  it('gives 24 kHz audio, trimmed of silence, with speech at the target loudness', () => {
    const rate = 44_100;
    const speech = speechLike(8, rate, { levelDb: -34 });
    const padded = new Float32Array(speech.length + rate * 3);
    padded.set(speech, rate * 2); // 2 s of silence before, 1 s after
    const p = processReference(mix(padded, whiteNoise(padded.length / rate, rate, -85)), rate);
    expect(p.sampleRate).toBe(24_000);
    const seconds = p.pcm.length / 24_000;
    expect(seconds).toBeGreaterThan(7.5);
    expect(seconds).toBeLessThan(8.6);
    expect(p.trimmedSec).toBeGreaterThan(2.5);
    const vad = analyzeFrames(p.pcm, 24_000);
    expect(meanDb(vad.frames, (f) => f.speech)).toBeCloseTo(TARGET_SPEECH_DB, 0);
    expect(dbfs(peak(p.pcm))).toBeLessThanOrEqual(PEAK_CEILING_DB + 0.01);
    expect(p.gainDb).toBeGreaterThan(10);
  });

  it('never pushes peaks past the ceiling, even when that leaves speech below the target', () => {
    const speech = speechLike(8, 24_000, { levelDb: -30 });
    speech[12_345] = 0.9; // one spike
    const p = processReference(speech, 24_000);
    expect(dbfs(peak(p.pcm))).toBeCloseTo(PEAK_CEILING_DB, 1);
  });

  it('removes a DC offset', () => {
    const speech = speechLike(8, 24_000).map((x) => x + 0.2);
    const p = processReference(speech, 24_000);
    const mean = p.pcm.reduce((a, b) => a + b, 0) / p.pcm.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });
});
