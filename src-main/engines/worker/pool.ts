// A few engine workers behind one engine, so two requests (a preview while an export renders, two
// clients of the server) run side by side instead of queueing behind each other. Requests go to
// the least busy worker, ties taken in turn; workers start lazily, on first use.
import { availableParallelism } from 'node:os';
import { WorkerChannel, type ChannelOptions } from './channel';
import type { SpawnWorker } from './thread';

/** Two by default: enough for overlap, without multiplying model memory on small machines. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export class WorkerPool {
  private readonly channels: WorkerChannel[];
  private turn = 0;

  constructor(spawn: SpawnWorker, label: string, size = defaultPoolSize(), opts: ChannelOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be a whole number ≥ 1, got ${size}`);
    this.channels = Array.from({ length: size }, () => new WorkerChannel(spawn, label, opts));
  }

  get size(): number {
    return this.channels.length;
  }

  all(): readonly WorkerChannel[] {
    return this.channels;
  }

  pick(): WorkerChannel {
    const n = this.channels.length;
    let best = this.channels[this.turn % n]!;
    for (let k = 1; k < n; k++) {
      const c = this.channels[(this.turn + k) % n]!;
      if (c.busy < best.busy) best = c;
    }
    this.turn = (this.channels.indexOf(best) + 1) % n;
    return best;
  }

  async close(): Promise<void> {
    await Promise.all(this.channels.map((c) => c.close()));
  }
}
