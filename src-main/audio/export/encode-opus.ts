// Ogg/Opus export: libopus compiled to WebAssembly (npm `opusscript`, MIT; libopus is BSD-3-Clause)
// for the packets, ogg.ts for the container, OpusTags for the tags (RFC 7845).
//
// Sample rate: libopus encodes 8, 12, 16, 24 or 48 kHz input directly, and the Ogg mapping counts
// time at 48 kHz whatever the input was. Our 24 kHz audio holds nothing above 12 kHz, which is what
// Opus keeps when fed 24 kHz, so it is encoded as is; any other rate is first resampled to 48 kHz
// with resample.ts. Decoders always play at 48 kHz.
//
// opusscript's encode() takes the little-endian bytes of 16-bit PCM (its C side reassembles them),
// which is why the frames are handed over as a byte view of an Int16Array.
import OpusScript from 'opusscript';
import { KoeError } from '../../contract/errors';
import { StreamingResampler } from '../resample';
import { checkBlock, concatBytes, interleave, toInt, type AudioEncoder, type ByteSink, type EncoderOptions } from './encoder';
import { OggStreamWriter } from './ogg';
import { SOFTWARE, vorbisCommentBody, vorbisFields } from './tags';

const NATIVE_RATES = new Set([8000, 12000, 16000, 24000, 48000]);
const FRAME_MS = 20;
/** 48 kHz samples of encoder look-ahead for the AUDIO application (2.5 ms + 4 ms); RFC 7845 pre-skip. */
const PRE_SKIP = 312;
/** About one second of audio per page: small pages seek well, large ones waste less on headers. */
const PACKETS_PER_PAGE = 50;
const OPUS_SET_COMPLEXITY = 4010;

function opusHead(channels: number, inputRate: number): Uint8Array {
  const b = new Uint8Array(19);
  const v = new DataView(b.buffer);
  b.set(new TextEncoder().encode('OpusHead'), 0);
  b[8] = 1; // version
  b[9] = channels;
  v.setUint16(10, PRE_SKIP, true);
  v.setUint32(12, inputRate, true);
  v.setInt16(16, 0, true); // output gain
  b[18] = 0; // mapping family 0: mono or stereo
  return b;
}

function opusTags(fields: Array<[string, string]>): Uint8Array {
  const body = vorbisCommentBody(`${SOFTWARE} (libopus)`, fields);
  const b = new Uint8Array(8 + body.length);
  b.set(new TextEncoder().encode('OpusTags'), 0);
  b.set(body, 8);
  return b;
}

class OpusEncoder implements AudioEncoder {
  readonly format = 'opus' as const;
  private readonly rate: number;
  private readonly frame: number; // samples per channel per packet, at `rate`
  private readonly per48: number; // 48 kHz samples per input sample
  private readonly resampler: StreamingResampler[] | null;
  private readonly pcm: Int16Array;
  private fill = 0; // samples per channel in `pcm`
  private real = 0; // input samples (per channel, at `rate`) received
  private encoded = 0; // samples per channel encoded, at `rate`
  private readonly ogg = new OggStreamWriter((Math.random() * 0x7fffffff) | 0);
  private started = false;
  private disposed = false;
  private ints = new Int32Array(0);

  constructor(
    private readonly codec: OpusScript,
    private readonly sink: ByteSink,
    private readonly opts: EncoderOptions,
  ) {
    this.rate = NATIVE_RATES.has(opts.sampleRate) ? opts.sampleRate : 48000;
    this.resampler = this.rate === opts.sampleRate ? null : Array.from({ length: opts.channels }, () => new StreamingResampler(opts.sampleRate, 48000));
    this.frame = (this.rate * FRAME_MS) / 1000;
    this.per48 = 48000 / this.rate;
    this.pcm = new Int16Array(this.frame * opts.channels);
  }

  async write(block: readonly Float32Array[]): Promise<void> {
    checkBlock(block, this.opts.channels);
    await this.start();
    const chans = this.resampler ? block.map((c, i) => this.resampler![i]!.push(c)) : block;
    await this.feed(chans);
  }

  async finish(): Promise<void> {
    await this.start();
    if (this.resampler) await this.feed(this.resampler.map((r) => r.flush()));
    // Encode until every real sample has left the encoder's look-ahead, padding with silence.
    const needed = Math.ceil(PRE_SKIP / this.per48) + this.real;
    const pages: Uint8Array[] = [];
    while (this.encoded < needed || this.fill > 0) {
      this.pcm.fill(0, this.fill * this.opts.channels);
      this.fill = this.frame;
      pages.push(...this.encodeFrame());
    }
    pages.push(this.ogg.end(BigInt(PRE_SKIP + Math.round(this.real * this.per48))));
    this.dispose();
    await this.sink.write(concatBytes(pages));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.codec.delete();
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const head = this.ogg.packet(opusHead(this.opts.channels, this.opts.sampleRate), 0n);
    head.push(...this.ogg.flush());
    head.push(...this.ogg.packet(opusTags(vorbisFields(this.opts.metadata)), 0n));
    head.push(...this.ogg.flush());
    await this.sink.write(concatBytes(head));
  }

  private async feed(chans: readonly Float32Array[]): Promise<void> {
    const n = chans[0]!.length;
    if (n === 0) return;
    this.real += n;
    const inter = interleave(chans);
    if (this.ints.length < inter.length) this.ints = new Int32Array(inter.length);
    const ints = toInt(inter, 16, this.ints.subarray(0, inter.length));
    const ch = this.opts.channels;
    const pages: Uint8Array[] = [];
    let at = 0;
    while (at < n) {
      const take = Math.min(n - at, this.frame - this.fill);
      for (let k = 0; k < take * ch; k++) this.pcm[this.fill * ch + k] = ints[at * ch + k]!;
      this.fill += take;
      at += take;
      if (this.fill === this.frame) pages.push(...this.encodeFrame());
    }
    if (pages.length > 0) await this.sink.write(concatBytes(pages));
  }

  private encodeFrame(): Uint8Array[] {
    const bytes = new Uint8Array(this.pcm.buffer, this.pcm.byteOffset, this.pcm.byteLength);
    let packet: Buffer;
    try {
      packet = this.codec.encode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), this.frame);
    } catch (e) {
      this.dispose();
      throw new KoeError('internal', `The Opus encoder failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.fill = 0;
    this.encoded += this.frame;
    // Granules count every decoded 48 kHz sample, pre-skip included; only the last page trims.
    const granule = BigInt(Math.round(this.encoded * this.per48));
    return this.ogg.packet(new Uint8Array(packet), granule, { maxPacketsPerPage: PACKETS_PER_PAGE });
  }
}

export async function createOpusEncoder(sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  const rate = NATIVE_RATES.has(opts.sampleRate) ? opts.sampleRate : 48000;
  const kbps = opts.bitrateKbps ?? (opts.channels === 1 ? 48 : 96);
  if (!Number.isFinite(kbps) || kbps < 6 || kbps > 256) throw new RangeError(`Opus bitrate must be 6–256 kbit/s, got ${opts.bitrateKbps}`);
  const codec = new OpusScript(rate as 24000, opts.channels, OpusScript.Application.AUDIO);
  codec.setBitrate(Math.round(kbps * 1000));
  codec.encoderCTL(OPUS_SET_COMPLEXITY, 10);
  return new OpusEncoder(codec, sink, opts);
}
