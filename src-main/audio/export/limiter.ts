// A look-ahead peak limiter, used only when loudness normalization would push the true peak over
// the ceiling (−1 dBTP). Speech normalized to −16 or −14 LUFS often peaks a little above that, and
// turning the whole programme down instead would miss the loudness target by the same amount.
//
// Detection uses the 4×-oversampled true peak, not sample values, so the reconstructed waveform
// stays under the ceiling. The gain curve is: the gain each sample needs (ceiling / its true peak),
// held at its minimum over the look-ahead window, released exponentially, then averaged over the
// same window. Averaging a held minimum guarantees the smoothed gain is already down to the needed
// value when the peak arrives (no overshoot), while ramps of one window length do not click or
// distort the way an instantaneous clamp does. The signal is delayed by the window; the limiter
// gives back exactly as many samples as it was given (flush() returns the last of them).
import { INTERPOLATION_GAIN_BOUND, TRUE_PEAK_CONTEXT, absMax, interpolatedPeakAt, peakKernel } from './true-peak';

/** The true-peak ceiling an export limits to unless told otherwise, and the master bus's limiter's. */
export const DEFAULT_CEILING_DBTP = -1;

export interface LimiterOptions {
  sampleRate: number;
  channels: number;
  /** Ceiling for the true peak of the output, in dBTP. */
  ceilingDbtp: number;
  /** Look-ahead and attack ramp; 5 ms is below the ear's sensitivity to the ramp on speech. */
  lookaheadMs?: number;
  /** Time constant of the return to unity gain. */
  releaseMs?: number;
  /** `false` interpolates in JavaScript even where WebAssembly SIMD is available (tests compare the two). */
  simd?: boolean;
}

/**
 * Slowly varying gain still lets the interpolated waveform move a hair between samples; aiming this
 * far under the ceiling keeps the measured output under it (checked by the tests).
 */
const SAFETY_DB = 0.1;
const SPAN = 64;
/**
 * The exponential release only approaches unity: left alone it takes ~3.6 s at 24 kHz to reach
 * 1 in float64 after a peak, and until then every sample takes the slow path. Within this of unity
 * (−0.0009 dB) it is unity. Safe: the gain is still the held minimum whenever a peak is in view.
 */
const RELEASE_SNAP = 1e-4;

export class PeakLimiter {
  readonly latency: number;
  private readonly window: number;
  private readonly threshold: number;
  private readonly release: number;
  /** Input history per channel from global index histStart. */
  private hist: Float32Array[];
  private histStart = -TRUE_PEAK_CONTEXT.before;
  private histLen = TRUE_PEAK_CONTEXT.before;
  private received = 0;
  private next = 0; // next sample index whose needed gain is computed
  private emitted = 0;
  // Sliding minimum of the needed gain (monotonic deque in ring arrays).
  private readonly dqIdx: Float64Array;
  private readonly dqVal: Float64Array;
  private dqHead = 0;
  private dqLen = 0;
  private env = 1;
  // Moving average of the released envelope.
  private readonly avgRing: Float64Array;
  private avgSum: number;
  private avgPos = 0;
  /** Entries of avgRing that are not exactly 1: at 0 the average is exactly 1 again. */
  private avgBelow = 0;
  private minGain = 1;
  private flushed = false;
  /** Per 8 samples of a loud span (with its context): the most any interpolated value there can be. */
  private readonly blockMax = new Float64Array(Math.ceil((SPAN + TRUE_PEAK_CONTEXT.before + TRUE_PEAK_CONTEXT.after + 1) / 8) + 2);
  /** A loud span's interpolated peaks, all at once in WebAssembly SIMD (null without it). */
  private readonly simd: ReturnType<typeof peakKernel>;
  private readonly spanPeaks = [new Float32Array(SPAN), new Float32Array(SPAN)];

  constructor(private readonly opts: LimiterOptions) {
    if (!Number.isInteger(opts.channels) || opts.channels < 1 || opts.channels > 2) throw new RangeError(`the limiter takes 1 or 2 channels, got ${opts.channels}`);
    if (!Number.isFinite(opts.ceilingDbtp)) throw new RangeError(`limiter ceiling must be a finite dBTP value, got ${opts.ceilingDbtp}`);
    this.simd = opts.simd === false ? null : peakKernel();
    this.window = Math.max(1, Math.round(((opts.lookaheadMs ?? 5) * opts.sampleRate) / 1000));
    this.latency = this.window - 1 + TRUE_PEAK_CONTEXT.after;
    this.threshold = Math.pow(10, (opts.ceilingDbtp - SAFETY_DB) / 20);
    this.release = 1 - Math.exp(-1000 / ((opts.releaseMs ?? 100) * opts.sampleRate));
    this.hist = Array.from({ length: opts.channels }, () => new Float32Array(Math.max(4096, this.latency * 4)));
    this.dqIdx = new Float64Array(this.window + 1);
    this.dqVal = new Float64Array(this.window + 1);
    this.avgRing = new Float64Array(this.window).fill(1);
    this.avgSum = this.window;
  }

  /** Lowest gain applied so far (1 = the limiter never acted). */
  get lowestGain(): number {
    return this.minGain;
  }

  /**
   * Feeds a block, scaled by `gain` on the way in (the export's gain, applied here so the block is
   * not copied once more for it); returns the limited output that is ready (up to `latency` samples
   * behind).
   */
  process(channels: readonly Float32Array[], gain = 1): Float32Array[] {
    if (this.flushed) throw new Error('the limiter was already flushed');
    if (channels.length !== this.opts.channels) throw new RangeError(`expected ${this.opts.channels} channel(s), got ${channels.length}`);
    const n = channels[0]!.length;
    this.append(channels, n, gain);
    this.received += n;
    return this.run(this.received);
  }

  /** Returns the rest of the output once the input has ended. */
  flush(): Float32Array[] {
    if (this.flushed) return this.opts.channels === 1 ? [new Float32Array(0)] : [new Float32Array(0), new Float32Array(0)];
    const total = this.received;
    const pad = this.latency + TRUE_PEAK_CONTEXT.after + 1;
    this.append(Array.from({ length: this.opts.channels }, () => new Float32Array(pad)), pad);
    const out = this.run(total + pad, total);
    this.flushed = true;
    return out;
  }

  private append(channels: readonly Float32Array[], n: number, gain = 1): void {
    // Keep what detection (7 before `next`) and the delayed output (window − 1 before `next`) need.
    const keepFrom = Math.min(this.next - TRUE_PEAK_CONTEXT.before, this.next - (this.window - 1)) - this.histStart;
    const cap = this.hist[0]!.length;
    for (let c = 0; c < this.opts.channels; c++) {
      let h = this.hist[c]!;
      if (keepFrom > 0) h.copyWithin(0, keepFrom, this.histLen);
      const used = this.histLen - Math.max(0, keepFrom);
      if (used + n > cap) {
        const grown = new Float32Array(Math.max(used + n, cap * 2));
        grown.set(h.subarray(0, used));
        h = grown;
        this.hist[c] = h;
      }
      const x = channels[c]!;
      if (gain === 1) h.set(x, used);
      else for (let k = 0; k < n; k++) h[used + k] = x[k]! * gain;
    }
    if (keepFrom > 0) {
      this.histStart += keepFrom;
      this.histLen -= keepFrom;
    }
    this.histLen += n;
  }

  /** Computes gains for every sample whose look-ahead context is known; `limit` caps the output. */
  private run(available: number, limit = Infinity): Float32Array[] {
    const end = available - TRUE_PEAK_CONTEXT.after; // gains computable for indices < end
    const outStart = this.emitted;
    const outEnd = Math.min(limit, Math.max(outStart, end - (this.window - 1)));
    const count = Math.max(0, outEnd - outStart);
    const stereo = this.opts.channels === 2;
    const out = Array.from({ length: this.opts.channels }, () => new Float32Array(count));
    // This loop runs for every sample near a peak, and a limited speech programme is near a peak most
    // of the time: the state lives in locals for its duration (V8 keeps those in registers, not the
    // fields), and mono and stereo are spelled out rather than looped over.
    const W = this.window;
    const invW = 1 / W;
    const ring = W + 1;
    const off = -this.histStart;
    const h0 = this.hist[0]!;
    const h1 = stereo ? this.hist[1]! : h0;
    const o0 = out[0]!;
    const o1 = stereo ? out[1]! : o0;
    const { dqIdx, dqVal, avgRing, blockMax, threshold, release, simd } = this;
    const [p0, p1] = this.spanPeaks as [Float32Array, Float32Array];
    let dqHead = this.dqHead;
    let dqLen = this.dqLen;
    let env = this.env;
    let avgSum = this.avgSum;
    let avgPos = this.avgPos;
    let avgBelow = this.avgBelow;
    let minGain = this.minGain;
    for (let s = this.next; s < end; s += SPAN) {
      const e = Math.min(end, s + SPAN);
      // Whole span provably under the threshold: every needed gain is 1, no interpolation.
      const from = s + off - TRUE_PEAK_CONTEXT.before;
      const to = e + off + TRUE_PEAK_CONTEXT.after + 1;
      const quiet = absMax(h0, from, to) * INTERPOLATION_GAIN_BOUND <= threshold && (!stereo || absMax(h1, from, to) * INTERPOLATION_GAIN_BOUND <= threshold);
      // At rest (no gain reduction held, released or being averaged) a quiet span passes through
      // untouched: copying it is what the per-sample loop below would compute, at a fraction of the
      // cost, and most of a speech programme is at rest.
      if (quiet && env === 1 && avgBelow === 0 && dqLen === 0) {
        avgSum = W;
        const a = Math.max(outStart, s - (W - 1));
        const b = Math.min(outEnd, e - (W - 1));
        if (b > a) {
          o0.set(h0.subarray(a + off, b + off), a - outStart);
          if (stereo) o1.set(h1.subarray(a + off, b + off), a - outStart);
        }
        continue;
      }
      // Loud span, with SIMD: every sample's interpolated peak in one call (interpolating sample by
      // sample in JavaScript was about 40 % of the limiter's time on loud speech).
      // Without: the largest |x| of each 8 samples around it, so a sample whose interpolation window
      // (16 samples) provably stays under the threshold skips the interpolation.
      const simdPeaks = !quiet && simd !== null;
      if (simdPeaks) {
        simd(h0, s + off, e + off, p0);
        if (stereo) simd(h1, s + off, e + off, p1);
      } else if (!quiet) {
        const blocks = Math.ceil((e - s + TRUE_PEAK_CONTEXT.before + TRUE_PEAK_CONTEXT.after + 1) / 8);
        for (let k = 0; k < blocks; k++) {
          let m = absMax(h0, from + 8 * k, from + 8 * k + 8);
          if (stereo) m = Math.max(m, absMax(h1, from + 8 * k, from + 8 * k + 8));
          blockMax[k] = m * INTERPOLATION_GAIN_BOUND;
        }
      }
      for (let i = s; i < e; i++) {
        let need = 1;
        if (simdPeaks) {
          const peak = stereo ? Math.max(p0[i - s]!, p1[i - s]!) : p0[i - s]!;
          if (peak > threshold) need = threshold / peak;
        } else if (!quiet) {
          const k = (i - s) >> 3;
          const bound = Math.max(blockMax[k]!, blockMax[k + 1]!, blockMax[k + 2]!);
          if (bound > threshold) {
            let peak = interpolatedPeakAt(h0, i + off);
            if (stereo) peak = Math.max(peak, interpolatedPeakAt(h1, i + off));
            if (peak > threshold) need = threshold / peak;
          }
        }
        // Sliding minimum over the last W needed gains (a ring of W + 1 slots, wrapped by hand). Only
        // gains under 1 are queued: the minimum is 1 when none is in the window, and most samples,
        // even near a peak, need none, so for them this is one comparison.
        if (need < 1) {
          while (dqLen > 0) {
            let last = dqHead + dqLen - 1;
            if (last >= ring) last -= ring;
            if (dqVal[last]! < need) break;
            dqLen--;
          }
          let slot = dqHead + dqLen;
          if (slot >= ring) slot -= ring;
          dqIdx[slot] = i;
          dqVal[slot] = need;
          dqLen++;
        }
        // One sample enters the window a step, so at most one leaves it.
        if (dqLen > 0 && dqIdx[dqHead]! <= i - W) {
          dqHead = dqHead + 1 === ring ? 0 : dqHead + 1;
          dqLen--;
        }
        const held = dqLen > 0 ? dqVal[dqHead]! : 1;
        let released = env + (1 - env) * release;
        if (released > 1 - RELEASE_SNAP) released = 1;
        env = held < released ? held : released;
        const was = avgRing[avgPos]!;
        avgSum += env - was;
        if (was !== 1) avgBelow--;
        if (env !== 1) avgBelow++;
        avgRing[avgPos] = env;
        avgPos = avgPos + 1 === W ? 0 : avgPos + 1;
        // The averaged gain belongs to the sample W − 1 back (its whole window saw that peak).
        const o = i - (W - 1);
        if (o < outStart || o >= outEnd) continue;
        // A multiply by 1/W, not a divide by W: the divide was a third of this loop's time. With
        // nothing under 1 in the window the average is exactly 1, whatever the running sum's drift.
        let g = avgBelow === 0 ? 1 : avgSum * invW;
        if (g > 1) g = 1;
        if (g < minGain) minGain = g;
        o0[o - outStart] = h0[o + off]! * g;
        if (stereo) o1[o - outStart] = h1[o + off]! * g;
      }
    }
    // Re-anchor the running sum now and then so float error cannot creep past the guarantee.
    let fresh = 0;
    for (let k = 0; k < W; k++) fresh += avgRing[k]!;
    this.avgSum = fresh;
    this.dqHead = dqHead;
    this.dqLen = dqLen;
    this.env = env;
    this.avgPos = avgPos;
    this.avgBelow = avgBelow;
    this.minGain = minGain;
    this.next = Math.max(this.next, end);
    this.emitted = outEnd;
    return out;
  }
}
