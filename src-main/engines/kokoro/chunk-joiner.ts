// Joins the audio of consecutive Kokoro chunks as it streams. Each chunk is synthesized on its own,
// so its edges are arbitrary: some near-silence the model adds, and a waveform that starts and
// stops wherever it happens to be. Played back to back that is a click at every join. Here each
// chunk loses its near-silent edges, the end of one is held back a few milliseconds and either
// crossfaded into the next (a join inside a sentence) or faded out before a pause (a join at
// punctuation), and the very first and last edges are faded.
import { concat, crossfadeJoin, dbfs, fadeIn, fadeOut, peak, trimSilence } from '../../audio/pcm';

export interface JoinOptions {
  sampleRate?: number;
  /** Equal-power crossfade at joins without a pause. */
  crossfadeMs?: number;
  /** Fade in at the start of speech and out before a pause or the end. */
  fadeMs?: number;
  /** Edges quieter than this many dB below the chunk's peak count as silence. */
  trimBelowPeakDb?: number;
  /** Near-silence kept around speech so first and last sounds are not clipped. */
  padMs?: number;
}

export class ChunkJoiner {
  private tail: Float32Array | null = null;
  private readonly rate: number;
  private readonly crossfadeMs: number;
  private readonly fadeMs: number;
  private readonly belowPeakDb: number;
  private readonly padMs: number;

  constructor(opts: JoinOptions = {}) {
    this.rate = opts.sampleRate ?? 24_000;
    this.crossfadeMs = opts.crossfadeMs ?? 8;
    this.fadeMs = opts.fadeMs ?? 5;
    this.belowPeakDb = opts.trimBelowPeakDb ?? 50;
    this.padMs = opts.padMs ?? 15;
  }

  private get holdSamples(): number {
    return Math.round((Math.max(this.crossfadeMs, this.fadeMs) / 1000) * this.rate);
  }

  /** Trims a chunk's near-silent edges, relative to its own peak so quiet voices are not cut. */
  trim(raw: Float32Array): Float32Array {
    const p = peak(raw);
    if (p === 0) return new Float32Array(0);
    const thresholdDb = Math.min(-40, dbfs(p) - this.belowPeakDb);
    return trimSilence(raw, { thresholdDb, padMs: this.padMs, sampleRate: this.rate });
  }

  /**
   * Takes the next chunk's raw audio and returns what can be played now. `pauseMs` is the
   * silence to put before it (0 joins it to the previous chunk with a crossfade).
   */
  push(raw: Float32Array, pauseMs = 0): Float32Array {
    const speech = this.trim(raw);
    if (speech.length === 0) return new Float32Array(0);
    let joined: Float32Array;
    if (this.tail === null) {
      joined = fadeIn(speech, this.fadeMs, this.rate);
    } else if (pauseMs > 0) {
      const before = fadeOut(this.tail.slice(), this.fadeMs, this.rate);
      joined = concat([before, new Float32Array(Math.round((pauseMs / 1000) * this.rate)), fadeIn(speech, this.fadeMs, this.rate)]);
    } else {
      joined = crossfadeJoin(this.tail, speech, this.crossfadeMs, this.rate);
    }
    const hold = Math.min(this.holdSamples, joined.length);
    this.tail = joined.slice(joined.length - hold);
    // slice, not subarray: each piece owns its buffer so the worker can transfer it.
    return joined.slice(0, joined.length - hold);
  }

  /** The held-back end, faded out; the joiner is ready for a new utterance afterwards. */
  finish(): Float32Array {
    const tail = this.tail;
    this.tail = null;
    return tail ? fadeOut(tail, this.fadeMs, this.rate) : new Float32Array(0);
  }
}

/** Pause after a chunk, by how its phonemes end: a sentence, a clause, or mid-clause. */
export function pauseAfterMs(phonemes: string): number {
  const end = phonemes.trimEnd().replace(/[”"»)]+$/u, '').slice(-1);
  if ('.!?…'.includes(end) && end) return 200;
  if (',;:—'.includes(end) && end) return 100;
  return 0;
}
