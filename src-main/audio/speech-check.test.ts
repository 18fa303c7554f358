import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/rng';
import { bandShare, checkSpeech } from './speech-check';

const RATE = 24_000;
/** A voiced-like signal: a 150 Hz fundamental with decaying harmonics, in chunks that join smoothly. */
function voiced(seconds: number, chunks = 3): Float32Array[] {
  const n = Math.round(seconds * RATE);
  const pcm = new Float32Array(n);
  for (let i = 0; i < n; i++) for (let h = 1; h <= 8; h++) pcm[i]! += (0.15 / h) * Math.sin((2 * Math.PI * 150 * h * i) / RATE);
  const size = Math.ceil(n / chunks);
  return Array.from({ length: chunks }, (_, k) => pcm.slice(k * size, Math.min(n, (k + 1) * size)));
}

describe('checkSpeech', () => {
  it('passes voiced audio of a plausible length (80 ms per phoneme)', () => {
    const r = checkSpeech(voiced(2.4), 30);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.figures).toMatchObject({ msPerPhoneme: 80, nonFinite: 0, joins: 2 });
    expect(r.figures.bandShare).toBeGreaterThan(0.9);
  });

  it('fails silence', () => {
    const r = checkSpeech([new Float32Array(48_000)], 30);
    expect(r.passed).toBe(false);
    expect(r.failures.join()).toMatch(/silent/);
  });

  it('fails NaN samples and still reads the rest', () => {
    const chunks = voiced(2.4);
    chunks[1]![10] = Number.NaN;
    const r = checkSpeech(chunks, 30);
    expect(r.failures).toEqual([expect.stringMatching(/^1 of 57600 samples are not finite/)]);
  });

  it('fails a length that does not fit the phoneme count, either way', () => {
    expect(checkSpeech(voiced(0.2), 30).failures.join()).toMatch(/length does not fit.*6\.7 ms per phoneme/);
    expect(checkSpeech(voiced(15), 30).failures.join()).toMatch(/length does not fit.*500 ms per phoneme/);
  });

  it('fails energy outside the speech band: white noise, DC, a whine', () => {
    const rng = seededRandom(7);
    const noise = Float32Array.from({ length: 48_000 }, () => (rng() * 2 - 1) * 0.3);
    expect(bandShare(noise, 80, 4000)).toBeGreaterThan(0.25);
    expect(bandShare(noise, 80, 4000)).toBeLessThan(0.4);
    expect(checkSpeech([noise], 30).failures.join()).toMatch(/speech band/);
    expect(checkSpeech([new Float32Array(48_000).fill(0.2)], 30).failures.join()).toMatch(/speech band/);
    const whine = Float32Array.from({ length: 48_000 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * 9000 * i) / RATE));
    expect(checkSpeech([whine], 30).failures.join()).toMatch(/speech band/);
  });

  it('fails a click at a join, and not a click-free join', () => {
    const chunks = voiced(2.4);
    // The second chunk restarts at a different point of the waveform: a jump at the join.
    const shifted = voiced(2.4)[1]!.map((_, i, a) => a[(i + 37) % a.length]!);
    const r = checkSpeech([chunks[0]!, shifted.map((v) => v + 0.2), chunks[2]!], 30);
    expect(r.failures.join()).toMatch(/2 clicks .*chunk joins are not smooth/);
    expect(checkSpeech(chunks, 30).figures).toMatchObject({ joins: 2, clicks: 0, worstClickStep: 0 });
  });

  it('does not take noisy speech (a fricative-like burst) for a click', () => {
    const rng = seededRandom(3);
    const chunks = voiced(2.4);
    const burst = chunks[1]!;
    for (let i = 1000; i < 3400; i++) burst[i] = burst[i]! * 0.3 + (rng() * 2 - 1) * 0.25;
    expect(checkSpeech(chunks, 30).figures.clicks).toBe(0);
  });
});
