// The last stage before a codec: the export's gain, the look-ahead limiter when the gain needs one,
// and the meters that report what was delivered. It runs wherever its codec runs, so on a codec
// thread (encode-thread.ts) the export's main thread only mixes: the limiter and the meters of a
// loudness-normalized mix with stems were most of that thread's work, and it was the thread every
// codec waited on. With no codec at all it is a measuring pass (the loudness fit's).
import type { AudioEncoder } from './encoder';
import { PeakLimiter } from './limiter';
import { levelMeter } from './loudness';
import { TruePeakMeter } from './true-peak';

export interface MasteringOptions {
  /** Linear gain applied first. */
  gain: number;
  /** The limiter's true-peak ceiling (dBTP); null for no limiter. */
  ceilingDbtp: number | null;
  /** Measure the output's level: BS.1770 loudness, plain RMS, or not at all. */
  level: 'lufs' | 'rms' | null;
  /** Measure the output's true peak. */
  truePeak: boolean;
}

export interface MasteringStats {
  /** Integrated level of the output in the unit asked for; null when not measured. */
  level: number | null;
  /** Linear true peak of the output; null when not measured. */
  truePeak: number | null;
  /** The lowest gain the limiter applied (1 when it never acted, or there is none). */
  lowestGain: number;
}

export class Mastering {
  private readonly limiter: PeakLimiter | null;
  private readonly meter: ReturnType<typeof levelMeter> | null;
  private readonly peak: TruePeakMeter | null;
  private readonly scratch: Float32Array[];

  constructor(
    sampleRate: number,
    readonly channels: 1 | 2,
    private readonly opts: MasteringOptions,
  ) {
    this.limiter = opts.ceilingDbtp === null ? null : new PeakLimiter({ sampleRate, channels, ceilingDbtp: opts.ceilingDbtp });
    this.meter = opts.level ? levelMeter(opts.level, sampleRate, channels) : null;
    this.peak = opts.truePeak ? new TruePeakMeter(channels) : null;
    this.scratch = Array.from({ length: channels }, () => new Float32Array(0));
  }

  /**
   * The output ready for this block (the limiter holds back its look-ahead). Without a limiter
   * the result may be the block itself or a scratch buffer: valid until the next call.
   */
  process(block: readonly Float32Array[]): Float32Array[] {
    // The limiter takes the gain as it copies the block in (the same float32 products).
    const chans = this.limiter ? this.limiter.process(block, this.opts.gain) : this.scale(block);
    this.measure(chans);
    return chans;
  }

  /** What the limiter still holds, once the input has ended. */
  flush(): Float32Array[] {
    const tail = this.limiter ? this.limiter.flush() : Array.from({ length: this.channels }, () => new Float32Array(0));
    this.measure(tail);
    this.peak?.finish();
    return tail;
  }

  /** Read after flush(). */
  get stats(): MasteringStats {
    return { level: this.meter ? this.meter.integrated() : null, truePeak: this.peak ? this.peak.peak : null, lowestGain: this.limiter ? this.limiter.lowestGain : 1 };
  }

  private measure(chans: Float32Array[]): void {
    this.meter?.push(chans);
    this.peak?.push(chans);
  }

  private scale(block: readonly Float32Array[]): Float32Array[] {
    const g = this.opts.gain;
    if (g === 1) return block as Float32Array[];
    return block.map((c, i) => {
      let s = this.scratch[i]!;
      if (s.length < c.length) s = this.scratch[i] = new Float32Array(c.length);
      const v = s.subarray(0, c.length);
      for (let k = 0; k < c.length; k++) v[k] = c[k]! * g;
      return v;
    });
  }
}

/** Where the export sends a stream of blocks: a codec behind a mastering stage, here or on a thread. */
export interface MasteredOutput {
  write(block: readonly Float32Array[]): Promise<void>;
  /** Finishes the codec (if any); the stage's figures, measured on what it delivered. */
  finish(): Promise<MasteringStats>;
  dispose(): void;
}

/** A mastering stage in front of an encoder on this thread, or of nothing (a measuring pass). */
export class LocalMasteredOutput implements MasteredOutput {
  constructor(
    private readonly stage: Mastering,
    private readonly encoder: AudioEncoder | null,
  ) {}

  async write(block: readonly Float32Array[]): Promise<void> {
    const out = this.stage.process(block);
    if (this.encoder) await this.encoder.write(out);
  }

  async finish(): Promise<MasteringStats> {
    const tail = this.stage.flush();
    if (this.encoder) {
      await this.encoder.write(tail);
      await this.encoder.finish();
    }
    return this.stage.stats;
  }

  dispose(): void {
    this.encoder?.dispose();
  }
}
