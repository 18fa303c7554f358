// The input meter's numbers: level (RMS) and peak of the microphone in dBFS, a peak that holds and
// then falls so the eye can read it, and a clipping flag that latches. A meter that only showed the
// instantaneous level hid the one overload that ruined a take; the latch keeps it lit until the
// person resets it or records again.

/** The bottom of the meter: anything quieter reads as this. */
export const FLOOR_DB = -60;
/**
 * A sample this close to full scale counts towards clipping. Not exactly 1.0: converters and the
 * browser's own gain stages often stop a hair short of full scale when they overload.
 */
export const CLIP_SAMPLE = 0.99;
/**
 * Consecutive near-full-scale samples that count as clipping. One sample at 0.99 can be a clean
 * transient; a flat run of them is a waveform cut off by the converter.
 */
export const CLIP_RUN = 3;
/** How fast the held peak falls once its hold time is over. */
export const PEAK_FALL_DB_PER_SEC = 20;
export const PEAK_HOLD_SEC = 1;

export function toDbfs(amplitude: number): number {
  if (!(amplitude > 0)) return FLOOR_DB;
  return Math.max(FLOOR_DB, 20 * Math.log10(amplitude));
}

export interface BlockLevels {
  rms: number;
  peak: number;
  /** A run of at least CLIP_RUN samples at or above CLIP_SAMPLE in this block (or from the last one). */
  clipped: boolean;
}

export interface MeterReading {
  rmsDb: number;
  peakDb: number;
  /** The held peak: the loudest recent peak, falling slowly after a second. */
  holdDb: number;
  /** Latched: stays true until reset(). */
  clipped: boolean;
}

/** Running meter over the blocks the capture delivers; `now` in seconds from the audio clock. */
export class LevelMeter {
  private reading: MeterReading = { rmsDb: FLOOR_DB, peakDb: FLOOR_DB, holdDb: FLOOR_DB, clipped: false };
  private holdAt = 0;
  private lastAt = 0;
  /** Near-full-scale samples at the end of the previous block, so a run across blocks still counts. */
  private run = 0;

  push(block: Float32Array, now: number): MeterReading {
    let sum = 0;
    let peak = 0;
    let run = this.run;
    let clipped = false;
    for (let i = 0; i < block.length; i++) {
      const x = block[i]!;
      const a = x < 0 ? -x : x;
      sum += x * x;
      if (a > peak) peak = a;
      if (a >= CLIP_SAMPLE) {
        run += 1;
        if (run >= CLIP_RUN) clipped = true;
      } else run = 0;
    }
    this.run = run;
    const rms = block.length > 0 ? Math.sqrt(sum / block.length) : 0;
    const peakDb = toDbfs(peak);
    const dt = Math.max(0, now - this.lastAt);
    this.lastAt = now;
    let holdDb = this.reading.holdDb;
    if (peakDb >= holdDb) {
      holdDb = peakDb;
      this.holdAt = now;
    } else if (now - this.holdAt > PEAK_HOLD_SEC) {
      holdDb = Math.max(peakDb, holdDb - PEAK_FALL_DB_PER_SEC * dt);
    }
    this.reading = { rmsDb: toDbfs(rms), peakDb, holdDb, clipped: this.reading.clipped || clipped };
    return this.reading;
  }

  get current(): MeterReading {
    return this.reading;
  }

  /** Clears the clipping latch (the person clicked it, or a new take starts). */
  resetClip(): void {
    this.reading = { ...this.reading, clipped: false };
    this.run = 0;
  }
}

/** Where a level sits on the meter, 0 (floor) to 1 (0 dBFS). */
export function meterFraction(db: number): number {
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
