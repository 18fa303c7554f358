// Turns a checked reference into what the encoder is given: one channel, 24 kHz through the
// project's band-limited resampler (a 44.1 or 48 kHz recording aliased by a naive resampler would
// give the clone a metallic edge), DC removed, silence trimmed from both ends, and speech brought
// to a standard loudness so a quiet and a loud take of one voice encode alike.
import { dbfs, peak } from '../audio/pcm';
import { resample } from '../audio/resample';
import { analyzeFrames, meanDb } from './vad';

export const REFERENCE_RATE = 24_000;
/** Speech loudness the encoder is given (RMS over speech frames). */
export const TARGET_SPEECH_DB = -20;
/** Never push peaks past this, whatever the target asks. */
export const PEAK_CEILING_DB = -1;
const PAD_MS = 150;
/** Amplify a whisper-quiet take at most this much: beyond it the noise comes up with it. */
const MAX_GAIN_DB = 30;

/** A one-pole high-pass at ~20 Hz: takes out DC offset and rumble cheap microphones add. */
function removeDc(pcm: Float32Array, sampleRate: number): Float32Array {
  const out = new Float32Array(pcm.length);
  const r = Math.exp((-2 * Math.PI * 20) / sampleRate);
  let x1 = 0;
  let y1 = 0;
  for (let i = 0; i < pcm.length; i++) {
    const x = pcm[i]!;
    const y = x - x1 + r * y1;
    out[i] = y;
    x1 = x;
    y1 = y;
  }
  return out;
}

export interface ProcessedReference {
  pcm: Float32Array;
  sampleRate: typeof REFERENCE_RATE;
  gainDb: number;
  trimmedSec: number;
}

/** `mono` at `sampleRate` (already the chosen window) → 24 kHz, trimmed, loudness-normalized. */
export function processReference(mono: Float32Array, sampleRate: number): ProcessedReference {
  const at24 = sampleRate === REFERENCE_RATE ? mono.slice() : resample(mono, sampleRate, REFERENCE_RATE);
  const clean = removeDc(at24, REFERENCE_RATE);
  const vad = analyzeFrames(clean, REFERENCE_RATE);
  const first = vad.frames.findIndex((f) => f.speech);
  let last = -1;
  for (let i = vad.frames.length - 1; i >= 0; i--) if (vad.frames[i]!.speech) {
    last = i;
    break;
  }
  const pad = Math.round((PAD_MS / 1000) * REFERENCE_RATE);
  const start = first < 0 ? 0 : Math.max(0, first * vad.frameSamples - pad);
  const end = last < 0 ? clean.length : Math.min(clean.length, (last + 1) * vad.frameSamples + pad);
  const trimmed = clean.slice(start, end);
  const speechDb = meanDb(vad.frames.slice(Math.max(0, first), last + 1), (f) => f.speech);
  const peakDb = dbfs(peak(trimmed));
  let gainDb = Number.isFinite(speechDb) ? TARGET_SPEECH_DB - speechDb : 0;
  if (Number.isFinite(peakDb)) gainDb = Math.min(gainDb, PEAK_CEILING_DB - peakDb);
  gainDb = Math.min(gainDb, MAX_GAIN_DB);
  const g = 10 ** (gainDb / 20);
  for (let i = 0; i < trimmed.length; i++) trimmed[i]! *= g;
  return { pcm: trimmed, sampleRate: REFERENCE_RATE, gainDb, trimmedSec: (clean.length - trimmed.length) / REFERENCE_RATE };
}
