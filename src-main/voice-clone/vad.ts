// Voice activity detection for cloning references: which 20 ms frames hold speech. An energy
// threshold that adapts to the recording's own noise floor (its quietest frames), plus the
// zero-crossing rate, which tells the hiss of a fan or a noisy preamp (many crossings, little
// energy) from voiced speech and from the stronger fricatives that stand well above the floor.
// Short gaps inside words are bridged and lone blips dropped, so the speech time it reports is what
// a listener would call speech. Cheap enough to run over ten minutes of audio.
import { dbfs } from '../audio/pcm';

export const FRAME_MS = 20;

export interface VadFrame {
  /** RMS of the frame in dBFS (−Infinity for digital silence). */
  db: number;
  /** Zero crossings per sample, 0…1. */
  zcr: number;
  /** Samples at or beyond full scale in a flat run (clipping), in this frame. */
  clipped: number;
  speech: boolean;
}

export interface VadResult {
  frames: VadFrame[];
  frameSamples: number;
  sampleRate: number;
  /** The 10th-percentile frame level: what the room sounds like between words. */
  floorDb: number;
  speechSec: number;
}

/** |x| at or above this, in a run of two or more, counts as clipped. */
export const CLIP_LEVEL = 0.995;
/** Never call anything quieter than this speech, whatever the floor. */
const ABSOLUTE_MIN_DB = -55;
const ABOVE_FLOOR_DB = 12;
const MIN_ABOVE_FLOOR_DB = 6;
const BELOW_LOUD_DB = 25;
/** Frames this far above the floor are speech even with many crossings (s, sh, f). */
const LOUD_ABOVE_FLOOR_DB = 20;
const MAX_ZCR = 0.45;
const BRIDGE_MS = 200;
const MIN_RUN_MS = 60;

function percentile(values: number[], p: number): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return -Infinity;
  return finite[Math.min(finite.length - 1, Math.floor(p * finite.length))]!;
}

export function analyzeFrames(pcm: Float32Array, sampleRate: number): VadResult {
  const frameSamples = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frames: VadFrame[] = [];
  for (let start = 0; start + frameSamples <= pcm.length || (start === 0 && pcm.length > 0); start += frameSamples) {
    const end = Math.min(pcm.length, start + frameSamples);
    let sum = 0;
    let crossings = 0;
    let clipped = 0;
    for (let i = start; i < end; i++) {
      const x = pcm[i]!;
      sum += x * x;
      if (i > start && x < 0 !== pcm[i - 1]! < 0) crossings++;
      if (Math.abs(x) >= CLIP_LEVEL && ((i > 0 && Math.abs(pcm[i - 1]!) >= CLIP_LEVEL) || (i + 1 < pcm.length && Math.abs(pcm[i + 1]!) >= CLIP_LEVEL))) clipped++;
    }
    const n = end - start;
    frames.push({ db: dbfs(Math.sqrt(sum / n)), zcr: n > 1 ? crossings / (n - 1) : 0, clipped, speech: false });
    if (end === pcm.length) break;
  }
  const floorDb = percentile(
    frames.map((f) => f.db),
    0.1,
  );
  // 12 dB above the floor, but when the quietest frames are themselves speech (no pauses in the
  // take) the floor sits close under the speech, so within 25 dB of the loud frames counts too,
  // and never less than 6 dB above the floor.
  const floor = Number.isFinite(floorDb) ? floorDb : -120;
  const loudDb = percentile(
    frames.map((f) => f.db),
    0.95,
  );
  const threshold = Math.max(ABSOLUTE_MIN_DB, floor + MIN_ABOVE_FLOOR_DB, Math.min(floor + ABOVE_FLOOR_DB, loudDb - BELOW_LOUD_DB));
  for (const f of frames) {
    f.speech = f.db >= threshold && (f.zcr <= MAX_ZCR || f.db >= floorDb + LOUD_ABOVE_FLOOR_DB);
  }
  smooth(frames);
  const speechFrames = frames.filter((f) => f.speech).length;
  return { frames, frameSamples, sampleRate, floorDb, speechSec: (speechFrames * frameSamples) / sampleRate };
}

/** Bridges short pauses inside speech, then drops runs too short to be speech. */
function smooth(frames: VadFrame[]): void {
  const bridge = Math.round(BRIDGE_MS / FRAME_MS);
  const minRun = Math.round(MIN_RUN_MS / FRAME_MS);
  let lastSpeech = -1;
  for (let i = 0; i < frames.length; i++) {
    if (!frames[i]!.speech) continue;
    if (lastSpeech >= 0 && i - lastSpeech - 1 <= bridge) for (let j = lastSpeech + 1; j < i; j++) frames[j]!.speech = true;
    lastSpeech = i;
  }
  for (let i = 0; i < frames.length; ) {
    if (!frames[i]!.speech) {
      i++;
      continue;
    }
    let j = i;
    while (j < frames.length && frames[j]!.speech) j++;
    if (j - i < minRun) for (let k = i; k < j; k++) frames[k]!.speech = false;
    i = j;
  }
}

/** Mean power of the frames `pick` selects, in dBFS. */
export function meanDb(frames: readonly VadFrame[], pick: (f: VadFrame) => boolean): number {
  let sum = 0;
  let n = 0;
  for (const f of frames) {
    if (!pick(f)) continue;
    sum += Number.isFinite(f.db) ? 10 ** (f.db / 10) : 0;
    n++;
  }
  return n === 0 ? NaN : 10 * Math.log10(sum / n);
}
