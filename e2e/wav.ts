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

export const rms = (x: Float32Array): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));

/** The cues of an SRT file: start and end in seconds, and the speaker label before the colon. */
export function srtCues(text: string): { start: number; end: number; label: string }[] {
  const t = (s: string) => {
    const [h, m, rest] = s.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(rest!.replace(',', '.'));
  };
  return text.trim().split(/\n\n+/).map((block) => {
    const lines = block.split('\n');
    const [a, b] = lines[1]!.split(' --> ');
    return { start: t(a!), end: t(b!), label: lines[2]!.split(':')[0]! };
  });
}
