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

/**
 * Constant bitrates by MPEG version (kbit/s): MPEG-1 Layer III at 32, 44.1 and 48 kHz goes up to 320
 * (ACX asks for 192), MPEG-2 at 16, 22.05 and 24 kHz stops at 160.
 */
const MPEG1_RATES = new Set([32000, 44100, 48000]);
const BITRATES_MPEG1 = [32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] as const;
const BITRATES_MPEG2 = [32, 40, 48, 64, 80, 96, 112, 128, 160] as const;
type Bitrate = (typeof BITRATES_MPEG1)[number];
const SAMPLE_RATES = new Set([16000, 22050, 24000, 32000, 44100, 48000]);

/** The constant bitrates an MP3 at `sampleRate` can have. */
export function mp3Bitrates(sampleRate: number): readonly number[] {
  return MPEG1_RATES.has(sampleRate) ? BITRATES_MPEG1 : BITRATES_MPEG2;
}

/**
 * Samples of silence a decoder that ignores the Info frame plays first: LAME's encoder delay (576)
 * plus the standard MP3 decoder delay (529). Gapless decoders (mpg123, ffmpeg, most players) drop it.
 */
export const MP3_TOTAL_DELAY = 1105;

function defaultBitrate(channels: 1 | 2): Bitrate {
  return channels === 1 ? 64 : 96;
}

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

class Mp3Encoder implements AudioEncoder {
  readonly format = 'mp3' as const;
  private started = false;
  private scratch: Float32Array[] = [];
  private readonly counter = new Mp3FrameCounter();
  private infoAt = -1;
  private samples = 0;

  constructor(
    private readonly lame: Lame,
    private readonly sink: ByteSink,
    private readonly opts: EncoderOptions,
  ) {}

  async write(block: readonly Float32Array[]): Promise<void> {
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
    return buildInfoFrame(first, { frames: this.counter.frames, audioBytes: this.counter.bytes, musicCrc: this.counter.crc, samples: this.samples, kbps });
  }

  /** The WebAssembly instance is this encoder's alone and goes with it; nothing to free early. */
  dispose(): void {}

  async finish(): Promise<void> {
    if (!this.started) await this.write(Array.from({ length: this.opts.channels }, () => new Float32Array(0)));
    await this.emit(this.lame.finalize());
    if (this.infoAt >= 0 && this.counter.first) await this.sink.writeAt(this.infoFrame(this.counter.first), this.infoAt);
  }
}

export async function createMp3Encoder(sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  if (!SAMPLE_RATES.has(opts.sampleRate)) throw new RangeError(`MP3 export needs a sample rate of ${[...SAMPLE_RATES].join(', ')} Hz, got ${opts.sampleRate}`);
  const bitrate = (opts.bitrateKbps ?? defaultBitrate(opts.channels)) as Bitrate;
  const allowed = mp3Bitrates(opts.sampleRate);
  if (!allowed.includes(bitrate)) throw new RangeError(`MP3 bitrate at ${opts.sampleRate / 1000} kHz must be one of ${allowed.join(', ')} kbit/s, got ${opts.bitrateKbps}`);
  const lame = await createLame();
  lame.configure({ sampleRate: opts.sampleRate, channels: opts.channels, bitrate, outputSampleRate: opts.sampleRate as 24000 });
  return new Mp3Encoder(lame, sink, opts);
}
