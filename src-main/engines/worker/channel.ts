// One engine worker seen from the main thread: request ids, replies routed back to their callers,
// chunk queues for streams. The worker is started on first use; if it dies, every outstanding call
// fails with a clear error at once (instead of hanging) and the next call starts a fresh worker.
// For an engine that cannot be trusted to stay up (Flite in a child process), the channel can also
// start a fresh worker every few syntheses, and run a synthesis that a crash cut off once more.
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

export interface ChannelOptions {
  /**
   * Starts a fresh worker for the request after this many syntheses; the old one finishes the
   * requests it has, then ends. For engines that degrade with use.
   */
  recycleAfter?: number;
  /**
   * Runs a synthesis that a worker crash cut off once more, on a fresh worker, skipping the samples
   * the caller already has. Only for deterministic engines: the second run must make the same audio.
   */
  retryOnCrash?: boolean;
  /** Told once per crash, however many requests it cut off. */
  onCrash?: (error: Error) => void;
}

/** Errors that mean "the worker died under this request", as opposed to the engine refusing it. */
const crashes = new WeakSet<Error>();

export function isWorkerCrash(e: unknown): boolean {
  return e instanceof Error && crashes.has(e);
}

export class WorkerChannel {
  private port: WorkerPort | null = null;
  /** Syntheses sent to the current worker, for `recycleAfter`. */
  private served = 0;
  private nextId = 1;
  /** Requests the worker has not finished, including ones whose caller has already given up. */
  private readonly pending = new Map<number, Pending>();
  /** Which worker each pending request went to: a retired worker still owns the ones it is finishing. */
  private readonly owners = new Map<number, WorkerPort>();
  /** Workers replaced by a fresh one, ended once their last request settles. */
  private readonly retiring = new Set<WorkerPort>();
  /** Workers ended on purpose, whose exit is not a crash. */
  private readonly ending = new WeakSet<WorkerPort>();

  constructor(
    private readonly spawn: SpawnWorker,
    private readonly label: string,
    private readonly opts: ChannelOptions = {},
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
    let delivered = 0;
    for (let attempt = 1; ; attempt++) {
      let skip = delivered;
      try {
        for await (const chunk of this.synthesizeOnce(engine, req, signal)) {
          if (skip >= chunk.length) {
            skip -= chunk.length;
            continue;
          }
          const fresh = skip > 0 ? chunk.slice(skip) : chunk;
          skip = 0;
          delivered += fresh.length;
          yield fresh;
        }
        return;
      } catch (e) {
        if (attempt === 1 && this.opts.retryOnCrash && isWorkerCrash(e) && !signal?.aborted) continue;
        throw e;
      }
    }
  }

  private async *synthesizeOnce(engine: string, req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
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
    const ports = [...new Set([...(this.port ? [this.port] : []), ...this.retiring])];
    this.port = null;
    this.retiring.clear();
    for (const p of ports) this.ending.add(p);
    this.failAll(new KoeError('engine', `The ${this.label} engine was shut down.`));
    await Promise.all(ports.map((p) => p.terminate()));
  }

  private open(p: Pending): number {
    const id = this.nextId++;
    this.pending.set(id, p);
    return id;
  }

  private send(msg: ToWorker): void {
    if (msg.type === 'cancel') {
      // A cancel goes to the worker running the request, which may be one being retired.
      this.owners.get(msg.id)?.postMessage(msg);
      return;
    }
    try {
      const port = this.port ?? this.start();
      this.owners.set(msg.id, port);
      port.setBusy(true);
      if (msg.type === 'synthesize' && this.opts.recycleAfter && ++this.served >= this.opts.recycleAfter) this.retire(port);
      port.postMessage(msg);
    } catch (e) {
      // A worker that cannot even start must not leave its request counted as in flight.
      this.settle(msg.id);
      throw e;
    }
  }

  private start(): WorkerPort {
    const port = this.spawn();
    this.port = port;
    this.served = 0;
    let lastError: Error | null = null;
    port.onMessage((msg) => {
      const p = this.pending.get(msg.id);
      if (p?.reply(msg)) this.settle(msg.id);
    });
    port.onError((e) => {
      lastError = e;
    });
    port.onExit((code) => {
      if (this.ending.has(port)) return; // closed on purpose
      if (this.port === port) this.port = null;
      this.retiring.delete(port);
      const why = lastError ? `: ${lastError.message}` : ` (exit code ${code})`;
      const error = new KoeError('engine', `The ${this.label} engine stopped unexpectedly${why}. It will restart on the next request.`);
      crashes.add(error);
      this.opts.onCrash?.(error);
      this.failOwnedBy(port, error);
    });
    return port;
  }

  /**
   * New requests go to a fresh worker, started now so it is ready (loaded, idle) by the next request
   * instead of making that request wait for a start; this one ends when its last request settles.
   */
  private retire(port: WorkerPort): void {
    if (this.port === port) this.port = null;
    this.retiring.add(port);
    this.start().setBusy(false);
  }

  private owns(port: WorkerPort): boolean {
    for (const p of this.owners.values()) if (p === port) return true;
    return false;
  }

  private settle(id: number): void {
    this.pending.delete(id);
    const port = this.owners.get(id);
    this.owners.delete(id);
    if (!port || this.owns(port)) return;
    port.setBusy(false);
    if (this.retiring.delete(port)) {
      this.ending.add(port);
      void port.terminate().catch(() => {});
    }
  }

  private failOwnedBy(port: WorkerPort, error: Error): void {
    const ids = [...this.owners].filter(([, p]) => p === port).map(([id]) => id);
    for (const id of ids) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      this.owners.delete(id);
      p?.fail(error);
    }
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.owners.clear();
    for (const p of all) p.fail(error);
  }
}
