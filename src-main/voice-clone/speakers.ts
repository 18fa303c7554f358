// "More than one speaker?" for a cloning reference, from the voice's pitch. A clone of two people
// sounds like neither, and the commonest way to get one is an interview or a clip with a second
// voice answering. Telling voices apart in general needs a speaker-embedding model; what is cheap and
// reliable is the case that matters most in practice: voices whose pitch differs clearly (a man and a
// woman, an adult and a child). So: the pitch of every voiced frame (McLeod's method, via pitchy,
// which also says how periodic the frame is, so noise and fricatives are left out), the median pitch
// of each stretch of speech, and a two-way split of those medians. Two groups of stretches far apart
// in pitch, each holding a fair share of the speech, make a warning; one person's intonation moves
// the pitch within a syllable or a phrase, not the median of whole stretches by half an octave.
// Voices of similar pitch are not told apart, and the report says so.
import { PitchDetector } from 'pitchy';
import type { VadResult } from './vad';

const WINDOW_MS = 40;
/** How periodic a frame must be to count as voiced (pitchy's clarity, 0…1). */
const MIN_CLARITY = 0.9;
const MIN_F0 = 60;
const MAX_F0 = 500;
/** A stretch of speech shorter than this has too few frames for a trustworthy median. */
const MIN_STRETCH_SEC = 0.4;
/** Stretches are cut at pauses of at least this long (a turn change). */
const SPLIT_PAUSE_MS = 120;
/** Two groups' pitch this far apart is not one person's range of medians. */
export const SPLIT_SEMITONES = 7;
/** Each group needs this share of the voiced stretches' time. */
const MIN_SHARE = 0.2;

export interface SpeakerEstimate {
  /** Likely number of distinct voices by pitch: 1, or 2 when two clearly different ones speak. */
  voices: 1 | 2;
  /** Median pitch of each group, in Hz (one value for one voice); empty when nothing was voiced. */
  pitchesHz: number[];
  /** Seconds of voiced stretches the estimate rests on. */
  voicedSec: number;
}

interface Stretch {
  semitones: number;
  sec: number;
}

const toSemitones = (hz: number) => 12 * Math.log2(hz / 55);
const toHz = (st: number) => 55 * 2 ** (st / 12);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs of speech frames, cut at pauses, each with the median pitch of its clearly voiced frames. */
function voicedStretches(pcm: Float32Array, vad: VadResult): Stretch[] {
  const win = Math.round((vad.sampleRate * WINDOW_MS) / 1000);
  const detector = PitchDetector.forFloat32Array(win);
  const splitFrames = Math.ceil(SPLIT_PAUSE_MS / (1000 * (vad.frameSamples / vad.sampleRate)));
  const stretches: Stretch[] = [];
  let pitches: number[] = [];
  let frames = 0;
  let gap = 0;
  const close = () => {
    const sec = (frames * vad.frameSamples) / vad.sampleRate;
    if (sec >= MIN_STRETCH_SEC && pitches.length >= 5) stretches.push({ semitones: median(pitches), sec });
    pitches = [];
    frames = 0;
  };
  vad.frames.forEach((f, i) => {
    if (!f.speech) {
      if (++gap >= splitFrames && frames > 0) close();
      return;
    }
    gap = 0;
    frames++;
    const start = i * vad.frameSamples;
    if (start + win > pcm.length) return;
    const [hz, clarity] = detector.findPitch(pcm.subarray(start, start + win), vad.sampleRate);
    if (clarity >= MIN_CLARITY && hz >= MIN_F0 && hz <= MAX_F0) pitches.push(toSemitones(hz));
  });
  if (frames > 0) close();
  return stretches;
}

/** The best split of the stretches' medians into a low and a high group (1-D two-means). */
function twoGroups(stretches: Stretch[]): { low: Stretch[]; high: Stretch[] } {
  const sorted = [...stretches].sort((a, b) => a.semitones - b.semitones);
  let best = { cost: Infinity, at: 1 };
  for (let at = 1; at < sorted.length; at++) {
    let cost = 0;
    for (const part of [sorted.slice(0, at), sorted.slice(at)]) {
      const total = part.reduce((n, s) => n + s.sec, 0);
      const mean = part.reduce((n, s) => n + s.semitones * s.sec, 0) / total;
      cost += part.reduce((n, s) => n + s.sec * (s.semitones - mean) ** 2, 0);
    }
    if (cost < best.cost) best = { cost, at };
  }
  return { low: sorted.slice(0, best.at), high: sorted.slice(best.at) };
}

const medianOf = (part: Stretch[]) => median(part.map((s) => s.semitones));

export function estimateSpeakers(pcm: Float32Array, vad: VadResult): SpeakerEstimate {
  const stretches = voicedStretches(pcm, vad);
  const voicedSec = stretches.reduce((n, s) => n + s.sec, 0);
  if (stretches.length === 0) return { voices: 1, pitchesHz: [], voicedSec: 0 };
  const all = [toHz(medianOf(stretches))];
  if (stretches.length < 2) return { voices: 1, pitchesHz: all, voicedSec };
  const { low, high } = twoGroups(stretches);
  const share = (part: Stretch[]) => part.reduce((n, s) => n + s.sec, 0) / voicedSec;
  const apart = medianOf(high) - medianOf(low);
  if (apart >= SPLIT_SEMITONES && share(low) >= MIN_SHARE && share(high) >= MIN_SHARE) {
    return { voices: 2, pitchesHz: [toHz(medianOf(low)), toHz(medianOf(high))], voicedSec };
  }
  return { voices: 1, pitchesHz: all, voicedSec };
}
