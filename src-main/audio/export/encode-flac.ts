// FLAC export through libFLAC compiled for JavaScript (npm `libflacjs`, MIT; libFLAC is BSD-3-Clause).
//
// We load its asm.js build, not the WebAssembly one: the WebAssembly loader in 5.6.0 (old
// Emscripten) sees Node's global fetch, tries to fetch the .wasm by file path and fails. The asm.js
// build is self-contained and still encodes 5 minutes of 24 kHz speech in about a second.
//
// libFLAC's stream encoder cannot seek, so it writes STREAMINFO before it knows the MD5 and frame
// sizes, and its own VORBIS_COMMENT with only a vendor string. We hold back the header it writes,
// swap in our Vorbis comment (keeping its vendor string), and at the end patch STREAMINFO from the
// final figures libFLAC reports.
import libFactory from 'libflacjs';
import { KoeError } from '../../contract/errors';
import { checkBlock, concatBytes, interleave, toInt, type AudioEncoder, type ByteSink, type EncoderOptions } from './encoder';
import { vorbisCommentBody, vorbisFields } from './tags';

type Flac = ReturnType<typeof libFactory>;
type StreamInfo = NonNullable<Parameters<NonNullable<Parameters<Flac['init_encoder_stream']>[2]>>[0]>;

let flacReady: Promise<Flac> | null = null;

function loadFlac(): Promise<Flac> {
  flacReady ??= new Promise<Flac>((resolve) => {
    const flac = libFactory();
    if (flac.isReady()) resolve(flac);
    else flac.on('ready', () => resolve(flac));
  });
  return flacReady;
}

const BLOCK_STREAMINFO = 0;
const BLOCK_VORBIS_COMMENT = 4;
const COMPRESSION = 5; // libFLAC's default: within a few % of level 8 at half the time

/** The 34-byte STREAMINFO body for the final stream figures. */
function streamInfoBody(m: StreamInfo): Uint8Array {
  const b = new Uint8Array(34);
  const v = new DataView(b.buffer);
  v.setUint16(0, m.min_blocksize);
  v.setUint16(2, m.max_blocksize);
  b[4] = (m.min_framesize >>> 16) & 0xff;
  v.setUint16(5, m.min_framesize & 0xffff);
  b[7] = (m.max_framesize >>> 16) & 0xff;
  v.setUint16(8, m.max_framesize & 0xffff);
  // 20 bits rate, 3 bits channels − 1, 5 bits bits − 1, 36 bits total samples.
  const total = m.total_samples;
  const hi = Math.floor(total / 2 ** 32) & 0xf;
  v.setUint32(10, ((m.sampleRate & 0xfffff) << 12) | (((m.channels - 1) & 7) << 9) | (((m.bitsPerSample - 1) & 31) << 4) | hi);
  v.setUint32(14, total >>> 0);
  for (let i = 0; i < 16; i++) b[18 + i] = parseInt(m.md5sum.slice(2 * i, 2 * i + 2), 16) || 0;
  return b;
}

function blockHeader(type: number, length: number, last: boolean): Uint8Array {
  return new Uint8Array([(last ? 0x80 : 0) | type, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
}

/** Rebuilds libFLAC's header: fLaC, STREAMINFO, our VORBIS_COMMENT (last). */
function rewriteHeader(raw: Uint8Array, fields: Array<[string, string]>): { header: Uint8Array; streamInfoAt: number } {
  if (raw.length < 8 || String.fromCharCode(raw[0]!, raw[1]!, raw[2]!, raw[3]!) !== 'fLaC') throw new KoeError('internal', 'The FLAC encoder wrote an unexpected header.');
  let vendor = 'reference libFLAC';
  let streamInfo: Uint8Array | null = null;
  let at = 4;
  while (at + 4 <= raw.length) {
    const type = raw[at]! & 0x7f;
    const len = (raw[at + 1]! << 16) | (raw[at + 2]! << 8) | raw[at + 3]!;
    const body = raw.subarray(at + 4, at + 4 + len);
    if (type === BLOCK_STREAMINFO) streamInfo = body;
    if (type === BLOCK_VORBIS_COMMENT && body.length >= 4) {
      const vlen = new DataView(body.buffer, body.byteOffset).getUint32(0, true);
      vendor = new TextDecoder().decode(body.subarray(4, 4 + vlen));
    }
    at += 4 + len;
    if (raw[at - 4 - len]! & 0x80) break;
  }
  if (!streamInfo || streamInfo.length !== 34) throw new KoeError('internal', 'The FLAC encoder wrote no STREAMINFO block.');
  const comment = vorbisCommentBody(vendor, fields);
  const header = new Uint8Array(4 + 4 + 34 + 4 + comment.length);
  header.set(raw.subarray(0, 4), 0);
  header.set(blockHeader(BLOCK_STREAMINFO, 34, false), 4);
  header.set(streamInfo, 8);
  header.set(blockHeader(BLOCK_VORBIS_COMMENT, comment.length, true), 42);
  header.set(comment, 46);
  return { header, streamInfoAt: 8 };
}

class FlacEncoder implements AudioEncoder {
  readonly format = 'flac' as const;
  private readonly id: number;
  private pending: Uint8Array[] = [];
  private headerRaw: Uint8Array[] = [];
  private headerDone = false;
  private streamInfoAt = -1;
  private final: StreamInfo | null = null;
  private ints: Int32Array<ArrayBuffer> = new Int32Array(0);
  private finished = false;

  constructor(
    private readonly flac: Flac,
    private readonly sink: ByteSink,
    private readonly opts: EncoderOptions & { bitDepth: 16 | 24 },
  ) {
    const id = flac.create_libflac_encoder(opts.sampleRate, opts.channels, opts.bitDepth, COMPRESSION, opts.totalFrames ?? 0, false, 0);
    if (!id) throw new KoeError('internal', 'Could not start the FLAC encoder.');
    this.id = id;
    const status = flac.init_encoder_stream(
      id,
      (data: Uint8Array, bytes: number, samples: number) => {
        const copy = data.slice(0, bytes);
        // Metadata arrives first with samples = 0; the first frame ends the header.
        if (!this.headerDone && samples === 0) this.headerRaw.push(copy);
        else {
          this.headerDone = true;
          this.pending.push(copy);
        }
      },
      (meta: StreamInfo | undefined) => {
        if (meta) this.final = meta;
      },
    );
    if (status !== 0) {
      flac.FLAC__stream_encoder_delete(id);
      throw new KoeError('internal', `Could not start the FLAC encoder (status ${status}).`);
    }
  }

  async write(block: readonly Float32Array[]): Promise<void> {
    const n = checkBlock(block, this.opts.channels);
    if (n > 0) {
      const inter = interleave(block);
      if (this.ints.length < inter.length) this.ints = new Int32Array(inter.length);
      const ints = toInt(inter, this.opts.bitDepth, this.ints.subarray(0, inter.length)) as Int32Array<ArrayBuffer>;
      if (!this.flac.FLAC__stream_encoder_process_interleaved(this.id, ints, n)) {
        this.dispose();
        throw new KoeError('internal', 'The FLAC encoder failed while encoding.');
      }
    }
    await this.drain();
  }

  async finish(): Promise<void> {
    const ok = this.flac.FLAC__stream_encoder_finish(this.id);
    this.dispose();
    if (!ok) throw new KoeError('internal', 'The FLAC encoder failed while finishing the file.');
    this.headerDone = true;
    await this.drain();
    if (this.final && this.streamInfoAt >= 0) await this.sink.writeAt(streamInfoBody(this.final), this.streamInfoAt);
  }

  dispose(): void {
    if (this.finished) return;
    this.finished = true;
    this.flac.FLAC__stream_encoder_delete(this.id);
  }

  private async drain(): Promise<void> {
    if (this.streamInfoAt < 0 && this.headerDone) {
      const raw = concatBytes(this.headerRaw);
      const { header, streamInfoAt } = rewriteHeader(raw, vorbisFields(this.opts.metadata));
      await this.sink.write(header);
      this.streamInfoAt = this.sink.bytesWritten - header.length + streamInfoAt;
      this.headerRaw = [];
    }
    if (this.streamInfoAt < 0 || this.pending.length === 0) return;
    const out = concatBytes(this.pending);
    this.pending = [];
    await this.sink.write(out);
  }
}

export async function createFlacEncoder(sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  const bitDepth = opts.bitDepth ?? 16;
  if (bitDepth !== 16 && bitDepth !== 24) throw new RangeError(`FLAC export is 16- or 24-bit, got ${String(bitDepth)}`);
  return new FlacEncoder(await loadFlac(), sink, { ...opts, bitDepth });
}
