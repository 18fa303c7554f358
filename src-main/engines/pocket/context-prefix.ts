// "Continue from the previous line": Pocket TTS is conditioned on a prefix of voice rows (the
// encoder's output for a reference recording, ENGINES.md 2.5–2.6), so a line can also be conditioned
// on audio that came just before it. We encode the last few seconds of that audio with the same
// encoder and prefill its rows after the voice's, on top of the voice's cached prefill: one more
// cond step of at most CONTEXT_SECONDS × 12.5 rows, with the voice's flow cache as the past.
//
// Why append rows rather than encode "reference + context" as one recording: the engine worker has
// the clone's conditioning, not its reference audio, and appending keeps the voice prefill cached.
// The cost is the join: the encoder sees the context alone, so its first frames lack what came
// before them. The encoder's BOS row marks the start of a voice prompt, so the context's is dropped.
//
// The built-in voices were encoded from at most 20 s, so the prefix is kept within that (plus the
// BOS row): a long reference gives up its oldest rows to make room for the context, never the BOS.
import { MAX_REFERENCE_SECONDS } from './encoder';
import type { PocketConfig } from './config';
import type { VoiceCond } from './assets';

/** Seconds of the context line's end that condition the next line. */
export const CONTEXT_SECONDS = 5;

type Timing = Pick<PocketConfig, 'sampleRate' | 'frameRate' | 'frameSize'>;

/** The most cond rows a prefix holds: 20 s of frames plus the BOS row. */
export function maxPrefixRows(c: Timing): number {
  return Math.floor(MAX_REFERENCE_SECONDS * c.frameRate) + 1;
}

/** Cond rows the context may add (one per frame of CONTEXT_SECONDS). */
export function contextRowBudget(c: Timing): number {
  return Math.floor(CONTEXT_SECONDS * c.frameRate);
}

/**
 * The context's last whole frames, at most CONTEXT_SECONDS: cut at a frame boundary from the end
 * rather than zero-padded, so no silence sits between the context and the new line. Null when it
 * holds less than one frame.
 */
export function contextTail(pcm: Float32Array, c: Timing): Float32Array | null {
  const frames = Math.min(Math.floor(pcm.length / c.frameSize), contextRowBudget(c));
  if (frames < 1) return null;
  return pcm.slice(pcm.length - frames * c.frameSize);
}

/**
 * The voice rows kept when a context follows: all of them when they leave room for a full context,
 * else the BOS row and the latest rows. Depends on the voice only, so its prefill stays cached
 * whatever the context's length.
 */
export function voiceRowsWithContext(voiceRows: number, c: Timing): number {
  return Math.min(voiceRows, maxPrefixRows(c) - contextRowBudget(c));
}

export function keepVoiceRows(voice: VoiceCond, rows: number): VoiceCond {
  if (rows >= voice.rows) return voice;
  const data = new Float32Array(rows * voice.dim);
  data.set(voice.data.subarray(0, voice.dim));
  data.set(voice.data.subarray((voice.rows - rows + 1) * voice.dim), voice.dim);
  return { data, rows, dim: voice.dim };
}

/** The encoder's rows for the context without its BOS row (the first). */
export function contextRows(encoded: VoiceCond): VoiceCond {
  return { data: encoded.data.subarray(encoded.dim), rows: encoded.rows - 1, dim: encoded.dim };
}
