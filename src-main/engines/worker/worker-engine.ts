// An Engine on the main thread whose work happens in engine workers (see core/engine-worker.ts), so
// synthesis never blocks the event loop that serves the WebSocket server and Electron IPC. It has
// the same interface as the engine it stands for; callers cannot tell the difference.
import { KoeError } from '../../contract/errors';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import type { ChannelOptions } from './channel';
import { WorkerPool, defaultPoolSize } from './pool';
import type { EngineDescription } from './protocol';
import { threadSpawner, type SpawnWorker } from './thread';

export interface WorkerEngineOptions {
  /** Number of worker threads (default min(2, cores)). */
  threads?: number;
  /** Display name until the worker has described the engine (after load()). */
  name?: string;
  /** The engine's model version before the worker has described it (a constant one, like espeak's). */
  modelVersion?: string;
  /** Recycling, retry and crash reports for each worker (see ChannelOptions). */
  channel?: ChannelOptions;
}

export class WorkerEngine implements Engine {
  private readonly pool: WorkerPool;
  private described: EngineDescription | null = null;
  private loading: Promise<void> | null = null;
  private voiceList: Promise<EngineVoice[]> | null = null;
  private closed = false;

  /**
   * @param id the engine id the worker hosts (e.g. `espeak`)
   * @param worker the worker script (in the bundle `new URL('./engine-worker.js', import.meta.url)`),
   *   or a function that starts a worker (tests)
   */
  constructor(
    readonly id: string,
    worker: URL | string | SpawnWorker,
    private readonly opts: WorkerEngineOptions = {},
  ) {
    const spawn = typeof worker === 'function' ? worker : threadSpawner(worker, { label: `koe-${id}` });
    this.pool = new WorkerPool(spawn, id, opts.threads ?? defaultPoolSize(), opts.channel);
  }

  get name(): string {
    return this.described?.name ?? this.opts.name ?? this.id;
  }

  /** How many requests run side by side: one per worker thread. */
  get workers(): number {
    return this.pool.size;
  }

  capabilities(): EngineCapabilities {
    return this.described?.capabilities ?? { streaming: false, speed: { min: 1, max: 1 }, pitch: false, cloning: false, blends: false, phonemeLexicon: false, languages: [] };
  }

  /**
   * As the engine in the worker reports it when it loads; before that, the version the host was
   * told (`opts.modelVersion`, for an engine whose version is a constant), else 'unknown'. A service
   * whose engine is rebuilt in workers (Kokoro, Pocket TTS) answers from its own resolved files
   * instead (slotFacade).
   */
  modelVersion(): string {
    return this.described?.modelVersion ?? this.opts.modelVersion ?? 'unknown';
  }

  /** Loads the engine in every worker, so the first request on any of them is not slowed by it. */
  load(): Promise<void> {
    this.assertOpen();
    if (!this.loading) {
      this.loading = Promise.all(this.pool.all().map((c) => c.call({ type: 'load', engine: this.id }))).then(([first]) => {
        if (first) this.described = first;
      });
      this.loading.catch(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  async voices(): Promise<EngineVoice[]> {
    this.assertOpen();
    if (!this.voiceList) {
      this.voiceList = this.pool.pick().call({ type: 'voices', engine: this.id });
      this.voiceList.catch(() => {
        this.voiceList = null;
      });
    }
    return this.voiceList;
  }

  synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Float32Array> {
    this.assertOpen();
    return this.pool.pick().synthesize(this.id, req, signal);
  }

  async dispose(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new KoeError('engine', `The ${this.name} engine has been shut down.`);
  }
}
