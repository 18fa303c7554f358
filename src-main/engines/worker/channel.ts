// One engine worker seen from the main thread: request ids, replies routed back to their callers,
// chunk queues for streams. The worker is started on first use; if it dies, every outstanding call
// fails with a clear error at once (instead of hanging) and the next call starts a fresh worker.
import { KoeError } from '../../contract/errors';
import type { EngineVoice, SynthesisRequest } from '../types';
import { abortError, throwIfAborted } from '../../lib/abort';
import type { EngineDescription, FromWorker, ToWorker } from './protocol';
import { fromWireError } from './protocol';
import type { SpawnWorker, WorkerPort } from './thread';

interface Pending {
  /** Handles a reply; returns true when it was the last one for this request. */
  reply(msg: FromWorker): boolean;
  fail(error: Error): void;
}

type Call = { type: 'load'; engine: string } | { type: 'voices'; engine: string };
type CallResult<C extends Call> = C['type'] extends 'load' ? EngineDescription : EngineVoice[];

export class WorkerChannel {
  private port: WorkerPort | null = null;
  private nextId = 1;
  /** Requests the worker has not finished, including ones whose caller has already given up. */
  private readonly pending = new Map<number, Pending>();
  private lastError: Error | null = null;

  constructor(
    private readonly spawn: SpawnWorker,
    private readonly label: string,
  ) {}

  /** Requests still occupying the worker; used to pick the least busy one. */
  get busy(): number {
    return this.pending.size;
  }

  call<C extends Call>(call: C): Promise<CallResult<C>> {
    return new Promise((resolve, reject) => {
      const id = this.open({
        reply: (msg) => {
          if (msg.type === 'error') reject(fromWireError(msg.error));
          else if (msg.type === 'loaded') resolve(msg.engine as CallResult<C>);
          else if (msg.type === 'voices') resolve(msg.voices as CallResult<C>);
          else return false;
          return true;
        },
        fail: reject,
      });
      this.send({ ...call, id });
    });
  }

  async *synthesize(engine: string, req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    throwIfAborted(signal);
    const queue: Float32Array[] = [];
    let finished = false;
    let error: Error | null = null;
    let wake: (() => void) | null = null;
    const notify = (): void => {
      wake?.();
      wake = null;
    };
    const id = this.open({
      reply: (msg) => {
        if (msg.type === 'chunk') queue.push(msg.pcm);
        else if (msg.type === 'done') finished = true;
        else if (msg.type === 'error') error = fromWireError(msg.error);
        notify();
        return msg.type !== 'chunk';
      },
      fail: (e) => {
        error = e;
        notify();
      },
    });
    // The caller hears about an abort at once; the worker may still be mid-computation and
    // answers the cancel only when it next yields, which no longer matters to anyone.
    const onAbort = (): void => {
      error ??= abortError();
      notify();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.send({ type: 'synthesize', id, engine, req });
      for (;;) {
        if (error) throw error;
        const chunk = queue.shift();
        if (chunk) yield chunk;
        else if (finished) return;
        else await new Promise<void>((r) => (wake = r));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Aborted, failed or abandoned by the consumer (break): tell the worker to stop.
      if (!finished && this.pending.has(id)) this.send({ type: 'cancel', id });
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    this.failAll(new KoeError('engine', `The ${this.label} engine was shut down.`));
    await port?.terminate();
  }

  private open(p: Pending): number {
    const id = this.nextId++;
    this.pending.set(id, p);
    if (this.pending.size === 1) this.port?.setBusy(true);
    return id;
  }

  private send(msg: ToWorker): void {
    try {
      (this.port ?? this.start()).postMessage(msg);
    } catch (e) {
      // A worker that cannot even start must not leave its request counted as in flight.
      if (msg.type !== 'cancel') this.settle(msg.id);
      throw e;
    }
  }

  private start(): WorkerPort {
    const port = this.spawn();
    this.port = port;
    this.lastError = null;
    port.setBusy(this.pending.size > 0);
    port.onMessage((msg) => {
      const p = this.pending.get(msg.id);
      if (p?.reply(msg)) this.settle(msg.id);
    });
    port.onError((e) => {
      this.lastError = e;
    });
    port.onExit((code) => {
      if (this.port !== port) return; // closed on purpose, or already replaced
      this.port = null;
      const why = this.lastError ? `: ${this.lastError.message}` : ` (exit code ${code})`;
      this.failAll(new KoeError('engine', `The ${this.label} engine stopped unexpectedly${why}. It will restart on the next request.`));
    });
    return port;
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.port?.setBusy(false);
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.fail(error);
  }
}
