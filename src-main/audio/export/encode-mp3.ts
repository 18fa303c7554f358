// MP3 export: LAME compiled to WebAssembly (npm `wasm-media-encoders`, MIT wrapper around LAME,
// which is LGPL — both compatible with our GPL-3.0-or-later), behind an ID3v2 tag and a LAME Info
// frame that makes the file gapless (mp3-info-frame.ts).
//
// Chosen over the pure-JavaScript ports (`lamejs`, `@breezystack/lamejs`): on 5 minutes of 24 kHz
// speech the WebAssembly LAME took 1.3 s where lamejs took 4.2–7.4 s, and the benchmark target is
// 1.5× native ffmpeg. The wrapper hands back a view into WebAssembly memory that the next call
// overwrites, so every chunk is copied before it is queued for the (asynchronous) sink.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createEncoder } from 'wasm-media-encoders';
import { checkBlock, type AudioEncoder, type ByteSink, type EncoderOptions } from './encoder';
import { Mp3FrameCounter, buildInfoFrame } from './mp3-info-frame';
import { id3Tag } from './tags';
import { defaultMp3Bitrate, MP3_BITRATES_MPEG1, MP3_SAMPLE_RATES, mp3Bitrates } from '../../contract/export-options';

type Bitrate = (typeof MP3_BITRATES_MPEG1)[number];
const SAMPLE_RATES = new Set(MP3_SAMPLE_RATES);

/**
 * Samples of silence a decoder that ignores the Info frame plays first: LAME's encoder delay (576)
 * plus the standard MP3 decoder delay (529). Gapless decoders (mpg123, ffmpeg, most players) drop it.
 */
export const MP3_TOTAL_DELAY = 1105;

const defaultBitrate = (channels: 1 | 2) => defaultMp3Bitrate(channels) as Bitrate;

/**
 * LAME's WebAssembly, compiled once per process. The package's createMp3Encoder() compiles it on
 * every call (85–320 ms here), which every MP3 export paid and the speech API's first MP3 byte
 * waited on; from the compiled module an encoder starts in a few milliseconds.
 */
let compiled: WebAssembly.Module | null = null;

async function createLame() {
  if (compiled) return createEncoder('audio/mpeg', compiled);
  const wasm = await readFile(createRequire(import.meta.url).resolve('wasm-media-encoders/wasm/mp3'));
  return createEncoder('audio/mpeg', wasm, (module) => {
    compiled = module;
  });
}

type Lame = Awaited<ReturnType<typeof createLame>>;
type LameParams = Parameters<Lame['configure']>[0];

/**
 * LAME instances whose stream has ended, configured again for the next one with the same settings.
 * Instantiating LAME's WebAssembly and configuring it (its tables) took 5–50 ms on a loaded machine,
 * and an MP3 answered from the speech API's audio cache waited on it for its first byte. Configuring
 * one again (which frees its old state) happens after its stream, off anyone's path; at most two wait
 * per setting, so the memory they hold stays small.
 */
const IDLE_PER_SETTING = 2;
const idle = new Map<string, Lame[]>();

async function takeLame(params: LameParams): Promise<Lame> {
  const ready = idle.get(JSON.stringify(params))?.pop();
  if (ready) return ready;
  const lame = await createLame();
  lame.configure(params);
  return lame;
}

function giveBack(lame: Lame, params: LameParams): void {
  setImmediate(() => {
    const key = JSON.stringify(params);
    const list = idle.get(key) ?? [];
    if (list.length >= IDLE_PER_SETTING) return;
    try {
      lame.configure(params);
    } catch {
      return; // out of memory, say: let it go rather than keep a broken one
    }
    list.push(lame);
    idle.set(key, list);
  });
}

class Mp3Encoder implements AudioEncoder {
  readonly format = 'mp3' as const;
  private started = false;
  private scratch: Float32Array[] = [];
  private readonly counter = new Mp3FrameCounter();
  private infoAt = -1;
  private samples = 0;
  /** The LAME instance went back to the idle ones: this encoder must not touch it again. */
  private released = false;

  constructor(
    private readonly lame: Lame,
    private readonly params: LameParams,
    private readonly sink: ByteSink,
    private readonly opts: EncoderOptions,
  ) {}

  async write(block: readonly Float32Array[]): Promise<void> {
    this.assertLive();
    const n = checkBlock(block, this.opts.channels);
    if (!this.started) {
      await this.sink.write(id3Tag(this.opts.metadata));
      this.started = true;
    }
    if (n === 0) return;
    // LAME expects −1..1; an unnormalized mix may exceed it, and NaN must never reach the codec.
    const clamped = block.map((c, i) => {
      let s = this.scratch[i];
      if (!s || s.length < n) s = this.scratch[i] = new Float32Array(Math.max(n, 4096));
      const v = s.subarray(0, n);
      for (let k = 0; k < n; k++) {
        const x = c[k]!;
        v[k] = x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
      }
      return v;
    });
    this.samples += n;
    await this.emit(this.lame.encode(clamped));
  }

  /** Copies LAME's output (a view it will overwrite), counting frames; reserves the Info frame. */
  private async emit(view: Uint8Array): Promise<void> {
    if (view.length === 0) return;
    const bytes = view.slice();
    if (this.infoAt < 0) {
      this.infoAt = this.sink.bytesWritten;
      await this.sink.write(this.infoFrame(bytes.subarray(0, 4)));
    }
    this.counter.push(bytes);
    await this.sink.write(bytes);
  }

  private infoFrame(first: Uint8Array): Uint8Array {
    const kbps = this.opts.bitrateKbps ?? defaultBitrate(this.opts.channels);
    const counter = this.counter;
    const vbr = this.opts.vbrQuality === undefined ? {} : { vbr: { quality: this.opts.vbrQuality, offsetAt: (percent: number) => counter.offsetOfFrame(Math.floor((percent / 100) * counter.frames)) } };
    return buildInfoFrame(first, { frames: counter.frames, audioBytes: counter.bytes, musicCrc: counter.crc, samples: this.samples, kbps, ...vbr });
  }

  /** Stopped early or finished: the LAME instance goes back for the next encoder. */
  dispose(): void {
    if (this.released) return;
    this.released = true;
    giveBack(this.lame, this.params);
  }

  async finish(): Promise<void> {
    this.assertLive();
    if (!this.started) await this.write(Array.from({ length: this.opts.channels }, () => new Float32Array(0)));
    await this.emit(this.lame.finalize());
    this.dispose();
    if (this.infoAt >= 0 && this.counter.first) await this.sink.writeAt(this.infoFrame(this.counter.first), this.infoAt);
  }

  private assertLive(): void {
    if (this.released) throw new Error('This MP3 encoder has finished or was disposed.');
  }
}

export async function createMp3Encoder(sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  if (!SAMPLE_RATES.has(opts.sampleRate)) throw new RangeError(`MP3 export needs a sample rate of ${[...SAMPLE_RATES].join(', ')} Hz, got ${opts.sampleRate}`);
  if (opts.vbrQuality !== undefined) {
    if (opts.bitrateKbps !== undefined) throw new RangeError('an MP3 has either a constant bitrate or a VBR quality, not both');
    if (!Number.isInteger(opts.vbrQuality) || opts.vbrQuality < 0 || opts.vbrQuality > 9) throw new RangeError(`MP3 VBR quality must be 0 (best) to 9, got ${opts.vbrQuality}`);
    const params: LameParams = { sampleRate: opts.sampleRate, channels: opts.channels, vbrQuality: opts.vbrQuality, outputSampleRate: opts.sampleRate as 24000 };
    return new Mp3Encoder(await takeLame(params), params, sink, opts);
  }
  const bitrate = (opts.bitrateKbps ?? defaultBitrate(opts.channels)) as Bitrate;
  const allowed = mp3Bitrates(opts.sampleRate);
  if (!allowed.includes(bitrate)) throw new RangeError(`MP3 bitrate at ${opts.sampleRate / 1000} kHz must be one of ${allowed.join(', ')} kbit/s, got ${opts.bitrateKbps}`);
  const params: LameParams = { sampleRate: opts.sampleRate, channels: opts.channels, bitrate, outputSampleRate: opts.sampleRate as 24000 };
  return new Mp3Encoder(await takeLame(params), params, sink, opts);
}
