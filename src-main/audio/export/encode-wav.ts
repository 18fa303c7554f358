// Streaming WAV (16/24-bit PCM, mono or stereo) with the LIST/INFO tags wav.ts writes. wav.ts builds
// whole files in memory; a 30-minute export should not, so this takes wav.ts's header for an empty
// file (format, INFO chunk, a data chunk of size 0), streams the samples after it and patches the two
// sizes at the end. Reusing wav.ts keeps one definition of the header and of float → integer.
import { endianness } from 'node:os';
import { KoeError } from '../../contract/errors';
import { encodeWav, floatToPcmBytes } from '../wav';
import { checkBlock, interleave, toInt, type AudioEncoder, type ByteSink, type EncoderOptions } from './encoder';
import { wavInfo } from './tags';
import { createInt16Converter } from '../simd-int16';

const MAX_RIFF_BYTES = 0xffffffff;
const LITTLE_ENDIAN = endianness() === 'LE';
/** The SIMD converter (simd-int16.ts), made on first use; null where there is no WebAssembly SIMD. */
let int16: ((pcm: Float32Array, out: Int16Array) => void) | null | undefined;

/**
 * wav.ts's floatToPcmBytes, same convention (via toInt), without a DataView call per sample: on a
 * little-endian machine an Int16Array already is the file's byte order. On a 30-minute export this
 * halves the WAV encoder's time; the tests hold both byte for byte equal.
 */
export function pcmBytes(pcm: Float32Array, bitDepth: 16 | 24, ints = new Int32Array(pcm.length)): Uint8Array {
  if (!LITTLE_ENDIAN) return floatToPcmBytes(pcm, bitDepth);
  if (bitDepth === 16) {
    // toInt's rule written straight into the file's Int16Array: one pass, no Int32 copy (a tenth of
    // a 44.1 kHz WAV export's time went to the second loop).
    // Rounding half away from zero by adding ±0.5 and letting the Int16Array store truncate toward
    // zero (NaN stores as 0): the same values as Math.round on the magnitude, in half the time.
    const out = new Int16Array(pcm.length);
    int16 ??= createInt16Converter();
    if (int16) {
      int16(pcm, out);
      return new Uint8Array(out.buffer);
    }
    for (let i = 0; i < pcm.length; i++) {
      const x = pcm[i]!;
      const y = x > 1 ? 32767 : x < -1 ? -32767 : x * 32767;
      out[i] = y >= 0 ? y + 0.5 : y - 0.5;
    }
    return new Uint8Array(out.buffer);
  }
  const q = toInt(pcm, bitDepth, ints.length >= pcm.length ? ints.subarray(0, pcm.length) : new Int32Array(pcm.length));
  const out = new Uint8Array(pcm.length * 3);
  for (let i = 0, j = 0; i < q.length; i++, j += 3) {
    const v = q[i]!;
    out[j] = v & 0xff;
    out[j + 1] = (v >> 8) & 0xff;
    out[j + 2] = (v >> 16) & 0xff;
  }
  return out;
}

class WavEncoder implements AudioEncoder {
  readonly format = 'wav' as const;
  private dataBytes = 0;
  private started = false;
  private readonly header: Uint8Array;
  private ints = new Int32Array(0);

  constructor(
    private readonly sink: ByteSink,
    private readonly opts: EncoderOptions & { bitDepth: 16 | 24 },
  ) {
    this.header = encodeWav(new Float32Array(0), { sampleRate: opts.sampleRate, bitDepth: opts.bitDepth, metadata: wavInfo(opts.metadata) });
    if (opts.channels === 2) {
      // encodeWav writes mono; its fmt chunk always comes first (bytes 12..35), so fix the channel
      // count, byte rate and block align there.
      const v = new DataView(this.header.buffer, this.header.byteOffset);
      const blockAlign = 2 * (opts.bitDepth / 8);
      v.setUint16(22, 2, true);
      v.setUint32(28, opts.sampleRate * blockAlign, true);
      v.setUint16(32, blockAlign, true);
    }
  }

  async write(block: readonly Float32Array[]): Promise<void> {
    const n = checkBlock(block, this.opts.channels);
    if (!this.started) {
      await this.sink.write(this.header);
      this.started = true;
    }
    if (n === 0) return;
    const inter = interleave(block);
    if (this.ints.length < inter.length) this.ints = new Int32Array(inter.length);
    const bytes = pcmBytes(inter, this.opts.bitDepth, this.ints);
    if (this.header.length + this.dataBytes + bytes.length + 1 > MAX_RIFF_BYTES) {
      throw new KoeError('too_large', 'The export is too long for a WAV file (over 4 GiB). Choose FLAC, or export a shorter range.');
    }
    await this.sink.write(bytes);
    this.dataBytes += bytes.length;
  }

  dispose(): void {}

  async finish(): Promise<void> {
    if (!this.started) await this.write(Array.from({ length: this.opts.channels }, () => new Float32Array(0)));
    if (this.dataBytes & 1) await this.sink.write(new Uint8Array(1));
    const riff = new Uint8Array(4);
    new DataView(riff.buffer).setUint32(0, this.header.length - 8 + this.dataBytes + (this.dataBytes & 1), true);
    await this.sink.writeAt(riff, 4);
    const data = new Uint8Array(4);
    new DataView(data.buffer).setUint32(0, this.dataBytes, true);
    await this.sink.writeAt(data, this.header.length - 4);
  }
}

export function createWavEncoder(sink: ByteSink, opts: EncoderOptions): AudioEncoder {
  const bitDepth = opts.bitDepth ?? 16;
  if (bitDepth !== 16 && bitDepth !== 24) throw new RangeError(`WAV export is 16- or 24-bit, got ${String(bitDepth)}`);
  return new WavEncoder(sink, { ...opts, bitDepth });
}
