// Picks the part of a long recording to clone from. The encoder uses at most 20 s (what Pocket
// TTS's own voices were made from), so for a podcast episode or a ten-minute voice memo we choose
// the 20 s with the most speech and the least clipping, rather than the first 20 s, which are
// often an intro jingle, a greeting or silence.
import { analyzeFrames } from './vad';

export const REFERENCE_SECONDS = 20;
/** Each clipped frame costs as much as this many frames of speech gains. */
const CLIP_PENALTY = 3;

export interface ReferenceWindow {
  startSec: number;
  endSec: number;
  start: number;
  end: number;
}

/** The best `seconds`-long window of `pcm`, or null when the recording is no longer than that. */
export function bestWindow(pcm: Float32Array, sampleRate: number, seconds = REFERENCE_SECONDS): ReferenceWindow | null {
  const length = Math.round(seconds * sampleRate);
  if (pcm.length <= length) return null;
  const vad = analyzeFrames(pcm, sampleRate);
  const per = vad.frameSamples;
  const span = Math.floor(length / per);
  const score = vad.frames.map((f) => (f.speech ? 1 : 0) - (f.clipped > 0 ? CLIP_PENALTY : 0));
  let sum = 0;
  for (let i = 0; i < Math.min(span, score.length); i++) sum += score[i]!;
  let best = sum;
  let bestAt = 0;
  // Windows start on frame boundaries; ties keep the earliest.
  for (let i = span; i < score.length; i++) {
    sum += score[i]! - score[i - span]!;
    if (sum > best) {
      best = sum;
      bestAt = i - span + 1;
    }
  }
  const start = bestAt * per;
  const end = Math.min(pcm.length, start + length);
  return { start, end, startSec: start / sampleRate, endSec: end / sampleRate };
}
