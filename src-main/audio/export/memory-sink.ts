// A ByteSink that keeps the bytes in memory: lets the export's codec probe, tests and the benchmark run an encoder
// without touching the disk, through the same interface the atomic file writer offers.
import type { ByteSink } from './encoder';

export class MemorySink implements ByteSink {
  private buf = new Uint8Array(1 << 16);
  private size = 0;

  get bytesWritten(): number {
    return this.size;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.put(chunk, this.size);
  }

  async writeAt(chunk: Uint8Array, position: number): Promise<void> {
    if (!Number.isInteger(position) || position < 0) throw new RangeError(`write position must be a whole number ≥ 0, got ${position}`);
    this.put(chunk, position);
  }

  /** A copy of everything written. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.size);
  }

  private put(chunk: Uint8Array, at: number): void {
    const end = at + chunk.length;
    if (end > this.buf.length) {
      const grown = new Uint8Array(Math.max(end, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.size));
      this.buf = grown;
    }
    this.buf.set(chunk, at);
    this.size = Math.max(this.size, end);
  }
}
