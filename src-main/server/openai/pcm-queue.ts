// The audio of one render stream as an async iterable: render.chunk events are pushed in as the core
// emits them, render.end closes it (with the failure, if any), and the reader pulls at its own pace.
import type { EventPayload } from '../../contract/calls';

type End = EventPayload<'render.end'>;

export class PcmQueue implements AsyncIterable<Float32Array> {
  private readonly chunks: Float32Array[] = [];
  private ended: End | null = null;
  private wake: (() => void) | null = null;

  push(pcm: Float32Array): void {
    if (this.ended) return;
    this.chunks.push(pcm);
    this.notify();
  }

  end(end: End): void {
    this.ended ??= end;
    this.notify();
  }

  /** How the stream ended, once it has. */
  get result(): End | null {
    return this.ended;
  }

  /** Resolves once there is a chunk to read or the stream has ended. */
  async ready(): Promise<void> {
    while (this.chunks.length === 0 && !this.ended) await new Promise<void>((r) => (this.wake = r));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Float32Array> {
    for (;;) {
      await this.ready();
      const next = this.chunks.shift();
      if (next) yield next;
      else return;
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
