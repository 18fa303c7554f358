// Delivers an export at another sample rate than the studio's 24 kHz: a wrapper that resamples each
// block on its way into the real encoder. The mix, loudness and limiter all run at the internal rate
// and only the bytes change rate, so a 48 kHz WAV measures exactly like the 24 kHz one. The
// streaming resampler's joined output equals a whole-buffer resample, so blocks leave no seams.
import { StreamingResampler } from '../resample';
import type { AudioEncoder } from './encoder';

export class ResamplingEncoder implements AudioEncoder {
  private readonly resamplers: StreamingResampler[];

  constructor(
    private readonly inner: AudioEncoder,
    fromRate: number,
    toRate: number,
    channels: number,
  ) {
    this.resamplers = Array.from({ length: channels }, () => new StreamingResampler(fromRate, toRate));
  }

  get format() {
    return this.inner.format;
  }

  async write(block: readonly Float32Array[]): Promise<void> {
    await this.inner.write(block.map((c, i) => this.resamplers[i]!.push(c)));
  }

  async finish(): Promise<void> {
    await this.inner.write(this.resamplers.map((r) => r.flush()));
    await this.inner.finish();
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** Frames an export of `frames` internal samples has at the delivery rate (what resample() gives). */
export function framesAt(frames: number, fromRate: number, toRate: number): number {
  return fromRate === toRate ? frames : Math.round((frames * toRate) / fromRate);
}
