// Measures a lossy file as a player will decode it: integrated loudness and true peak, decoded in
// pieces as it is read, so checking a ten-hour MP3 costs a few megabytes, not the gigabytes its
// decoded samples would take. The export job uses it to hold the delivered file (not just the PCM it
// was made from) to the loudness target and the true-peak ceiling.
import { KoeError } from '../../contract/errors';
import { decodeAudio, mp3IsMono } from '../decode';
import { LoudnessMeter, RmsMeter } from './loudness';
import { TruePeakMeter } from './true-peak';
import { LAME_ENCODER_DELAY } from './mp3-info-frame';

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

/** What mpg123 adds in front of LAME's own delay when it decodes (the LAME tag's note). */
const MPG123_DECODER_DELAY = 529;

/**
 * Decodes a lossy file piece by piece as its bytes arrive and measures what comes out. `channels`
 * is what the export wrote (mpg123 hands a mono MP3 back as two equal channels, which measured as
 * two would read 3 LU loud).
 *
 * `trim` is for a file measured while it is written. An MP3's Info frame, which tells a gapless
 * player how much encoder delay and padding to drop, is only filled in at the end, so the stream
 * decodes with both; the meter drops them itself (the delay, and anything past `trim.frames`).
 */
export class EncodedStreamMeter {
  private meter: LoudnessMeter | null = null;
  private readonly rms: RmsMeter;
  private readonly peak: TruePeakMeter;
  private heard: number;
  private frames = 0;
  private sampleRate = 0;
  private first = true;
  private skip: number;
  private room: number;

  private constructor(
    private readonly decoder: StreamDecoder,
    private readonly format: 'mp3' | 'opus',
    private readonly channels: 1 | 2,
    trim?: { frames?: number },
  ) {
    this.rms = new RmsMeter(channels);
    this.peak = new TruePeakMeter(channels);
    this.heard = channels;
    this.skip = trim && format === 'mp3' ? LAME_ENCODER_DELAY + MPG123_DECODER_DELAY : 0;
    this.room = trim?.frames ?? Infinity;
  }

  static async open(format: 'mp3' | 'opus', channels: 1 | 2, trim?: { frames?: number }): Promise<EncodedStreamMeter> {
    const decoder = await decoderFor(format);
    await decoder.ready;
    return new EncodedStreamMeter(decoder, format, channels, trim);
  }

  /** The file's next bytes, in order. */
  async push(chunk: Uint8Array): Promise<void> {
    if (this.first && this.format === 'mp3' && mp3IsMono(chunk)) this.heard = 1;
    this.first = false;
    const out = await this.decoder.decode(chunk);
    const from = Math.min(this.skip, out.samplesDecoded);
    this.skip -= from;
    const to = Math.min(out.samplesDecoded, from + this.room);
    if (to <= from) return;
    if (!this.meter) {
      this.sampleRate = out.sampleRate;
      this.meter = new LoudnessMeter(this.sampleRate, this.channels);
    }
    // Decoders hand back views into their own memory, valid until the next call: measured at once.
    const data = Array.from({ length: this.channels }, (_, c) => out.channelData[Math.min(c, this.heard - 1, out.channelData.length - 1)]!.subarray(from, to));
    this.meter.push(data);
    this.rms.push(data);
    this.peak.push(data);
    this.frames += to - from;
    this.room -= to - from;
  }

  /** The levels of everything pushed; frees the decoder. */
  finish(): EncodedLevels {
    this.decoder.free();
    if (!this.meter || this.frames === 0) throw new KoeError('io', `The encoded ${this.format.toUpperCase()} file could not be decoded to check it.`);
    this.peak.finish();
    return { lufs: this.meter.integrated(), rmsDb: this.rms.integrated(), truePeakDbtp: this.peak.dbtp, sampleRate: this.sampleRate, frames: this.frames };
  }

  /** Frees the decoder without measuring. */
  dispose(): void {
    this.decoder.free();
  }
}

/** `chunks` are the finished file's bytes in order (see EncodedStreamMeter for `channels`). */
export async function measureEncoded(chunks: AsyncIterable<Uint8Array>, format: 'mp3' | 'opus', channels: 1 | 2): Promise<EncodedLevels> {
  const m = await EncodedStreamMeter.open(format, channels);
  try {
    for await (const chunk of chunks) await m.push(chunk);
  } catch (e) {
    m.dispose();
    throw e;
  }
  return m.finish();
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
