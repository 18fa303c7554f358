// Measures a lossy file as a player will decode it: integrated loudness and true peak, decoded in
// pieces as it is read, so checking a ten-hour MP3 costs a few megabytes, not the gigabytes its
// decoded samples would take. The export job uses it to hold the delivered file (not just the PCM it
// was made from) to the loudness target and the true-peak ceiling.
import { KoeError } from '../../contract/errors';
import { decodeAudio, mp3IsMono } from '../decode';
import { LoudnessMeter, RmsMeter } from './loudness';
import { TruePeakMeter } from './true-peak';

export interface EncodedLevels {
  lufs: number;
  /** Plain RMS over the file, dBFS. */
  rmsDb: number;
  truePeakDbtp: number;
  sampleRate: number;
  /** Decoded samples per channel. */
  frames: number;
}

interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
}

/** mpg123-decoder decodes in the call; ogg-opus-decoder answers with a promise. */
interface StreamDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): Decoded | Promise<Decoded>;
  free(): void;
}

async function decoderFor(format: 'mp3' | 'opus'): Promise<StreamDecoder> {
  if (format === 'mp3') {
    const { MPEGDecoder } = await import('mpg123-decoder');
    return new MPEGDecoder() as unknown as StreamDecoder;
  }
  const { OggOpusDecoder } = await import('ogg-opus-decoder');
  return new OggOpusDecoder() as unknown as StreamDecoder;
}

/**
 * `chunks` are the file's bytes in order; `channels` is what the export wrote (mpg123 hands a mono
 * MP3 back as two equal channels, which measured as two would read 3 LU loud).
 */
export async function measureEncoded(chunks: AsyncIterable<Uint8Array>, format: 'mp3' | 'opus', channels: 1 | 2): Promise<EncodedLevels> {
  const decoder = await decoderFor(format);
  await decoder.ready;
  let meter: LoudnessMeter | null = null;
  const rms = new RmsMeter(channels);
  const peak = new TruePeakMeter(channels);
  let heard = channels;
  let frames = 0;
  let sampleRate = 0;
  let first = true;
  try {
    for await (const chunk of chunks) {
      if (first && format === 'mp3' && mp3IsMono(chunk)) heard = 1;
      first = false;
      const out = await decoder.decode(chunk);
      if (out.samplesDecoded === 0) continue;
      if (!meter) {
        sampleRate = out.sampleRate;
        meter = new LoudnessMeter(sampleRate, channels);
      }
      // Decoders hand back views into their own memory, valid until the next call: measured at once.
      const data = Array.from({ length: channels }, (_, c) => out.channelData[Math.min(c, heard - 1, out.channelData.length - 1)]!.subarray(0, out.samplesDecoded));
      meter.push(data);
      rms.push(data);
      peak.push(data);
      frames += out.samplesDecoded;
    }
  } finally {
    decoder.free();
  }
  if (!meter || frames === 0) throw new KoeError('io', `The encoded ${format.toUpperCase()} file could not be decoded to check it.`);
  peak.finish();
  return { lufs: meter.integrated(), rmsDb: rms.integrated(), truePeakDbtp: peak.dbtp, sampleRate, frames };
}

/** The same for a short file decoded whole (the M4B probe: AAC has no streaming decoder here). */
export async function measureDecoded(bytes: Uint8Array, channels: 1 | 2): Promise<EncodedLevels> {
  const d = await decodeAudio(bytes, 'The encoded probe');
  const data = Array.from({ length: channels }, (_, c) => d.channels[Math.min(c, d.channels.length - 1)]!);
  const meter = new LoudnessMeter(d.sampleRate, channels);
  const rms = new RmsMeter(channels);
  const peak = new TruePeakMeter(channels);
  meter.push(data);
  rms.push(data);
  peak.push(data);
  peak.finish();
  return { lufs: meter.integrated(), rmsDb: rms.integrated(), truePeakDbtp: peak.dbtp, sampleRate: d.sampleRate, frames: data[0]!.length };
}
