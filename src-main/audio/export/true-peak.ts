// True peak per ITU-R BS.1770-4 Annex 2: the peak of the waveform a DAC reconstructs, estimated by
// 4× oversampling, in dBTP. Sample peaks miss the overshoot between samples (up to 3 dB for a tone
// at a quarter of the sample rate), and that overshoot is what clips in a player or a lossy codec,
// so the −1 dBTP export ceiling is checked with this, never with the sample peak.
//
// The interpolator is our own windowed-sinc design, not the standard's 48-tap example: the Annex
// allows any filter of that quality, a sinc is exact at the original samples (so true peak is never
// below sample peak), and at 24 kHz 4× is what the brief asks for. Its phase 0 is the sample itself,
// so only phases ¼, ½ and ¾ are computed.

import { createPeakKernel, createWindowMax, WINDOW_SPAN, WINDOW_STRIDE } from '../simd-true-peak';

export const TRUE_PEAK_OVERSAMPLING = 4;
/** Taps on each side of the interpolation point. */
const HALF = 8;
const TAPS = 2 * HALF;
/** Kaiser β: sidelobes near −70 dB, a fair trade for 16 taps a phase. */
const BETA = 7;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 60; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}

/** Rows for the fractional phases ¼, ½, ¾: row p weights x[n − HALF + 1 + j], j = 0..TAPS−1. */
function designPhases(): { rows: Float64Array[]; gainBound: number } {
  const rows: Float64Array[] = [];
  let gainBound = 1;
  const i0b = besselI0(BETA);
  for (let p = 1; p < TRUE_PEAK_OVERSAMPLING; p++) {
    const frac = p / TRUE_PEAK_OVERSAMPLING;
    const row = new Float64Array(TAPS);
    let sum = 0;
    for (let j = 0; j < TAPS; j++) {
      const d = j - (HALF - 1) - frac; // distance from the interpolation point to this sample
      const u = d / HALF;
      const w = Math.abs(u) < 1 ? besselI0(BETA * Math.sqrt(1 - u * u)) / i0b : 0;
      const x = Math.PI * d;
      row[j] = w * (x === 0 ? 1 : Math.sin(x) / x);
      sum += row[j]!;
    }
    // Unity DC gain in every phase, so a constant level never reads as a peak above itself.
    let abs = 0;
    for (let j = 0; j < TAPS; j++) {
      row[j]! /= sum;
      abs += Math.abs(row[j]!);
    }
    gainBound = Math.max(gainBound, abs);
    rows.push(row);
  }
  return { rows, gainBound };
}

const { rows: PHASES, gainBound: GAIN_BOUND } = designPhases();
/** No interpolated value can exceed this multiple of the largest nearby sample. */
export const INTERPOLATION_GAIN_BOUND = GAIN_BOUND;

/** Samples of context a caller must keep before and after a point to interpolate around it. */
export const TRUE_PEAK_CONTEXT = { before: HALF - 1, after: HALF };

const H1 = PHASES[0]!;
const H2 = PHASES[1]!;
const H3 = PHASES[2]!;

/**
 * Largest |value| of the 4×-oversampled signal between x[n] and x[n+1] (x[n] itself included).
 * Needs x[n − 7 .. n + 8] inside `x`; the caller guarantees it. The three phases share one pass
 * over the 16 samples: this function is most of the limiter's cost.
 */
export function interpolatedPeakAt(x: Float32Array, n: number): number {
  const base = n - (HALF - 1);
  let a = 0;
  let b = 0;
  let c = 0;
  for (let j = 0; j < TAPS; j++) {
    const v = x[base + j]!;
    a += H1[j]! * v;
    b += H2[j]! * v;
    c += H3[j]! * v;
  }
  let m = Math.abs(x[n]!);
  if (a > m) m = a;
  else if (-a > m) m = -a;
  if (b > m) m = b;
  else if (-b > m) m = -b;
  if (c > m) m = c;
  else if (-c > m) m = -c;
  return m;
}

/** Largest |x| over x[from, to), clamped to the array. */
export function absMax(x: Float32Array, from: number, to: number): number {
  let m = 0;
  const a = Math.max(0, from);
  const b = Math.min(x.length, to);
  for (let i = a; i < b; i++) {
    const v = x[i]!;
    if (v > m) m = v;
    else if (-v > m) m = -v;
  }
  return m;
}

/** Stretch of samples examined at once; a stretch that cannot beat the current peak is skipped. */
const SKIP_SPAN = WINDOW_STRIDE;
// The SIMD maxima cover a stretch's whole interpolation context (TAPS − 1 samples around it).
if (WINDOW_SPAN - WINDOW_STRIDE < TAPS - 1) throw new Error('true-peak: the SIMD window is shorter than a stretch with its context');

/** The SIMD interpolation, one per thread (null without WebAssembly SIMD), and its output. */
let kernel: ReturnType<typeof createPeakKernel> | undefined;
const kernelOut = new Float32Array(SKIP_SPAN);

/** interpolatedPeakAt over x[from, to) into out, four points at a time; null without WebAssembly SIMD. */
export function peakKernel(): ReturnType<typeof createPeakKernel> {
  kernel ??= createPeakKernel(PHASES);
  return kernel;
}

/** The skip test's maxima in SIMD (null without it), and its output, grown as chunks need. */
let windowMax: ReturnType<typeof createWindowMax> | undefined;
let windowOut = new Float32Array(0);

/**
 * Streaming true-peak meter for 1 or 2 channels. Audio before the first sample and after the last
 * counts as silence (the ringing around a sharp start is part of the true peak). Speech is mostly
 * well under its loudest peak, so stretches that provably cannot exceed the running maximum are
 * skipped; that keeps a 30-minute measurement to a fraction of a second.
 */
export class TruePeakMeter {
  private readonly work: Float32Array[];
  private readonly tail = TAPS - 1;
  private max = 0;
  /** The largest value since takeSpanPeak last ran (equal to `max` when it never does). */
  private span = 0;
  private finished = false;

  constructor(readonly channels: number) {
    if (!Number.isInteger(channels) || channels < 1 || channels > 2) throw new RangeError(`the true-peak meter takes 1 or 2 channels, got ${channels}`);
    this.work = Array.from({ length: channels }, () => new Float32Array(this.tail));
  }

  push(channels: readonly Float32Array[]): void {
    if (this.finished) throw new Error('the true-peak meter was already finished');
    if (channels.length !== this.channels) throw new RangeError(`expected ${this.channels} channel(s), got ${channels.length}`);
    for (let c = 0; c < this.channels; c++) this.work[c] = this.scan(this.work[c]!, channels[c]!);
  }

  /** Scans what is left once the signal is known to end; value reads are final after this. */
  finish(): void {
    if (this.finished) return;
    const zeros = new Float32Array(this.tail + 1);
    for (let c = 0; c < this.channels; c++) this.work[c] = this.scan(this.work[c]!, zeros);
    this.finished = true;
  }

  /** Linear true peak (1 = full scale) of everything scanned so far. */
  get peak(): number {
    return this.max;
  }

  /**
   * The linear true peak of what was scanned since the last call, then starts a new span (the level
   * meters' 100 ms steps). A value is scanned once the HALF samples after it have arrived, so a peak
   * in a step's last third of a millisecond counts towards the next step.
   */
  takeSpanPeak(): number {
    const m = this.span;
    this.span = 0;
    return m;
  }

  /** True peak in dBTP (−Infinity for silence). */
  get dbtp(): number {
    return this.max > 0 ? 20 * Math.log10(this.max) : -Infinity;
  }

  /** `carry` holds the last TAPS−1 samples already seen; returns the new carry. */
  private scan(carry: Float32Array, chunk: Float32Array): Float32Array {
    const buf = new Float32Array(carry.length + chunk.length);
    buf.set(carry, 0);
    buf.set(chunk, carry.length);
    const first = HALF - 1;
    const last = buf.length - HALF - 1; // inclusive: needs buf[n + HALF]
    // |x| over each stretch's context [s − 7, s + 72) in SIMD, for every whole stretch (its 80-sample
    // span covers that context and one sample more, which can only make a skip rarer).
    windowMax ??= createWindowMax();
    const whole = windowMax ? Math.max(0, Math.floor((buf.length - WINDOW_SPAN) / WINDOW_STRIDE) + 1) : 0;
    if (whole > 0) {
      if (windowOut.length < whole) windowOut = new Float32Array(whole * 2);
      windowMax!(buf, 0, whole, windowOut);
    }
    for (let s = first, w = 0; s <= last; s += SKIP_SPAN, w++) {
      const e = Math.min(last + 1, s + SKIP_SPAN);
      const near = w < whole ? windowOut[w]! : absMax(buf, s - (HALF - 1), e + HALF);
      if (near * GAIN_BOUND <= this.span) continue;
      const simd = peakKernel();
      if (simd) {
        simd(buf, s, e, kernelOut);
        for (let k = 0; k < e - s; k++) if (kernelOut[k]! > this.span) this.span = kernelOut[k]!;
        continue;
      }
      for (let n = s; n < e; n++) {
        const v = interpolatedPeakAt(buf, n);
        if (v > this.span) this.span = v;
      }
    }
    if (this.span > this.max) this.max = this.span;
    return buf.slice(buf.length - this.tail);
  }
}

/** True peak of whole buffers (one per channel), in dBTP. */
export function truePeakDbtp(channels: Float32Array | readonly Float32Array[]): number {
  const list = channels instanceof Float32Array ? [channels] : channels;
  const meter = new TruePeakMeter(list.length);
  meter.push(list);
  meter.finish();
  return meter.dbtp;
}
