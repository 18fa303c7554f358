// Reads back a WAV file in specs with the product's own decoder, and measures it.
import { readFileSync } from 'node:fs';
import { decodeWav } from '../src-main/audio/wav';

export function readWav(path: string) {
  const wav = decodeWav(new Uint8Array(readFileSync(path)));
  const ch = wav.channelData[0]!;
  let sumSq = 0;
  let peak = 0;
  for (const s of ch) {
    sumSq += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  return { ...wav, durationSec: wav.frames / wav.sampleRate, rms: Math.sqrt(sumSq / Math.max(1, ch.length)), peak };
}

/** Rough speaking-time bounds for English text at normal speed: 1.5–6 words a second. */
export function plausibleDuration(text: string): { min: number; max: number } {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return { min: words / 6, max: words / 1.5 + 2 };
}
