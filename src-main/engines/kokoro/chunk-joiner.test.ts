import { describe, expect, it } from 'vitest';
import { concat } from '../../audio/pcm';
import { ChunkJoiner, pauseAfterMs } from './chunk-joiner';

const RATE = 24_000;

/** A tone that starts at its peak and stops mid-cycle: the worst case for a join. */
function abruptTone(samples: number, freq: number, amp = 0.3, edges = 0, hiss = 3e-4): Float32Array {
  const out = new Float32Array(edges + samples + edges);
  for (let i = 0; i < samples; i++) out[edges + i] = amp * Math.cos((2 * Math.PI * freq * i) / RATE);
  // The near-silence a model leaves around speech.
  for (let i = 0; i < edges; i++) {
    out[i] = hiss * Math.sin(i);
    out[edges + samples + i] = hiss * Math.sin(i);
  }
  return out;
}

function maxStep(x: Float32Array): number {
  let m = 0;
  for (let i = 1; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - x[i - 1]!));
  return m;
}

function joinAll(chunks: Float32Array[], pauses: number[]): Float32Array {
  const j = new ChunkJoiner();
  const out = chunks.map((c, i) => j.push(c, pauses[i] ?? 0));
  return concat([...out, j.finish()]);
}

describe('ChunkJoiner', () => {
  const a = abruptTone(7_301, 220);
  const b = abruptTone(5_003, 180);
  const c = abruptTone(6_007, 260);
  // The steepest step inside a 260 Hz tone at 0.3: 0.3 · 2π · 260 / 24000 ≈ 0.020.
  const smooth = 0.3 * 2 * Math.PI * 260 / RATE * 1.2;

  it('the raw chunks click when simply concatenated (so the check below can fail)', () => {
    expect(maxStep(concat([a, b, c]))).toBeGreaterThan(0.2);
  });

  it('joins without a step larger than the tones themselves contain, crossfading and at pauses', () => {
    for (const pauses of [[0, 0, 0], [0, 200, 100], [0, 0, 200]]) {
      const out = joinAll([a, b, c], pauses);
      expect(maxStep(out)).toBeLessThan(smooth);
      expect(Math.abs(out[0]!)).toBeLessThan(0.01); // faded in
      expect(Math.abs(out.at(-1)!)).toBeLessThan(0.01); // faded out
    }
  });

  it('keeps the audio: crossfades cost only their overlap, pauses add their length', () => {
    const overlap = Math.round(0.008 * RATE);
    expect(joinAll([a, b, c], [0, 0, 0]).length).toBe(a.length + b.length + c.length - 2 * overlap);
    expect(joinAll([a, b, c], [0, 200, 100]).length).toBe(a.length + b.length + c.length + 0.3 * RATE);
  });

  it('trims near-silence at chunk edges relative to the chunk’s level, keeping a short pad', () => {
    const j = new ChunkJoiner({ padMs: 10 });
    const pad = 240;
    const win = 240; // trimSilence judges 10 ms windows
    const within = (x: Float32Array): void => {
      expect(x.length).toBeGreaterThanOrEqual(4_800);
      expect(x.length).toBeLessThanOrEqual(4_800 + 2 * (pad + win));
    };
    within(j.trim(abruptTone(4_800, 200, 0.3, 4_800, 3e-4))); // hiss at −70 dBFS under a loud voice
    // A quiet voice (−50 dBFS) is speech, not silence: only its own −110 dBFS hiss goes.
    within(j.trim(abruptTone(4_800, 200, 0.003, 4_800, 3e-6)));
    expect(j.trim(new Float32Array(1000)).length).toBe(0);
    // Silent chunks produce nothing and do not disturb the next join.
    const k = new ChunkJoiner();
    expect(concat([k.push(a), k.push(new Float32Array(500)), k.push(b), k.finish()]).length).toBe(a.length + b.length - Math.round(0.008 * RATE));
  });

  it('picks the pause from how the chunk’s phonemes end', () => {
    expect(pauseAfterMs('hˈɛlO.')).toBe(200);
    expect(pauseAfterMs('ɹˈɪli?” ')).toBe(200);
    expect(pauseAfterMs('wˈʌn,')).toBe(100);
    expect(pauseAfterMs('ænd')).toBe(0);
  });
});
