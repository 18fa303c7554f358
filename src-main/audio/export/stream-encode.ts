// Encoders for a byte stream that cannot seek back, such as an HTTP response sent as it is
// synthesized: the speech API's formats (mp3, opus, aac, flac, wav, pcm), 24 kHz mono 16-bit where
// the format has a bit depth. The export encoders do the work; what they would patch at the end
// (sizes and counts in headers) is left as the formats define "unknown": WAV's sizes are 0xFFFFFFFF,
// as streaming WAV writers and OpenAI's API send them, FLAC's sample count and MD5 are zero, and the
// MP3 Info frame's counts stay zero, so decoders read the frames rather than trust a count.
import { SAMPLE_RATE } from '../../contract/schemas';
import { encodeWav } from '../wav';
import { createAdtsEncoder } from './encode-adts';
import { createFlacEncoder } from './encode-flac';
import { createMp3Encoder } from './encode-mp3';
import { createOpusEncoder } from './encode-opus';
import { pcmBytes } from './encode-wav';
import type { AudioEncoder, ByteSink, EncoderOptions } from './encoder';
import type { ExportMetadata } from './tags';

export type StreamFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

export const STREAM_CONTENT_TYPE: Record<StreamFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export interface StreamEncoder {
  /** Encodes 24 kHz mono PCM; bytes go to `emit` as soon as the codec gives them. */
  write(pcm: Float32Array): Promise<void>;
  finish(): Promise<void>;
  dispose(): void;
}

/** Bytes out in order; a patch of bytes already sent is dropped (see the module comment). */
class ForwardSink implements ByteSink {
  bytesWritten = 0;
  constructor(private readonly emit: (bytes: Uint8Array) => void) {}
  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.bytesWritten += chunk.length;
    this.emit(chunk.slice());
  }
  async writeAt(chunk: Uint8Array, position: number): Promise<void> {
    if (position === this.bytesWritten) await this.write(chunk);
  }
}

const UNKNOWN_SIZE = 0xffffffff;

/** A WAV header for a stream of unknown length: wav.ts's header for an empty file, both sizes set to "unknown". */
function streamingWavHeader(): Uint8Array {
  const header = encodeWav(new Float32Array(0), { sampleRate: SAMPLE_RATE, bitDepth: 16 });
  const v = new DataView(header.buffer, header.byteOffset, header.byteLength);
  v.setUint32(4, UNKNOWN_SIZE, true);
  v.setUint32(header.length - 4, UNKNOWN_SIZE, true);
  return header;
}

function fromExportEncoder(enc: AudioEncoder): StreamEncoder {
  return { write: (pcm) => enc.write([pcm]), finish: () => enc.finish(), dispose: () => enc.dispose() };
}

export async function createStreamEncoder(format: StreamFormat, emit: (bytes: Uint8Array) => void, metadata: ExportMetadata = {}): Promise<StreamEncoder> {
  const sink = new ForwardSink(emit);
  const opts: EncoderOptions = { sampleRate: SAMPLE_RATE, channels: 1, metadata, bitDepth: 16 };
  switch (format) {
    case 'pcm':
    case 'wav': {
      let started = format === 'pcm';
      return {
        async write(pcm) {
          if (!started) await sink.write(streamingWavHeader());
          started = true;
          if (pcm.length) await sink.write(pcmBytes(pcm, 16));
        },
        async finish() {
          if (!started) await sink.write(streamingWavHeader());
          started = true;
        },
        dispose() {},
      };
    }
    case 'mp3':
      return fromExportEncoder(await createMp3Encoder(sink, opts));
    case 'opus':
      return fromExportEncoder(await createOpusEncoder(sink, opts));
    case 'flac':
      return fromExportEncoder(await createFlacEncoder(sink, opts));
    case 'aac':
      return createAdtsEncoder(sink, SAMPLE_RATE);
  }
}
