// WAV reading and writing at the edges of the product. Engines hand us WAV bytes (espeak-ng often
// streams them through a pipe with a bogus size), users import reference clips in whatever WAV
// flavour their recorder made, and exports must be plain files every player opens.
//
// Sample convention (both directions, so integer → float → integer is lossless):
//   N-bit integer PCM ⇄ float by the symmetric scale 2^(N-1) − 1 (16-bit: 32767, 24-bit: 8388607).
//   Encoding clamps to −1..1, then rounds half away from zero, so +x and −x give mirrored codes and
//   the most negative code (−32768) is never written. Decoding maps that code to −1 (clamped).
//   8-bit PCM is unsigned with 128 as zero and uses 127 as its scale. Float files are read as-is
//   (values outside −1..1 are kept; NaN/±Inf become 0) and written clamped to −1..1.
import { xorshift32 } from '../lib/xorshift';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  /** Container bits per sample (e.g. 24 for a 24-bit file, 32 for float). */
  bitDepth: number;
  format: 'pcm' | 'float';
  frames: number;
}

export interface WavMetadata {
  title?: string;
  artist?: string;
  comment?: string;
  software?: string;
  date?: string;
}

export interface DecodedWav extends WavInfo {
  channelData: Float32Array[];
  /** Present when the file carries a LIST/INFO chunk with any of the fields we know. */
  metadata?: WavMetadata;
}

export type EncodeBitDepth = 16 | 24 | 32;

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
// Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs; bytes 0..1 carry the plain format code.
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const INFO_IDS: Array<[keyof WavMetadata, string]> = [
  ['title', 'INAM'],
  ['artist', 'IART'],
  ['comment', 'ICMT'],
  ['software', 'ISFT'],
  ['date', 'ICRD'],
];

function fail(why: string): never {
  throw new Error(`not a WAV file: ${why}`);
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

function looksLikeChunkId(b: Uint8Array, at: number): boolean {
  if (at + 8 > b.length) return false;
  for (let i = 0; i < 4; i++) {
    const c = b[at + i]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

interface Fmt {
  format: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign: number;
}

function parseFmt(b: Uint8Array, at: number, size: number): Fmt {
  if (size < 16) fail(`fmt chunk is too short (${size} bytes)`);
  const v = new DataView(b.buffer, b.byteOffset + at, size);
  let code = v.getUint16(0, true);
  const channels = v.getUint16(2, true);
  const sampleRate = v.getUint32(4, true);
  const blockAlign = v.getUint16(12, true);
  const bits = v.getUint16(14, true);
  if (code === FORMAT_EXTENSIBLE) {
    if (size < 40) fail('WAVE_FORMAT_EXTENSIBLE fmt chunk is too short');
    for (let i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
      if (b[at + 26 + i] !== SUBTYPE_GUID_TAIL[i]) fail('WAVE_FORMAT_EXTENSIBLE with an unknown sub-format');
    }
    code = v.getUint16(24, true);
  }
  if (code !== FORMAT_PCM && code !== FORMAT_FLOAT) fail(`unsupported sample format code ${code} (only PCM and IEEE float are read)`);
  const format = code === FORMAT_PCM ? 'pcm' : 'float';
  if (channels < 1) fail('channel count is 0');
  if (sampleRate < 1) fail('sample rate is 0');
  if (format === 'pcm' && (bits < 1 || bits > 32)) fail(`unsupported PCM bit depth ${bits}`);
  if (format === 'float' && bits !== 32 && bits !== 64) fail(`unsupported float bit depth ${bits}`);
  const containerBytes = Math.ceil(bits / 8);
  if (blockAlign < channels * containerBytes) fail(`block align ${blockAlign} is too small for ${channels} × ${bits}-bit samples`);
  return { format, channels, sampleRate, bits: containerBytes * 8, blockAlign };
}

function parseInfo(b: Uint8Array, at: number, end: number): WavMetadata {
  const out: WavMetadata = {};
  const dec = new TextDecoder('utf-8');
  let p = at;
  while (p + 8 <= end) {
    const id = fourcc(b, p);
    const size = new DataView(b.buffer, b.byteOffset + p + 4, 4).getUint32(0, true);
    const body = b.subarray(p + 8, Math.min(end, p + 8 + size));
    const key = INFO_IDS.find(([, cc]) => cc === id)?.[0];
    if (key) {
      let n = body.indexOf(0);
      if (n < 0) n = body.length;
      out[key] = dec.decode(body.subarray(0, n));
    }
    p += 8 + size + (size & 1);
  }
  return out;
}

export function decodeWav(bytes: Uint8Array): DecodedWav {
  if (bytes.length < 12) fail(`only ${bytes.length} bytes`);
  const riff = fourcc(bytes, 0);
  if (riff !== 'RIFF') fail(riff === 'RIFX' ? 'big-endian RIFX is not supported' : 'missing RIFF header');
  if (fourcc(bytes, 8) !== 'WAVE') fail('RIFF file is not of type WAVE');

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Fmt | undefined;
  let dataStart = -1;
  let dataBytes = 0;
  let metadata: WavMetadata | undefined;
  // The RIFF size is ignored on purpose: streaming writers leave it wrong, the chunks tell the truth.
  let p = 12;
  while (p + 8 <= bytes.length) {
    const id = fourcc(bytes, p);
    const size = view.getUint32(p + 4, true);
    const body = p + 8;
    const present = bytes.length - body;
    if (id === 'fmt ') {
      if (size > present) fail('fmt chunk is cut off');
      fmt = parseFmt(bytes, body, size);
    } else if (id === 'LIST' && size >= 4 && size <= present && fourcc(bytes, body) === 'INFO') {
      const info = parseInfo(bytes, body + 4, body + size);
      if (Object.keys(info).length > 0) metadata = { ...metadata, ...info };
    } else if (id === 'data' && dataStart < 0) {
      dataStart = body;
      // A writer that could not seek back (a pipe) leaves 0, 0x7ffff000 or 0xFFFFFFFF here: the audio
      // is then everything that follows. A size of 0 counts as unknown only if no chunk follows.
      const unknownZero = size === 0 && present > 0 && !looksLikeChunkId(bytes, body);
      dataBytes = size > present || unknownZero ? present : size;
      if (dataBytes === present) break;
    }
    p = body + size + (size & 1);
  }
  if (!fmt) fail('no fmt chunk');
  if (dataStart < 0) fail('no data chunk');

  const { channels, blockAlign, bits, format } = fmt;
  const frames = Math.floor(dataBytes / blockAlign);
  const channelData = Array.from({ length: channels }, () => new Float32Array(frames));
  const bytesPer = bits / 8;
  for (let c = 0; c < channels; c++) {
    const out = channelData[c]!;
    let at = dataStart + c * bytesPer;
    for (let f = 0; f < frames; f++, at += blockAlign) out[f] = readSample(view, at, bits, format);
  }
  const result: DecodedWav = { sampleRate: fmt.sampleRate, channels, bitDepth: bits, format, frames, channelData };
  if (metadata) result.metadata = metadata;
  return result;
}

function readSample(v: DataView, at: number, bits: number, format: 'pcm' | 'float'): number {
  if (format === 'float') {
    const x = bits === 32 ? v.getFloat32(at, true) : v.getFloat64(at, true);
    return Number.isFinite(x) ? x : 0;
  }
  switch (bits) {
    case 8:
      return Math.max(-1, (v.getUint8(at) - 128) / 127);
    case 16:
      return Math.max(-1, v.getInt16(at, true) / 32767);
    case 24: {
      const u = v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getUint8(at + 2) << 16);
      return Math.max(-1, ((u << 8) >> 8) / 8388607);
    }
    default:
      return Math.max(-1, v.getInt32(at, true) / 2147483647);
  }
}

/** Seeded, so dithered exports are reproducible byte for byte. */
const makeRandom = (seed = 0x9e3779b9) => xorshift32(seed);

function clampUnit(x: number): number {
  if (!(x === x)) return 0; // NaN
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/**
 * Little-endian sample bytes: 16/24-bit integer PCM by the symmetric convention above, 32 = IEEE
 * float. With dither, triangular (TPDF, ±1 LSB) noise is added before rounding; it is off by
 * default so that round trips stay within half an LSB.
 */
export function floatToPcmBytes(pcm: Float32Array, bitDepth: EncodeBitDepth, opts: { dither?: boolean } = {}): Uint8Array {
  const bytesPer = bitDepth / 8;
  const out = new Uint8Array(pcm.length * bytesPer);
  const v = new DataView(out.buffer);
  if (bitDepth === 32) {
    for (let i = 0; i < pcm.length; i++) v.setFloat32(i * 4, clampUnit(pcm[i]!), true);
    return out;
  }
  const scale = bitDepth === 16 ? 32767 : 8388607;
  const rand = opts.dither ? makeRandom() : null;
  for (let i = 0; i < pcm.length; i++) {
    let x = clampUnit(pcm[i]!) * scale;
    if (rand) x += rand() - rand();
    let q = x < 0 ? -Math.round(-x) : Math.round(x);
    if (q > scale) q = scale;
    else if (q < -scale) q = -scale;
    if (bitDepth === 16) v.setInt16(i * 2, q, true);
    else {
      const at = i * 3;
      out[at] = q & 0xff;
      out[at + 1] = (q >> 8) & 0xff;
      out[at + 2] = (q >> 16) & 0xff;
    }
  }
  return out;
}

function checkFormat(sampleRate: number, channels: number, bitDepth: number): void {
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 0xffffffff) throw new RangeError(`WAV sample rate must be a positive whole number, got ${sampleRate}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > 0xffff) throw new RangeError(`WAV channel count must be 1..65535, got ${channels}`);
  if (bitDepth !== 16 && bitDepth !== 24 && bitDepth !== 32) throw new RangeError(`WAV bit depth must be 16, 24 or 32, got ${bitDepth}`);
}

function fmtChunk(sampleRate: number, channels: number, bitDepth: EncodeBitDepth): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  b.set([0x66, 0x6d, 0x74, 0x20]); // 'fmt '
  v.setUint32(4, 16, true);
  v.setUint16(8, bitDepth === 32 ? FORMAT_FLOAT : FORMAT_PCM, true);
  v.setUint16(10, channels, true);
  v.setUint32(12, sampleRate, true);
  const blockAlign = channels * (bitDepth / 8);
  v.setUint32(16, sampleRate * blockAlign, true);
  v.setUint16(20, blockAlign, true);
  v.setUint16(22, bitDepth, true);
  return b;
}

function chunkHeader(id: string, size: number): Uint8Array {
  const b = new Uint8Array(8);
  for (let i = 0; i < 4; i++) b[i] = id.charCodeAt(i);
  new DataView(b.buffer).setUint32(4, size, true);
  return b;
}

/**
 * A 44-byte canonical header for writers that stream samples after it and patch the sizes at the
 * end (pass 0 or the final size). Sizes that do not fit in 32 bits are saturated, which our decoder
 * and most players read as "until end of file".
 */
export function wavHeader(opts: { sampleRate: number; channels: number; bitDepth: EncodeBitDepth; dataBytes: number }): Uint8Array {
  checkFormat(opts.sampleRate, opts.channels, opts.bitDepth);
  if (!Number.isInteger(opts.dataBytes) || opts.dataBytes < 0) throw new RangeError(`WAV data size must be a whole number ≥ 0, got ${opts.dataBytes}`);
  const dataBytes = Math.min(opts.dataBytes, 0xffffffff);
  const riffSize = Math.min(4 + 24 + 8 + dataBytes + (dataBytes & 1), 0xffffffff);
  const out = new Uint8Array(44);
  out.set(chunkHeader('RIFF', riffSize), 0);
  out.set([0x57, 0x41, 0x56, 0x45], 8); // 'WAVE'
  out.set(fmtChunk(opts.sampleRate, opts.channels, opts.bitDepth), 12);
  out.set(chunkHeader('data', dataBytes), 36);
  return out;
}

function infoChunk(meta: WavMetadata): Uint8Array | null {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [key, id] of INFO_IDS) {
    const value = meta[key];
    if (value === undefined || value === '') continue;
    // NULs would end the string early for every reader; the terminator is our own.
    const text = enc.encode(value.replace(/\u0000/g, ' '));
    const size = text.length + 1;
    const sub = new Uint8Array(8 + size + (size & 1));
    sub.set(chunkHeader(id, size), 0);
    sub.set(text, 8);
    parts.push(sub);
  }
  if (parts.length === 0) return null;
  const bodySize = 4 + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(8 + bodySize);
  out.set(chunkHeader('LIST', bodySize), 0);
  out.set([0x49, 0x4e, 0x46, 0x4f], 8); // 'INFO'
  let at = 12;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A complete mono WAV file; metadata goes in a LIST/INFO chunk ahead of the audio. */
export function encodeWav(pcm: Float32Array, opts: { sampleRate: number; bitDepth: EncodeBitDepth; metadata?: WavMetadata; dither?: boolean }): Uint8Array {
  checkFormat(opts.sampleRate, 1, opts.bitDepth);
  const data = floatToPcmBytes(pcm, opts.bitDepth, { dither: opts.dither ?? false });
  const chunks: Uint8Array[] = [fmtChunk(opts.sampleRate, 1, opts.bitDepth)];
  if (opts.bitDepth === 32) {
    // Non-PCM formats are supposed to carry a fact chunk with the frame count.
    const fact = new Uint8Array(12);
    fact.set(chunkHeader('fact', 4), 0);
    new DataView(fact.buffer).setUint32(8, Math.min(pcm.length, 0xffffffff), true);
    chunks.push(fact);
  }
  const info = opts.metadata ? infoChunk(opts.metadata) : null;
  if (info) chunks.push(info);
  chunks.push(chunkHeader('data', data.length), data);
  if (data.length & 1) chunks.push(new Uint8Array(1));
  const bodySize = 4 + chunks.reduce((n, c) => n + c.length, 0);
  if (bodySize > 0xffffffff) throw new RangeError('audio is too long for a WAV file (over 4 GiB)');
  const out = new Uint8Array(8 + bodySize);
  out.set(chunkHeader('RIFF', bodySize), 0);
  out.set([0x57, 0x41, 0x56, 0x45], 8);
  let at = 12;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
