// Picks the stretch of a long recording with the most speech in it, for files too large to send to
// the core whole (its WebSocket takes 8 MB a message; ten minutes of WAV is far more). The core has
// its own, better window choice for files it receives; this is the page's rough stand-in: 50 ms
// frames, "speech" = louder than 30 dB under the recording's loud frames, the window with the most.

const FRAME_SEC = 0.05;
/** Below this a frame is silence however quiet the whole file is. */
const ABSOLUTE_FLOOR_DB = -55;
/** Speech is within this much of the loud end of the recording. */
const RANGE_DB = 30;

export function frameLevelsDb(pcm: Float32Array, sampleRate: number): Float32Array {
  const size = Math.max(1, Math.round(FRAME_SEC * sampleRate));
  const n = Math.floor(pcm.length / size);
  const out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let sum = 0;
    for (let i = f * size; i < (f + 1) * size; i++) sum += pcm[i]! * pcm[i]!;
    const rms = Math.sqrt(sum / size);
    out[f] = rms > 0 ? 20 * Math.log10(rms) : -120;
  }
  return out;
}

/** Start and end (seconds) of the `windowSec` with the most speech frames; the whole input if shorter. */
export function bestWindow(pcm: Float32Array, sampleRate: number, windowSec: number): { startSec: number; endSec: number } {
  const total = pcm.length / sampleRate;
  if (total <= windowSec) return { startSec: 0, endSec: total };
  const db = frameLevelsDb(pcm, sampleRate);
  const sorted = Array.from(db).sort((a, b) => a - b);
  const loud = sorted[Math.floor(sorted.length * 0.95)] ?? -120;
  const threshold = Math.max(ABSOLUTE_FLOOR_DB, loud - RANGE_DB);
  const w = Math.min(db.length, Math.round(windowSec / FRAME_SEC));
  let count = 0;
  for (let i = 0; i < w; i++) if (db[i]! >= threshold) count++;
  let best = count;
  let bestAt = 0;
  for (let i = w; i < db.length; i++) {
    if (db[i]! >= threshold) count++;
    if (db[i - w]! >= threshold) count--;
    if (count > best) {
      best = count;
      bestAt = i - w + 1;
    }
  }
  const startSec = bestAt * FRAME_SEC;
  return { startSec, endSec: Math.min(total, startSec + windowSec) };
}
