// What a clip's waveform shows, column by column, apart from the canvas so it is tested in Node:
// the take's peaks from the trimmed head on, shaped by the clip's gain and fades, so the picture is
// what plays (a −12 dB clip looks quieter, a fade-in grows from nothing).
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';

export interface WaveInput {
  /** Interleaved [min, max] per bucket, ±127 for ±1.0. */
  data: Int8Array;
  samplesPerPeak: number;
  trimStartSamples: number;
  /** Played length (after both trims). */
  samples: number;
  gainDb: number;
  fadeInSamples: number;
  fadeOutSamples: number;
  pxPerSec: number;
}

/** A fade's gain `x` of the way in (0..1): the export mixer's raised-cosine (sin²) shape. */
export function fadeShape(x: number): number {
  const s = Math.sin((Math.PI / 2) * Math.min(1, Math.max(0, x)));
  return s * s;
}

/** Gain of the clip at `t` samples into what plays: clip gain times the fade curves. */
export function envelopeAt(t: number, samples: number, gain: number, fadeIn: number, fadeOut: number): number {
  let g = gain;
  if (fadeIn > 0 && t < fadeIn) g *= fadeShape(t / fadeIn);
  if (fadeOut > 0 && t > samples - fadeOut) g *= fadeShape((samples - t) / fadeOut);
  return g;
}

/**
 * [lo, hi] per `columns` columns of `pxPerColumn` CSS px each, in −1..1 (clipped). A column
 * spanning several buckets takes their extremes, so zooming out never hides a loud syllable.
 */
export function waveColumns(w: WaveInput, columns: number, pxPerColumn = 1): Float32Array {
  const out = new Float32Array(columns * 2);
  const perColumn = (SAMPLE_RATE / w.pxPerSec) * pxPerColumn;
  const buckets = w.data.length / 2;
  const gain = 10 ** (w.gainDb / 20);
  for (let x = 0; x < columns; x++) {
    const t0 = x * perColumn;
    if (t0 >= w.samples) break;
    const t1 = Math.min(w.samples, t0 + perColumn);
    const b0 = Math.floor((w.trimStartSamples + t0) / w.samplesPerPeak);
    const b1 = Math.min(buckets, Math.max(b0 + 1, Math.ceil((w.trimStartSamples + t1) / w.samplesPerPeak)));
    let lo = 0;
    let hi = 0;
    for (let b = b0; b < b1; b++) {
      const mn = w.data[b * 2]!;
      const mx = w.data[b * 2 + 1]!;
      if (mn < lo) lo = mn;
      if (mx > hi) hi = mx;
    }
    // The loudest point of the column under the envelope: a fade's ramp is monotonic within a
    // column, so its larger end is the right one to draw.
    const env = Math.max(envelopeAt(t0, w.samples, gain, w.fadeInSamples, w.fadeOutSamples), envelopeAt(t1, w.samples, gain, w.fadeInSamples, w.fadeOutSamples));
    out[x * 2] = Math.max(-1, (lo / 127) * env);
    out[x * 2 + 1] = Math.min(1, (hi / 127) * env);
  }
  return out;
}
