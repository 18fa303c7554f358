// Integrated loudness per ITU-R BS.1770-4, measured while an export streams past, so a 30-minute
// mix is judged without being held in memory. The figure decides the normalization gain, and the
// e2e check holds exports to ±0.5 LU of the chosen target, so the meter has to agree with the
// standard, not merely look plausible.
//
// Written here rather than taken from npm: the one maintained binding (ebur128-wasm) wants whole
// buffers, while the mixer hands out blocks; and the standard's parts are small — two biquads, a
// block histogram and two gates — and are pinned by the reference-signal tests beside this file.
//
// Channel weighting: every channel we produce (mono, or left/right) has weight 1.0. A mono file is
// measured as ONE channel, as the standard says; we do not add the +3 dB "dual mono" allowance some
// meters offer for mono played on two speakers. So a 1 kHz sine at −20 dBFS reads −23.0 LUFS mono,
// and the same sine on both channels of a stereo file at −23 dBFS reads −23.0 LUFS too.

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export interface KWeighting {
  /** Stage 1: the high shelf that models the acoustic effect of the head (about +4 dB above 2 kHz). */
  shelf: Biquad;
  /** Stage 2: the RLB high-pass (about 38 Hz). */
  highpass: Biquad;
}

/**
 * K-weighting designed for `sampleRate` from the analogue prototypes behind the standard's 48 kHz
 * table (bilinear transform with pre-warping), so 24 kHz audio is weighted as 48 kHz audio would
 * be — reusing the 48 kHz coefficients at 24 kHz would move both corner frequencies down an octave.
 */
export function kWeighting(sampleRate: number): KWeighting {
  if (!Number.isFinite(sampleRate) || sampleRate < 8000) throw new RangeError(`loudness needs a sample rate of at least 8000 Hz, got ${sampleRate}`);
  // Shelf: centre 1681.97 Hz, +4.00 dB, Q 0.7072 — the prototype that reproduces Table 1 at 48 kHz.
  const f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  const q = 0.7071752369554196;
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = Math.pow(10, gainDb / 20);
  const vb = Math.pow(vh, 0.4996667741545416);
  const a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  // High-pass: 38.135 Hz, Q 0.5003; the standard's numerator is exactly 1, −2, 1.
  const f1 = 38.13547087602444;
  const q1 = 0.5003270373238773;
  const k1 = Math.tan((Math.PI * f1) / sampleRate);
  const d = 1 + k1 / q1 + k1 * k1;
  const highpass: Biquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (k1 * k1 - 1)) / d, a2: (1 - k1 / q1 + k1 * k1) / d };
  return { shelf, highpass };
}

/** Loudness of a mean-square energy (channel-weighted), in LUFS. */
export function energyToLufs(energy: number): number {
  return energy > 0 ? -0.691 + 10 * Math.log10(energy) : -Infinity;
}

function lufsToEnergy(lufs: number): number {
  return Math.pow(10, (lufs + 0.691) / 10);
}

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;

/** Per-channel filter state, kept in doubles: the 38 Hz pole sits very close to z = 1. */
export class KFilter {
  private s1 = 0;
  private s2 = 0;
  private h1 = 0;
  private h2 = 0;
  constructor(private readonly k: KWeighting) {}

  /** Adds the K-weighted squares of `x[from, to)` and returns the sum. */
  sumSquares(x: Float32Array, from: number, to: number): number {
    // Coefficients in locals: property loads inside this loop cost more than the arithmetic.
    const { b0, b1, b2, a1, a2 } = this.k.shelf;
    const c1 = this.k.highpass.a1;
    const c2 = this.k.highpass.a2;
    // Transposed direct form II with the output substituted into the state updates, so each state
    // depends on the previous one through one multiply and one add (s1' = −a1·s1 + …), not through
    // the output's add as well: the loop is bound by that chain, and this shortens it by a third.
    const e1 = b1 - a1 * b0;
    const e2 = b2 - a2 * b0;
    const g1 = -2 - c1;
    const g2 = 1 - c2;
    let { s1, s2, h1, h2 } = this;
    let sum = 0;
    // Good numerics in float64. The tiny DC offset keeps the states out of subnormal numbers
    // during digital silence (which made the meter five times slower on real dialogue); the
    // high-pass removes it before squaring.
    for (let i = from; i < to; i++) {
      const v = x[i]! + 1e-15;
      const y1 = b0 * v + s1;
      const t1 = e1 * v + s2;
      s2 = e2 * v - a2 * s1;
      s1 = t1 - a1 * s1;
      const y2 = y1 + h1; // high-pass numerator is 1, −2, 1
      const u1 = g1 * y1 + h2;
      h2 = g2 * y1 - c2 * h1;
      h1 = u1 - c1 * h1;
      sum += y2 * y2;
    }
    this.s1 = s1;
    this.s2 = s2;
    this.h1 = h1;
    this.h2 = h2;
    return sum;
  }
}

/** Histogram of gating blocks: 0.005 LU bins from the absolute gate up, energies summed exactly per bin. */
const BIN_LU = 0.005;
const TOP_LUFS = 10;
const BINS = Math.ceil((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_LU);

/**
 * Streaming BS.1770-4 meter: 400 ms gating blocks every 100 ms (75 % overlap), an absolute gate at
 * −70 LUFS and a relative gate 10 LU under the absolutely-gated level. Only complete blocks count,
 * as the standard specifies, so audio shorter than 400 ms has no integrated loudness (−Infinity).
 *
 * Blocks go into a histogram instead of a list, so the meter's memory is the same for a minute and
 * for a ten-hour book. Each bin keeps the exact sum of its blocks' energies, so the only
 * approximation is which side of the relative gate the blocks of one 0.005 LU bin fall on: a
 * difference far below what any meter reports (libebur128 uses 0.1 LU bins for the same purpose).
 */
export class LoudnessMeter {
  private readonly filters: KFilter[];
  private readonly step: number;
  /** Weighted sum of squares of each completed 100 ms step, the last three kept for overlap. */
  private readonly recent: number[] = [];
  private stepSum = 0;
  private stepFill = 0;
  private readonly binCount = new Float64Array(BINS);
  private readonly binEnergy = new Float64Array(BINS);
  private blockCount = 0;
  private lastBlock = 0;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    if (!Number.isInteger(channels) || channels < 1 || channels > 2) throw new RangeError(`the loudness meter takes 1 or 2 channels, got ${channels}`);
    const k = kWeighting(sampleRate);
    this.filters = Array.from({ length: channels }, () => new KFilter(k));
    this.step = Math.round(sampleRate / 10);
  }

  /** Feeds one block; every channel must have the same length. */
  push(channels: readonly Float32Array[]): void {
    if (channels.length !== this.channels) throw new RangeError(`expected ${this.channels} channel(s), got ${channels.length}`);
    const n = channels[0]!.length;
    for (const c of channels) if (c.length !== n) throw new RangeError('all channels of a block must have the same length');
    let at = 0;
    while (at < n) {
      const take = Math.min(n - at, this.step - this.stepFill);
      for (let c = 0; c < this.channels; c++) this.stepSum += this.filters[c]!.sumSquares(channels[c]!, at, at + take);
      at += take;
      this.stepFill += take;
      if (this.stepFill === this.step) this.completeStep();
    }
  }

  private completeStep(): void {
    this.recent.push(this.stepSum);
    this.stepSum = 0;
    this.stepFill = 0;
    if (this.recent.length < 4) return;
    if (this.recent.length > 4) this.recent.shift();
    const energy = (this.recent[0]! + this.recent[1]! + this.recent[2]! + this.recent[3]!) / (4 * this.step);
    this.blockCount++;
    this.lastBlock = energy;
    const lufs = energyToLufs(energy);
    if (!(lufs > ABSOLUTE_GATE_LUFS)) return; // under the absolute gate: never counted
    const bin = Math.min(BINS - 1, Math.floor((lufs - ABSOLUTE_GATE_LUFS) / BIN_LU));
    this.binCount[bin]! += 1;
    this.binEnergy[bin]! += energy;
  }

  /** Number of complete 400 ms gating blocks seen so far. */
  get gatingBlocks(): number {
    return this.blockCount;
  }

  /** Loudness of the most recent 400 ms block (momentary loudness), −Infinity before the first. */
  momentary(): number {
    return this.blockCount > 0 ? energyToLufs(this.lastBlock) : -Infinity;
  }

  /** Gated integrated loudness of everything pushed so far, in LUFS (−Infinity if all is gated out). */
  integrated(): number {
    let sum = 0;
    let count = 0;
    for (let b = 0; b < BINS; b++) {
      sum += this.binEnergy[b]!;
      count += this.binCount[b]!;
    }
    if (count === 0) return -Infinity;
    const relGate = lufsToEnergy(energyToLufs(sum / count) + RELATIVE_GATE_LU);
    sum = 0;
    count = 0;
    for (let b = 0; b < BINS; b++) {
      const n = this.binCount[b]!;
      // A bin's blocks lie within 0.005 LU of each other: the bin is judged by their mean.
      if (n === 0 || this.binEnergy[b]! / n <= relGate) continue;
      sum += this.binEnergy[b]!;
      count += n;
    }
    return count === 0 ? -Infinity : energyToLufs(sum / count);
  }
}

/** Integrated loudness of whole buffers (one per channel), in LUFS. */
export function integratedLoudness(channels: Float32Array | readonly Float32Array[], sampleRate: number): number {
  const list = channels instanceof Float32Array ? [channels] : channels;
  const meter = new LoudnessMeter(sampleRate, list.length);
  meter.push(list);
  return meter.integrated();
}

/**
 * Plain RMS over everything pushed, in dBFS (channels averaged): the level ACX asks audiobooks to
 * meet (−23 to −18 dBFS RMS), which is not a loudness measure and has no gating.
 */
export class RmsMeter {
  private sum = 0;
  private count = 0;
  constructor(readonly channels: number) {}

  push(channels: readonly Float32Array[]): void {
    for (const c of channels) {
      let s = 0;
      for (let i = 0; i < c.length; i++) s += c[i]! * c[i]!;
      this.sum += s;
      this.count += c.length;
    }
  }

  integrated(): number {
    return this.count > 0 && this.sum > 0 ? 10 * Math.log10(this.sum / this.count) : -Infinity;
  }
}

/** A meter for the export's level target: BS.1770 loudness, or RMS. */
export function levelMeter(kind: 'lufs' | 'rms', sampleRate: number, channels: number): { push(c: readonly Float32Array[]): void; integrated(): number } {
  return kind === 'rms' ? new RmsMeter(channels) : new LoudnessMeter(sampleRate, channels);
}
