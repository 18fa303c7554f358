// What every export encoder looks like: blocks of float PCM in, bytes out to a sink that can also
// patch earlier bytes (headers whose sizes are only known at the end). The sink is normally an
// AtomicFileWriter, so an encoder never decides whether a file appears — the export job commits or
// aborts — and tests can encode into memory through the same interface.
import type { ChapterMark } from './mp4-chapters';
import type { ExportMetadata } from './tags';

export interface BookOptions {
  chapters?: readonly ChapterMark[];
  /** A JPEG or PNG, already checked to be one. */
  cover?: { data: Uint8Array; mimeType: 'image/jpeg' | 'image/png' };
  narrator?: string;
}

export type ExportFormat = 'wav' | 'mp3' | 'flac' | 'opus' | 'm4b';

export const FORMAT_EXTENSION: Record<ExportFormat, string> = { wav: 'wav', mp3: 'mp3', flac: 'flac', opus: 'opus', m4b: 'm4b' };

/** The subset of AtomicFileWriter an encoder uses. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  writeAt(chunk: Uint8Array, position: number): Promise<void>;
  readonly bytesWritten: number;
}

export interface EncoderOptions {
  sampleRate: number;
  channels: 1 | 2;
  metadata: ExportMetadata;
  /** Integer formats (WAV, FLAC): 16 or 24 bits. */
  bitDepth?: 16 | 24;
  /** Lossy formats (MP3, Opus): constant/target bitrate in kbit/s. */
  bitrateKbps?: number;
  /** MP3 only: LAME's variable-bitrate quality, 0 (best, largest) to 9, in place of a bitrate. */
  vbrQuality?: number;
  /** Frames that will be written, when known up front (FLAC records it in its header). */
  totalFrames?: number;
  /** Audiobook extras (M4B): chapter marks, cover image, narrator. */
  book?: BookOptions;
}

export interface AudioEncoder {
  readonly format: ExportFormat;
  /** Encodes one block: one array per channel, all the same length (any length, even 0). */
  write(block: readonly Float32Array[]): Promise<void>;
  /** Flushes the codec and patches headers; the sink then holds a complete file. */
  finish(): Promise<void>;
  /** Frees codec memory without finishing (after a cancel or a failure); safe to call twice. */
  dispose(): void;
}

export function checkBlock(block: readonly Float32Array[], channels: number): number {
  if (block.length !== channels) throw new RangeError(`expected ${channels} channel(s), got ${block.length}`);
  const n = block[0]!.length;
  for (const c of block) if (c.length !== n) throw new RangeError('all channels of a block must have the same length');
  return n;
}

/** Interleaves channels into one array (returns the channel itself for mono). */
export function interleave(block: readonly Float32Array[]): Float32Array {
  if (block.length === 1) return block[0]!;
  const n = block[0]!.length;
  const out = new Float32Array(n * block.length);
  for (let c = 0; c < block.length; c++) {
    const ch = block[c]!;
    for (let i = 0, j = c; i < n; i++, j += block.length) out[j] = ch[i]!;
  }
  return out;
}

/**
 * Float → signed integer by the project's convention (wav.ts): clamp to −1..1, scale by 2^(N−1) − 1,
 * round half away from zero. FLAC and WAV exports of one mix must agree sample for sample.
 */
export function toInt(pcm: Float32Array, bitDepth: 16 | 24, out: Int32Array): Int32Array {
  const scale = bitDepth === 16 ? 32767 : 8388607;
  for (let i = 0; i < pcm.length; i++) {
    let x = pcm[i]!;
    if (!(x === x)) x = 0;
    x = x > 1 ? scale : x < -1 ? -scale : x * scale;
    out[i] = x < 0 ? -Math.round(-x) : Math.round(x);
  }
  return out;
}

/** Byte chunks as one array (the chunk itself when there is only one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
