// The page's choice of the best 20 s in a long file: the stretch with the most speech wins over
// silence and over a few loud clicks.
import { describe, expect, it } from 'vitest';
import { bestWindow } from './best-window';

const RATE = 8000;

function signal(parts: { sec: number; kind: 'silence' | 'speech' | 'hiss' }[]): Float32Array {
  const total = parts.reduce((s, p) => s + p.sec, 0);
  const out = new Float32Array(Math.round(total * RATE));
  let at = 0;
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (const p of parts) {
    const n = Math.round(p.sec * RATE);
    for (let i = 0; i < n; i++) {
      const t = (at + i) / RATE;
      // "Speech": a tone whose loudness comes and goes four times a second, like syllables.
      out[at + i] = p.kind === 'speech' ? 0.3 * Math.abs(Math.sin(Math.PI * 4 * t)) * Math.sin(2 * Math.PI * 180 * t) : p.kind === 'hiss' ? 0.0005 * rand() : 0;
    }
    at += n;
  }
  return out;
}

describe('bestWindow', () => {
  it('returns the whole recording when it is not longer than the window', () => {
    expect(bestWindow(signal([{ sec: 12, kind: 'speech' }]), RATE, 20)).toEqual({ startSec: 0, endSec: 12 });
  });

  it('finds the speech in a long recording of mostly silence', () => {
    const pcm = signal([
      { sec: 95, kind: 'hiss' },
      { sec: 25, kind: 'speech' },
      { sec: 60, kind: 'hiss' },
    ]);
    const w = bestWindow(pcm, RATE, 20);
    expect(w.endSec - w.startSec).toBeCloseTo(20);
    expect(w.startSec).toBeGreaterThanOrEqual(95);
    expect(w.endSec).toBeLessThanOrEqual(120.05);
  });

  it('prefers a long stretch of speech to a short loud burst', () => {
    const pcm = signal([
      { sec: 3, kind: 'speech' },
      { sec: 40, kind: 'silence' },
      { sec: 22, kind: 'speech' },
      { sec: 30, kind: 'hiss' },
    ]);
    const w = bestWindow(pcm, RATE, 20);
    expect(w.startSec).toBeGreaterThanOrEqual(43);
    expect(w.endSec).toBeLessThanOrEqual(65.05);
  });
});
