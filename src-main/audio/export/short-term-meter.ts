// The studio's level meters: sample peak, true peak (4× oversampled, as BS.1770 defines it: what a
// limiter's −1 dBTP ceiling is about) and short-term loudness (ITU-R BS.1770 / EBU Tech 3341:
// K-weighted, a 3 s sliding window) every 100 ms. Computed where the mix is made (the playback
// windows of timeline/mix-window.ts), from the exact samples the page then plays, with the same
// K-weighting filter as the export's loudness measurement, so the meter and the export agree.
//
// Why not meter in the page (an AudioWorklet tap): the page hears only the finished mix, so lane
// meters would need every stem sent as audio too; the core already has each stem in hand as the
// mixer builds the mix, and a frame of figures is a few bytes where a stem is 96 kB a second.
import { energyToLufs, KFilter, kWeighting } from './loudness';
import { TruePeakMeter } from './true-peak';

export const METER_STEP_SEC = 0.1;
/** Short-term loudness integrates the last 3 s (30 steps of 100 ms). */
export const SHORT_TERM_STEPS = 30;

export interface MeterFrame {
  /** Largest |sample| of the step, in dBFS (−Infinity for digital silence). */
  peakDb: number;
  /** True peak of the step, in dBTP: never below peakDb (see TruePeakMeter.takeSpanPeak for timing). */
  truePeakDb: number;
  /** Short-term loudness at the end of the step, in LUFS (−Infinity while silent). */
  lufs: number;
}

export class ShortTermMeter {
  readonly step: number;
  private readonly filters: KFilter[];
  private readonly ring = new Float64Array(SHORT_TERM_STEPS);
  private ringPos = 0;
  private ringSum = 0;
  private stepSum = 0;
  private stepFill = 0;
  private stepPeak = 0;
  private readonly truePeak: TruePeakMeter;
  private readonly out: MeterFrame[] = [];

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    if (!Number.isInteger(channels) || channels < 1 || channels > 2) throw new RangeError(`the meter takes 1 or 2 channels, got ${channels}`);
    const k = kWeighting(sampleRate);
    this.filters = Array.from({ length: channels }, () => new KFilter(k));
    this.truePeak = new TruePeakMeter(channels);
    this.step = Math.round(sampleRate * METER_STEP_SEC);
  }

  /** Feeds a block (one array per channel, equal lengths); completed steps become frames. */
  push(channels: readonly Float32Array[]): void {
    if (channels.length !== this.channels) throw new RangeError(`expected ${this.channels} channel(s), got ${channels.length}`);
    const n = channels[0]!.length;
    let at = 0;
    while (at < n) {
      const take = Math.min(n - at, this.step - this.stepFill);
      for (let c = 0; c < this.channels; c++) {
        const x = channels[c]!;
        this.stepSum += this.filters[c]!.sumSquares(x, at, at + take);
        for (let i = at; i < at + take; i++) {
          const v = Math.abs(x[i]!);
          if (v > this.stepPeak) this.stepPeak = v;
        }
      }
      this.truePeak.push(at === 0 && take === n ? channels : channels.map((x) => x.subarray(at, at + take)));
      at += take;
      this.stepFill += take;
      if (this.stepFill === this.step) this.endStep();
    }
  }

  /** Ends a partial last step (a window that stops between two steps) as a frame of its own. */
  flush(): void {
    if (this.stepFill > 0) this.endStep();
  }

  /** Frames completed since the last call. */
  take(): MeterFrame[] {
    return this.out.splice(0, this.out.length);
  }

  private endStep(): void {
    // Mean square per step; the window's loudness is the mean over its 30 steps, the channels summed
    // with weight 1 (BS.1770's weights for mono and for left/right).
    const energy = this.stepSum / this.stepFill;
    this.ringSum += energy - this.ring[this.ringPos]!;
    this.ring[this.ringPos] = energy;
    this.ringPos = (this.ringPos + 1) % SHORT_TERM_STEPS;
    const mean = Math.max(0, this.ringSum) / SHORT_TERM_STEPS;
    const tp = Math.max(this.truePeak.takeSpanPeak(), this.stepPeak);
    const db = (x: number) => (x > 0 ? 20 * Math.log10(x) : -Infinity);
    this.out.push({ peakDb: db(this.stepPeak), truePeakDb: db(tp), lufs: energyToLufs(mean) });
    this.stepSum = 0;
    this.stepFill = 0;
    this.stepPeak = 0;
  }
}
