// Generated test signals for the cloning checks: speech-like sound with the structure a detector
// keys on (voiced syllables on a moving pitch at a talking rate, fricative bursts, breath pauses),
// plus the ways real takes go wrong (silence, clipping, a quiet voice, a noisy room). Seeded, so a
// failing test fails the same way every time. Test-only.
import { seededRandom } from '../rng';

export interface SpeechOptions {
  /** RMS of the voiced parts in dBFS (default −20). */
  levelDb?: number;
  f0?: number;
  seed?: number;
  /** A breath pause of this long every 2 s (default 0.25 s). */
  pauseSec?: number;
}

/** Speech-like sound: ~4 syllables a second of a 6-harmonic voice, with fricatives and pauses. */
export function speechLike(seconds: number, sampleRate: number, opts: SpeechOptions = {}): Float32Array {
  const rand = seededRandom(opts.seed ?? 1);
  const n = Math.round(seconds * sampleRate);
  const out = new Float32Array(n);
  const f0 = opts.f0 ?? 140;
  const pause = opts.pauseSec ?? 0.25;
  let phase = 0;
  let sumSq = 0;
  let voiced = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const inPause = t % 2 > 2 - pause;
    const syll = (t * 4.2) % 1;
    const env = inPause ? 0 : Math.max(0, Math.sin(Math.PI * Math.min(1, syll / 0.8))) ** 0.6;
    const pitch = f0 * (1 + 0.12 * Math.sin(2 * Math.PI * 0.7 * t));
    phase += (2 * Math.PI * pitch) / sampleRate;
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(h * phase) / h;
    // A fricative at the end of some syllables.
    const fric = !inPause && syll > 0.82 && Math.floor(t * 4.2) % 3 === 0 ? (rand() * 2 - 1) * 0.35 : 0;
    const x = v * env * 0.5 + fric;
    out[i] = x;
    if (env > 0.2) {
      sumSq += x * x;
      voiced++;
    }
  }
  const target = 10 ** ((opts.levelDb ?? -20) / 20);
  const g = target / Math.sqrt(sumSq / Math.max(1, voiced));
  for (let i = 0; i < n; i++) out[i]! *= g;
  return out;
}

export function whiteNoise(seconds: number, sampleRate: number, levelDb: number, seed = 9): Float32Array {
  const rand = seededRandom(seed);
  const out = new Float32Array(Math.round(seconds * sampleRate));
  // Uniform noise in ±a has RMS a/√3.
  const a = 10 ** (levelDb / 20) * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) out[i] = (rand() * 2 - 1) * a;
  return out;
}

export function mix(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(Math.max(...parts.map((p) => p.length)));
  for (const p of parts) for (let i = 0; i < p.length; i++) out[i]! += p[i]!;
  return out;
}

export function place(inside: Float32Array, part: Float32Array, at: number): Float32Array {
  const out = inside.slice();
  for (let i = 0; i < part.length && at + i < out.length; i++) out[at + i]! += part[i]!;
  return out;
}

export function hardClip(pcm: Float32Array, gain: number): Float32Array {
  return pcm.map((x) => Math.max(-1, Math.min(1, x * gain)));
}

export function sine(freq: number, seconds: number, sampleRate: number, amp = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / sampleRate));
}
