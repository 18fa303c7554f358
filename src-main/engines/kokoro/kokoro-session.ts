// One loaded Kokoro graph and the way to feed it: ids wrapped in pads, the style row, and speed in
// whatever type this export declared. Knows nothing about providers or lifetimes (session-host.ts).
import { KoeError } from '../../contract/errors';
import type { KokoroGraphIo, SpeedType } from './graph-io';
import { fromHalf, toHalf } from '../onnx/half-float';
import type { OrtRuntime, OrtSession, OrtTensor } from '../onnx/ort';
import { STYLE_DIM } from './voice-pack';

export const MAX_PHONEME_TOKENS = 510;

/** int32-speed exports truncate fractions (and crash on 0.9, kokoro-onnx #155): send 1 or 2. */
export function int32Speed(speed: number): number {
  return Math.min(2, Math.max(1, Math.round(speed)));
}

function looksLikeTypeError(e: unknown): boolean {
  return /type|int32|float|expected/i.test(e instanceof Error ? e.message : String(e));
}

export class KokoroSession {
  private speedType: SpeedType | null;

  constructor(
    private readonly ort: OrtRuntime,
    private readonly session: OrtSession,
    readonly io: KokoroGraphIo,
    readonly provider: string,
    readonly modelPath: string,
  ) {
    this.speedType = io.speedType;
  }

  /** `ids`: phoneme token ids without the pads (at most 510); returns 24 kHz mono samples. */
  async run(ids: readonly number[], style: Float32Array, speed: number): Promise<Float32Array> {
    if (ids.length > MAX_PHONEME_TOKENS) throw new KoeError('too_large', `A Kokoro chunk holds at most ${MAX_PHONEME_TOKENS} phonemes; this one has ${ids.length}.`);
    if (style.length !== STYLE_DIM) throw new KoeError('invalid_args', `A style row has ${STYLE_DIM} values, got ${style.length}.`);
    const padded = [0, ...ids, 0];
    const tokens =
      this.io.tokenType === 'int64'
        ? this.ort.tensor('int64', BigInt64Array.from(padded, (v) => BigInt(v)), [1, padded.length])
        : this.ort.tensor('int32', Int32Array.from(padded), [1, padded.length]);
    const styleTensor = this.io.styleType === 'float16' ? this.ort.tensor('float16', toHalf(style), [1, STYLE_DIM]) : this.ort.tensor('float32', Float32Array.from(style), [1, STYLE_DIM]);
    const feeds = (type: SpeedType): Record<string, OrtTensor> => ({
      [this.io.tokenInput]: tokens,
      style: styleTensor,
      speed: type === 'int32' ? this.ort.tensor('int32', Int32Array.of(int32Speed(speed)), [1]) : this.ort.tensor('float32', Float32Array.of(speed), [1]),
    });
    let out: Record<string, OrtTensor>;
    if (this.speedType) out = await this.session.run(feeds(this.speedType));
    else {
      // The runtime did not say which type speed is: float32 is what current exports take.
      try {
        out = await this.session.run(feeds('float32'));
        this.speedType = 'float32';
      } catch (e) {
        if (!looksLikeTypeError(e)) throw e;
        out = await this.session.run(feeds('int32'));
        this.speedType = 'int32';
      }
    }
    const audio = out[this.io.audioOutput];
    if (!audio) throw new KoeError('engine', `The Kokoro model returned no ${this.io.audioOutput} output.`);
    if (audio.data instanceof Float32Array) return audio.data;
    if (audio.data instanceof Uint16Array) return fromHalf(audio.data);
    throw new KoeError('engine', `The Kokoro model returned ${audio.type} audio, expected float32.`);
  }

  /** The speed type in use (after the first run when the graph did not declare it). */
  get speedInputType(): SpeedType | null {
    return this.speedType;
  }

  async release(): Promise<void> {
    await this.session.release().catch(() => {});
  }
}
