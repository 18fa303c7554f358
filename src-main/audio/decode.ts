// Reads a cloning reference from whatever the user has: WAV (our own reader), MP3, FLAC, Ogg
// Vorbis, Ogg Opus (the wasm-audio-decoders family: small WebAssembly builds of mpg123, libFLAC,
// libvorbis and libopus that run in Node without native code) and M4A/AAC (@audio/decode-aac,
// FAAD2 in WebAssembly). The format is recognised from the bytes, never the file name, so a
// renamed file still works and a file that is not audio is refused with a sentence. Decoders are
// imported on first use: most sessions never clone, and none of them should pay for loading five
// WebAssembly modules at start.
import { KoeError } from '../contract/errors';
import { decodeWav } from './wav';

export type AudioFormat = 'wav' | 'mp3' | 'flac' | 'ogg-vorbis' | 'ogg-opus' | 'm4a' | 'aac';

export interface DecodedAudio {
  channels: Float32Array[];
  sampleRate: number;
  format: AudioFormat;
}

/** Larger inputs are refused before decoding: ten minutes of 48 kHz stereo WAV is 115 MB. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));

function notAudio(label: string, why: string): KoeError {
  return new KoeError('invalid_args', `${label} is not an audio file Koe can read (${why}). Use a WAV, MP3, M4A, Ogg or FLAC recording.`);
}

/** Recognises the container or stream from its first bytes. */
export function sniffFormat(bytes: Uint8Array): AudioFormat | 'webm' | null {
  if (bytes.length < 12) return null;
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'flac';
  if (ascii(bytes, 0, 4) === 'OggS') {
    const head = ascii(bytes, 0, Math.min(bytes.length, 512));
    if (head.includes('OpusHead')) return 'ogg-opus';
    if (head.includes('\u0001vorbis')) return 'ogg-vorbis';
    return null;
  }
  if (ascii(bytes, 4, 4) === 'ftyp') return 'm4a';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  if (ascii(bytes, 0, 3) === 'ID3') return 'mp3';
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) {
    // MPEG frame sync; layer bits 00 mean an AAC ADTS stream instead.
    return (bytes[1]! & 0x06) === 0 ? 'aac' : 'mp3';
  }
  return null;
}

interface Decoded {
  channelData: Float32Array[];
  sampleRate: number;
  samplesDecoded?: number;
  errors?: { message: string }[];
}

/**
 * Whether an MP3's first frame header says mono (channel mode 3). mpg123 always hands back two
 * channels, so a mono file would otherwise count, and be measured, as stereo.
 */
export function mp3IsMono(bytes: Uint8Array): boolean {
  let at = 0;
  // An ID3v2 tag first: 10-byte header whose size is four 7-bit bytes.
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.length > 10) {
    at = 10 + ((bytes[6]! & 0x7f) << 21) + ((bytes[7]! & 0x7f) << 14) + ((bytes[8]! & 0x7f) << 7) + (bytes[9]! & 0x7f);
  }
  for (const end = Math.min(bytes.length - 4, at + 64 * 1024); at < end; at++) {
    // Frame sync (11 set bits), a valid version and layer, and a bitrate index that is not "bad".
    if (bytes[at] === 0xff && (bytes[at + 1]! & 0xe0) === 0xe0 && (bytes[at + 1]! & 0x18) !== 0x08 && (bytes[at + 1]! & 0x06) !== 0 && bytes[at + 2]! >> 4 !== 0x0f) {
      return bytes[at + 3]! >> 6 === 3;
    }
  }
  return false;
}

async function wasmDecode(format: Exclude<AudioFormat, 'wav'>, bytes: Uint8Array): Promise<Decoded> {
  switch (format) {
    case 'mp3': {
      const { MPEGDecoder } = await import('mpg123-decoder');
      const d = new MPEGDecoder();
      await d.ready;
      try {
        const out = d.decode(bytes);
        return mp3IsMono(bytes) ? { ...out, channelData: out.channelData.slice(0, 1) } : out;
      } finally {
        d.free();
      }
    }
    case 'flac': {
      const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
      const d = new FLACDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'ogg-vorbis': {
      const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
      const d = new OggVorbisDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'ogg-opus': {
      const { OggOpusDecoder } = await import('ogg-opus-decoder');
      const d = new OggOpusDecoder();
      await d.ready;
      try {
        return await d.decodeFile(bytes);
      } finally {
        d.free();
      }
    }
    case 'm4a':
    case 'aac': {
      const { default: decodeAac } = await import('@audio/decode-aac');
      return await decodeAac(bytes);
    }
  }
}

const FORMAT_NAMES: Record<AudioFormat, string> = { wav: 'WAV', mp3: 'MP3', flac: 'FLAC', 'ogg-vorbis': 'Ogg Vorbis', 'ogg-opus': 'Ogg Opus', m4a: 'M4A', aac: 'AAC' };

export function formatName(f: AudioFormat): string {
  return FORMAT_NAMES[f];
}

export async function decodeAudio(bytes: Uint8Array, label = 'The file'): Promise<DecodedAudio> {
  if (bytes.length === 0) throw notAudio(label, 'it is empty');
  if (bytes.length > MAX_INPUT_BYTES) throw new KoeError('too_large', `${label} is ${Math.round(bytes.length / 1e6)} MB; recordings over ${MAX_INPUT_BYTES / 1024 / 1024} MB are not read. Cut out a minute or two of clear speech.`);
  const format = sniffFormat(bytes);
  if (format === 'webm') throw new KoeError('unsupported', `${label} is WebM (what browsers record); Koe cannot read WebM audio yet. Export it as WAV, MP3 or Ogg, or use the recorder in Koe.`);
  if (!format) throw notAudio(label, 'its contents are not WAV, MP3, M4A, Ogg or FLAC');
  let decoded: Decoded;
  try {
    if (format === 'wav') {
      const w = decodeWav(bytes);
      decoded = { channelData: w.channelData, sampleRate: w.sampleRate };
    } else {
      decoded = await wasmDecode(format, bytes);
    }
  } catch (e) {
    if (e instanceof KoeError) throw e;
    throw notAudio(label, `its ${FORMAT_NAMES[format]} data could not be decoded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const frames = decoded.channelData[0]?.length ?? 0;
  if (!decoded.channelData.length || frames === 0 || !(decoded.sampleRate > 0)) {
    throw notAudio(label, `no ${FORMAT_NAMES[format]} audio could be decoded from it${decoded.errors?.length ? `: ${decoded.errors[0]!.message}` : ''}`);
  }
  // Decoders hand back views into their wasm memory or one shared buffer: own the samples.
  return { channels: decoded.channelData.map((c) => Float32Array.from(c)), sampleRate: decoded.sampleRate, format };
}
