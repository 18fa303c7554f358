// The "Info" (Xing) frame with a LAME extension that makes an MP3 gapless: it tells decoders how
// many samples of encoder delay to drop at the start and of padding at the end. Without it every
// player starts our exports with 1105 samples (46 ms at 24 kHz) of silence and the subtitles run
// early by that much. The WebAssembly LAME we use streams frames and never writes this frame, so the
// encoder reserves its place and patches it here once the frame count is known.
//
// Layout and CRC conventions follow what LAME and ffmpeg write (checked against an ffmpeg file):
// Xing fields after the side information, TOC and quality, then the 36-byte LAME extension whose
// last two bytes are a CRC-16 of the frame's first 190 bytes (taken with the CRC field zero).

import { concatBytes } from './encoder';

/** LAME's fixed encoder delay, which the LAME tag records (decoders add their own 529). */
export const LAME_ENCODER_DELAY = 576;
/** The Info frame must hold 190 bytes plus its CRC. */
const MIN_INFO_FRAME = 192;

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

export interface FrameHeader {
  mpeg1: boolean;
  sampleRate: number;
  kbps: number;
  mono: boolean;
  length: number;
  samplesPerFrame: number;
}

/** Parses a Layer III frame header at b[at..at+3]; null if it is not one. */
export function parseFrameHeader(b: Uint8Array, at: number): FrameHeader | null {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1]! >> 3) & 3;
  if (version === 1 || ((b[at + 1]! >> 1) & 3) !== 1) return null;
  const mpeg1 = version === 3;
  const kbps = (mpeg1 ? BITRATES_V1 : BITRATES_V2)[b[at + 2]! >> 4] ?? 0;
  const sampleRate = RATES[version]![(b[at + 2]! >> 2) & 3] ?? 0;
  if (!kbps || !sampleRate) return null;
  const pad = (b[at + 2]! >> 1) & 1;
  const length = Math.floor(((mpeg1 ? 144000 : 72000) * kbps) / sampleRate) + pad;
  return { mpeg1, sampleRate, kbps, mono: b[at + 3]! >> 6 === 3, length, samplesPerFrame: mpeg1 ? 1152 : 576 };
}

const CRC16_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-16/ARC (reflected 0x8005, initial 0), the CRC LAME's tag uses; continues from `crc`. */
export function crc16(data: Uint8Array, crc = 0): number {
  for (let i = 0; i < data.length; i++) crc = (crc >>> 8) ^ CRC16_TABLE[(crc ^ data[i]!) & 0xff]!;
  return crc;
}

/**
 * Counts the frames of an MP3 byte stream delivered in arbitrary chunks, and keeps the CRC-16 of
 * the audio bytes (the LAME tag's "music CRC").
 */
export class Mp3FrameCounter {
  frames = 0;
  bytes = 0;
  crc = 0;
  first: Uint8Array | null = null;
  private nextFrameAt = 0; // stream offset of the next frame header
  private carry = new Uint8Array(0);
  /**
   * Where every `stride`-th frame starts, for a VBR file's seek table. Halved and the stride doubled
   * when full, so a ten-hour file keeps the same 4,096 entries as a short one.
   */
  private marks: number[] = [];
  private stride = 1;

  push(chunk: Uint8Array): void {
    this.crc = crc16(chunk, this.crc);
    const start = this.bytes - this.carry.length;
    const buf = this.carry.length ? concatBytes([this.carry, chunk]) : chunk;
    this.bytes += chunk.length;
    while (this.nextFrameAt + 4 <= this.bytes) {
      const h = parseFrameHeader(buf, this.nextFrameAt - start);
      if (!h) throw new Error(`MP3 stream lost frame sync at byte ${this.nextFrameAt}`);
      if (!this.first) this.first = buf.slice(this.nextFrameAt - start, this.nextFrameAt - start + 4);
      if (this.frames % this.stride === 0) this.mark(this.nextFrameAt);
      this.frames++;
      this.nextFrameAt += h.length;
    }
    this.carry = this.nextFrameAt < this.bytes ? buf.slice(Math.max(0, this.nextFrameAt - start)) : new Uint8Array(0);
  }

  private mark(offset: number): void {
    if (this.marks.length === MAX_MARKS) {
      this.marks = this.marks.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
      if (this.frames % this.stride !== 0) return;
    }
    this.marks.push(offset);
  }

  /** The audio byte offset where frame `index` starts (the nearest recorded frame before it). */
  offsetOfFrame(index: number): number {
    return this.marks[Math.min(this.marks.length - 1, Math.floor(index / this.stride))] ?? 0;
  }
}

const MAX_MARKS = 4096;

/** The Info frame's header: the stream's own, with a bitrate large enough to hold the tag. */
function infoHeader(first: Uint8Array): { header: Uint8Array; parsed: FrameHeader } {
  const h = new Uint8Array(first.subarray(0, 4));
  h[1] = h[1]! | 1; // no CRC protection
  h[2] = h[2]! & ~0x02; // no padding
  const table = parseFrameHeader(h, 0)!.mpeg1 ? BITRATES_V1 : BITRATES_V2;
  for (let idx = h[2]! >> 4; idx < table.length; idx++) {
    h[2] = (idx << 4) | (h[2]! & 0x0f);
    const p = parseFrameHeader(h, 0)!;
    if (p.length >= MIN_INFO_FRAME) return { header: h, parsed: p };
  }
  throw new Error('no MP3 bitrate gives a frame large enough for the LAME tag');
}

export function infoFrameLength(first: Uint8Array): number {
  return infoHeader(first).parsed.length;
}

export interface InfoFacts {
  /** Audio frames after the Info frame. */
  frames: number;
  /** Bytes of the audio frames after the Info frame. */
  audioBytes: number;
  /** CRC-16 of those bytes. */
  musicCrc: number;
  /** Real samples per channel that were encoded. */
  samples: number;
  kbps: number;
  /**
   * A VBR stream: its seek table (where each hundredth of the duration starts, in audio bytes) and
   * LAME's VBR quality. Absent: CBR, whose table is a straight line.
   */
  vbr?: { offsetAt(percent: number): number; quality: number };
}

/** Builds the complete Info frame for a CBR stream whose first audio frame header is `first`. */
export function buildInfoFrame(first: Uint8Array, facts: InfoFacts): Uint8Array {
  const { header, parsed } = infoHeader(first);
  const f = new Uint8Array(parsed.length);
  const v = new DataView(f.buffer);
  f.set(header, 0);
  let at = 4 + (parsed.mpeg1 ? (parsed.mono ? 17 : 32) : parsed.mono ? 9 : 17);
  // "Info" is the CBR spelling of "Xing"; players read a "Xing" file's length from its frame count
  // and seek through its table instead of assuming one bitrate.
  f.set(facts.vbr ? [0x58, 0x69, 0x6e, 0x67] : [0x49, 0x6e, 0x66, 0x6f], at);
  v.setUint32(at + 4, 0x0f, false); // frames, bytes, TOC and quality present
  v.setUint32(at + 8, facts.frames, false);
  const total = parsed.length + facts.audioBytes;
  v.setUint32(at + 12, total >>> 0, false);
  for (let i = 0; i < 100; i++) {
    const share = facts.vbr && total > 0 ? (parsed.length + facts.vbr.offsetAt(i)) / total : i / 100;
    f[at + 16 + i] = Math.min(255, Math.floor(share * 256));
  }
  // LAME's quality field: 100 − 10 × V + (100 − q); 0 means unknown.
  v.setUint32(at + 116, facts.vbr ? Math.max(0, 100 - 10 * facts.vbr.quality) : 0, false);
  at += 120;
  f.set(new TextEncoder().encode('LAME3.100'), at);
  f[at + 9] = facts.vbr ? 0x04 : 0x01; // tag revision 0; VBR (mtrh, LAME's -V) or CBR
  // CBR: the bitrate; VBR: the minimum bitrate asked for (none).
  f[at + 20] = facts.vbr ? 0 : Math.min(255, facts.kbps);
  const padding = Math.max(0, Math.min(4095, facts.frames * parsed.samplesPerFrame - LAME_ENCODER_DELAY - facts.samples));
  f[at + 21] = LAME_ENCODER_DELAY >> 4;
  f[at + 22] = ((LAME_ENCODER_DELAY & 0x0f) << 4) | (padding >> 8);
  f[at + 23] = padding & 0xff;
  v.setUint32(at + 28, total >>> 0, false); // music length, Info frame included
  v.setUint16(at + 32, facts.musicCrc, false);
  v.setUint16(at + 34, crc16(f.subarray(0, 190)), false);
  return f;
}
