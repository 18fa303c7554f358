// Reference signals for the export tests: tones at exact dBFS levels and a speech-like test voice.
// Kept out of the test files so the loudness, encoder and job tests measure the same material.
import { xorshift32 } from '../rng';

/** A sine of peak level `dbfs` (0 = full scale). */
export function sine(freq: number, dbfs: number, seconds: number, sampleRate: number, phase = 0): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const a = Math.pow(10, dbfs / 20);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = a * Math.sin((2 * Math.PI * freq * i) / sampleRate + phase);
  return out;
}

export function join(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A speech-like utterance: voiced syllables (a 100–220 Hz harmonic buzz through moving formant-ish
 * emphasis) separated by short pauses, with silence before and after. Peaks vary like real speech,
 * which is what the limiter and the subtitle timer need to be exercised on.
 */
export function voice(opts: { seconds: number; sampleRate: number; seed?: number; leadSilence?: number; tailSilence?: number; level?: number }): Float32Array {
  const { seconds, sampleRate } = opts;
  const r = xorshift32(opts.seed ?? 1);
  const lead = Math.round((opts.leadSilence ?? 0.2) * sampleRate);
  const tail = Math.round((opts.tailSilence ?? 0.2) * sampleRate);
  const body = Math.round(seconds * sampleRate);
  const out = new Float32Array(lead + body + tail);
  const level = opts.level ?? 0.3;
  let i = 0;
  while (i < body) {
    const syl = Math.round((0.12 + 0.18 * r()) * sampleRate);
    const f0 = 100 + 120 * r();
    const amp = level * (0.4 + 0.6 * r());
    const formant = 500 + 1500 * r();
    for (let k = 0; k < syl && i + k < body; k++) {
      const env = Math.sin((Math.PI * k) / syl);
      const t = (i + k) / sampleRate;
      let s = 0;
      for (let h = 1; h <= 12; h++) {
        const f = f0 * h;
        if (f > sampleRate / 2.2) break;
        const w = 1 / (1 + Math.pow((f - formant) / 400, 2));
        s += (w / h) * Math.sin(2 * Math.PI * f * t);
      }
      out[lead + i + k] = amp * env * s;
    }
    i += syl;
    // Gaps between syllables: mostly short, sometimes a clause-length pause.
    i += Math.round((r() < 0.15 ? 0.25 : 0.03) * sampleRate);
  }
  return out;
}

/**
 * Raised-cosine ramps of `ms` at both ends, in place. A tone that starts at full level rings on
 * reconstruction (that ringing is a real true peak), which tests of steady tones must avoid.
 */
export function ramped(x: Float32Array, sampleRate: number, ms = 20): Float32Array {
  const n = Math.min(Math.floor(x.length / 2), Math.round((ms * sampleRate) / 1000));
  for (let i = 0; i < n; i++) {
    const g = Math.sin((Math.PI / 2) * ((i + 0.5) / n)) ** 2;
    x[i]! *= g;
    x[x.length - 1 - i]! *= g;
  }
  return x;
}
