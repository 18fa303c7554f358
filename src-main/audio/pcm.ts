// Small operations on the product's internal audio (24 kHz mono Float32Array): measuring levels,
// joining clips without clicks, trimming the silence engines leave around speech. Kept free of I/O
// so every part of the app (engines, mixer, exports, tests) can share one definition of each.

export const DEFAULT_SAMPLE_RATE = 24000;

function msToSamples(ms: number, sampleRate: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`duration must be a finite number of milliseconds, got ${ms}`);
  return Math.max(0, Math.round((ms * sampleRate) / 1000));
}

/** Averages channels (shorter channels count as silence past their end). */
export function toMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0]!.slice();
  const length = Math.max(...channels.map((c) => c.length));
  const out = new Float32Array(length);
  const acc = new Float64Array(length);
  for (const ch of channels) for (let i = 0; i < ch.length; i++) acc[i]! += ch[i]!;
  for (let i = 0; i < length; i++) out[i] = acc[i]! / channels.length;
  return out;
}

export function peak(pcm: Float32Array): number {
  let m = 0;
  for (let i = 0; i < pcm.length; i++) {
    const a = Math.abs(pcm[i]!);
    if (a > m) m = a;
  }
  return m;
}

export function rms(pcm: Float32Array): number {
  if (pcm.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < pcm.length; i++) s += pcm[i]! * pcm[i]!;
  return Math.sqrt(s / pcm.length);
}

/** Amplitude (1 = full scale) to dB full scale; 0 gives −Infinity. */
export function dbfs(x: number): number {
  return x > 0 ? 20 * Math.log10(x) : -Infinity;
}

export function concat(chunks: Float32Array[]): Float32Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Float32Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function silence(ms: number, sampleRate = DEFAULT_SAMPLE_RATE): Float32Array {
  return new Float32Array(msToSamples(ms, sampleRate));
}

/**
 * Cuts leading and trailing silence, judged by RMS over 10 ms windows so a lone spike or
 * a quiet consonant's edge is treated the way a listener would. Keeps `padMs` around the
 * speech so the first and last sounds are not clipped. All-silent input gives an empty clip.
 */
export function trimSilence(pcm: Float32Array, opts: { thresholdDb?: number; padMs?: number; sampleRate?: number } = {}): Float32Array {
  const { thresholdDb = -50, padMs = 20, sampleRate = DEFAULT_SAMPLE_RATE } = opts;
  const win = Math.max(1, Math.round(sampleRate / 100));
  const limit = Math.pow(10, thresholdDb / 20);
  const loud = (start: number): boolean => rms(pcm.subarray(start, Math.min(pcm.length, start + win))) >= limit;
  let first = -1;
  for (let s = 0; s < pcm.length; s += win) {
    if (loud(s)) {
      first = s;
      break;
    }
  }
  if (first < 0) return new Float32Array(0);
  let lastEnd = first + win;
  for (let s = Math.floor((pcm.length - 1) / win) * win; s >= first; s -= win) {
    if (loud(s)) {
      lastEnd = s + win;
      break;
    }
  }
  const pad = msToSamples(padMs, sampleRate);
  return pcm.slice(Math.max(0, first - pad), Math.min(pcm.length, lastEnd + pad));
}

/** Raised-cosine (sin²) gain over n samples, rising from 0; its complement is cos². */
function riseGain(i: number, n: number): number {
  const s = Math.sin((Math.PI / 2) * ((i + 0.5) / n));
  return s * s;
}

/** Fades the start in, in place, with a raised-cosine ramp; returns the same array. */
export function fadeIn(pcm: Float32Array, ms: number, sampleRate = DEFAULT_SAMPLE_RATE): Float32Array {
  const n = Math.min(pcm.length, msToSamples(ms, sampleRate));
  for (let i = 0; i < n; i++) pcm[i]! *= riseGain(i, n);
  return pcm;
}

/** Fades the end out, in place, with a raised-cosine ramp; returns the same array. */
export function fadeOut(pcm: Float32Array, ms: number, sampleRate = DEFAULT_SAMPLE_RATE): Float32Array {
  const n = Math.min(pcm.length, msToSamples(ms, sampleRate));
  const start = pcm.length - n;
  for (let i = 0; i < n; i++) pcm[start + i]! *= riseGain(n - 1 - i, n);
  return pcm;
}

/**
 * Overlaps the end of `a` with the start of `b` using equal-power gains (cos/sin, whose squares
 * sum to 1) so unrelated material keeps its loudness through the join and neither edge clicks.
 * The overlap shrinks to fit clips shorter than `ms`. Inputs are not modified.
 */
export function crossfadeJoin(a: Float32Array, b: Float32Array, ms: number, sampleRate = DEFAULT_SAMPLE_RATE): Float32Array {
  const n = Math.min(msToSamples(ms, sampleRate), a.length, b.length);
  const out = new Float32Array(a.length + b.length - n);
  out.set(a.subarray(0, a.length - n), 0);
  const start = a.length - n;
  for (let i = 0; i < n; i++) {
    const t = (Math.PI / 2) * ((i + 0.5) / n);
    out[start + i] = a[start + i]! * Math.cos(t) + b[i]! * Math.sin(t);
  }
  out.set(b.subarray(n), a.length);
  return out;
}

/** Indices i where |pcm[i] − pcm[i−1]| exceeds `threshold`: the audible clicks of a bad join. */
export function findClicks(pcm: Float32Array, threshold: number): number[] {
  const hits: number[] = [];
  for (let i = 1; i < pcm.length; i++) if (Math.abs(pcm[i]! - pcm[i - 1]!) > threshold) hits.push(i);
  return hits;
}

export function durationSec(samples: number | { length: number }, sampleRate = DEFAULT_SAMPLE_RATE): number {
  const n = typeof samples === 'number' ? samples : samples.length;
  return n / sampleRate;
}
