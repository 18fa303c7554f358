// Sample-rate conversion at the edges: engines speak at 16/22.05/44.1/48 kHz, the product works at
// 24 kHz, exports may ask for any rate. Speech and cloning references are sensitive to aliasing and
// to dull highs, so this is a real band-limited resampler rather than linear interpolation.
//
// Design: one windowed-sinc low-pass (Kaiser window) with its cutoff between 90 % and 100 % of the
// lower Nyquist frequency, sampled into a polyphase table. Output sample n sits exactly at input
// time n·from/to and the kernel is centred on it, so there is no delay to compensate; samples before
// the start and after the end count as zeros. Rational ratios with a small numerator (22050→24000 is
// 160/147) get one exact table row per phase, run by a WebAssembly SIMD loop where available;
// other ratios interpolate linearly between 1024 rows in plain JavaScript.
import { createSimdPolyphase, type PolyphaseRunner } from './simd-polyphase';

/** Kaiser design target; the built tables measure ≥ 85 dB from the lower Nyquist up (brief: ≥ 80). */
const STOPBAND_DB = 86;
/** Passband edge and stopband edge as fractions of the lower Nyquist frequency. */
const PASS_EDGE = 0.9;
const STOP_EDGE = 1.0;
/** Above this many exact phases the table is interpolated instead. */
const MAX_EXACT_PHASES = 1024;
const INTERPOLATED_PHASES = 1024;

interface Kernel {
  /** Reduced ratio: L output samples for every M input samples. */
  L: number;
  M: number;
  /** Taps per output sample (a multiple of 8 for the unrolled and SIMD dot products). */
  taps: number;
  /** The first tap reads input index i − (before − 1), i = floor(n·M/L). */
  before: number;
  /** The last tap reads input index i + ahead. */
  ahead: number;
  exact: boolean;
  /** Rows of `taps` coefficients: L rows when exact, INTERPOLATED_PHASES + 1 rows otherwise. */
  table: Float32Array;
  /** Lazily made SIMD loop for exact tables; null once found unavailable. */
  simd?: PolyphaseRunner | null;
}

const kernels = new Map<string, Kernel>();

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function besselI0(x: number): number {
  // Power series; converges fast for the β values a Kaiser window uses (< 15).
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 100; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function checkRate(rate: number, name: string): void {
  if (!Number.isInteger(rate) || rate <= 0) throw new RangeError(`${name} must be a positive whole number of Hz, got ${rate}`);
}

function kernelFor(fromRate: number, toRate: number): Kernel {
  const g = gcd(fromRate, toRate);
  const L = toRate / g;
  const M = fromRate / g;
  const key = `${L}/${M}`;
  const cached = kernels.get(key);
  if (cached) return cached;

  // Kaiser's formulas, with widths measured in samples of the lower rate.
  const transition = ((STOP_EDGE - PASS_EDGE) / 2) * 2 * Math.PI; // radians per lower-rate sample
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  const halfLow = (STOPBAND_DB - 7.95) / (2.285 * transition) / 2;
  const stretch = Math.max(1, M / L); // downsampling widens the kernel in input samples
  const halfWidth = halfLow * stretch;
  const cutoff = ((PASS_EDGE + STOP_EDGE) / 2) * Math.min(1, L / M); // as a fraction of the input Nyquist
  const before = Math.ceil(halfWidth);
  const taps = Math.ceil((2 * before) / 8) * 8;
  const ahead = taps - before;

  const exact = L <= MAX_EXACT_PHASES;
  const rows = exact ? L : INTERPOLATED_PHASES + 1;
  const table = new Float32Array(rows * taps);
  const i0beta = besselI0(beta);
  const row = new Float64Array(taps);
  for (let r = 0; r < rows; r++) {
    const frac = exact ? r / L : r / INTERPOLATED_PHASES;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const d = frac + (before - 1) - j; // distance from the output instant to this input sample
      const u = d / halfWidth;
      let h = 0;
      if (Math.abs(u) < 1) {
        const x = Math.PI * cutoff * d;
        const sinc = x === 0 ? 1 : Math.sin(x) / x;
        h = cutoff * sinc * (besselI0(beta * Math.sqrt(1 - u * u)) / i0beta);
      }
      row[j] = h;
      sum += h;
    }
    // Unity DC gain in every phase, so a constant stays constant instead of picking up a ripple.
    for (let j = 0; j < taps; j++) table[r * taps + j] = row[j]! / sum;
  }
  const kernel: Kernel = { L, M, taps, before, ahead, exact, table };
  kernels.set(key, kernel);
  return kernel;
}

function simdFor(k: Kernel): PolyphaseRunner | null {
  if (k.simd === undefined) k.simd = k.exact ? createSimdPolyphase(k.table, k.taps, k.L, k.M) : null;
  return k.simd;
}

function dot(x: Float32Array, xo: number, h: Float32Array, ho: number, taps: number): number {
  // Four accumulators break the add dependency chain; this loop is the whole cost of resampling.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < taps; j += 4) {
    s0 += x[xo + j]! * h[ho + j]!;
    s1 += x[xo + j + 1]! * h[ho + j + 1]!;
    s2 += x[xo + j + 2]! * h[ho + j + 2]!;
    s3 += x[xo + j + 3]! * h[ho + j + 3]!;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Converts a stream chunk by chunk. Each output is computed from the same samples with the same
 * arithmetic as the whole-buffer path, so the concatenated outputs equal resample() of the
 * concatenated input exactly. flush() ends the stream and resets the object for a new one.
 */
export class StreamingResampler {
  private readonly k: Kernel | null;
  private buf = new Float32Array(0);
  /** Absolute input index of buf[0] (negative while the leading zeros are still held). */
  private bufStart = 0;
  private bufLen = 0;
  private received = 0;
  /** Next output index n, with i = floor(n·M/L) and p = n·M mod L. */
  private n = 0;
  private i = 0;
  private p = 0;

  private readonly simd: PolyphaseRunner | null;

  /** `simd: false` forces the plain JavaScript loop (tests compare the two). */
  constructor(fromRate: number, toRate: number, opts: { simd?: boolean } = {}) {
    checkRate(fromRate, 'fromRate');
    checkRate(toRate, 'toRate');
    this.k = fromRate === toRate ? null : kernelFor(fromRate, toRate);
    this.simd = this.k && opts.simd !== false ? simdFor(this.k) : null;
    this.reset();
  }

  push(chunk: Float32Array): Float32Array {
    if (!this.k) return chunk.slice();
    this.append(chunk, chunk.length);
    this.received += chunk.length;
    const { L, M, ahead } = this.k;
    const ready = this.received - ahead; // outputs with i < ready have all their input
    const end = ready > 0 ? Math.ceil((ready * L) / M) : 0;
    return this.produce(end);
  }

  flush(): Float32Array {
    if (!this.k) return new Float32Array(0);
    const { L, M, ahead } = this.k;
    const total = Math.round((this.received * L) / M);
    this.append(null, ahead);
    const out = this.produce(total);
    this.reset();
    return out;
  }

  private reset(): void {
    const before = this.k ? this.k.before : 1;
    this.buf = new Float32Array(Math.max(4096, before * 4));
    this.bufStart = -(before - 1);
    this.bufLen = before - 1; // the zeros before the first sample
    this.received = 0;
    this.n = 0;
    this.i = 0;
    this.p = 0;
  }

  /** Appends samples (or zeros when `chunk` is null), first dropping what no future output needs. */
  private append(chunk: Float32Array | null, count: number): void {
    const k = this.k!;
    const keepFrom = this.i - (k.before - 1) - this.bufStart;
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.bufLen);
      this.bufLen -= keepFrom;
      this.bufStart += keepFrom;
    }
    if (this.bufLen + count > this.buf.length) {
      const grown = new Float32Array(Math.max(this.bufLen + count, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.bufLen));
      this.buf = grown;
    }
    if (chunk) this.buf.set(chunk, this.bufLen);
    else this.buf.fill(0, this.bufLen, this.bufLen + count);
    this.bufLen += count;
  }

  private produce(end: number): Float32Array {
    const k = this.k!;
    const count = Math.max(0, end - this.n);
    const out = new Float32Array(count);
    const { L, M, taps, table, exact } = k;
    const x = this.buf;
    const offset = -(k.before - 1) - this.bufStart;
    let i = this.i;
    let p = this.p;
    if (this.simd) {
      this.simd.run(x, i + offset, p, count, out);
      const steps = p + count * M;
      i += Math.floor(steps / L);
      p = steps % L;
    } else {
      for (let o = 0; o < count; o++) {
        const xo = i + offset;
        if (exact) {
          out[o] = dot(x, xo, table, p * taps, taps);
        } else {
          const pos = (p * INTERPOLATED_PHASES) / L;
          const r = Math.floor(pos);
          const mu = pos - r;
          const a = dot(x, xo, table, r * taps, taps);
          const b = mu === 0 ? a : dot(x, xo, table, (r + 1) * taps, taps);
          out[o] = a + mu * (b - a);
        }
        p += M;
        if (p >= L) {
          i += Math.floor(p / L);
          p %= L;
        }
      }
    }
    this.n += count;
    this.i = i;
    this.p = p;
    return out;
  }
}

/** Whole-buffer conversion; output length is round(input.length · toRate / fromRate). */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  const r = new StreamingResampler(fromRate, toRate);
  const head = r.push(input);
  const tail = r.flush();
  if (tail.length === 0) return head;
  const out = new Float32Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}
