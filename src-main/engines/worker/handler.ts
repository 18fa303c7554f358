// The worker side of the engine protocol as a plain function of (engines, post), with no reference
// to worker_threads: the worker entry wires it to its parentPort, and tests drive it in-process.
import { KoeError } from '../../contract/errors';
import type { Engine } from '../types';
import type { FromWorker, ToWorker } from './protocol';
import { toWireError } from './protocol';

export type EngineFactories = Readonly<Record<string, () => Engine>>;
export type Post = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

export interface WorkerHandler {
  handle(msg: ToWorker): void;
  /** Aborts running syntheses and disposes the engines created so far. */
  dispose(): Promise<void>;
}

/** A chunk that is a view into a larger buffer is copied, so transferring it moves only its samples. */
function ownBuffer(pcm: Float32Array): Float32Array {
  return pcm.byteOffset === 0 && pcm.byteLength === pcm.buffer.byteLength && pcm.buffer instanceof ArrayBuffer ? pcm : pcm.slice();
}

export function createWorkerHandler(factories: EngineFactories, post: Post): WorkerHandler {
  const engines = new Map<string, Engine>();
  const running = new Map<number, AbortController>();

  async function engineReady(id: string): Promise<Engine> {
    let engine = engines.get(id);
    if (!engine) {
      const make = factories[id];
      if (!make) throw new KoeError('not_found', `This engine worker has no engine called "${id}".`);
      engine = make();
      engines.set(id, engine);
    }
    await engine.load(); // idempotent; also reloads transparently after a worker restart
    return engine;
  }

  async function synthesize(msg: Extract<ToWorker, { type: 'synthesize' }>): Promise<void> {
    const controller = new AbortController();
    running.set(msg.id, controller);
    try {
      const engine = await engineReady(msg.engine);
      for await (const chunk of engine.synthesize(msg.req, controller.signal)) {
        const pcm = ownBuffer(chunk);
        post({ type: 'chunk', id: msg.id, pcm }, [pcm.buffer as ArrayBuffer]);
      }
      post({ type: 'done', id: msg.id });
    } finally {
      running.delete(msg.id);
    }
  }

  async function serve(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'load': {
        const engine = await engineReady(msg.engine);
        post({ type: 'loaded', id: msg.id, engine: { name: engine.name, capabilities: engine.capabilities(), modelVersion: engine.modelVersion() } });
        return;
      }
      case 'voices': {
        const engine = await engineReady(msg.engine);
        post({ type: 'voices', id: msg.id, voices: await engine.voices() });
        return;
      }
      case 'synthesize':
        return synthesize(msg);
      case 'cancel':
        running.get(msg.id)?.abort();
        return;
    }
  }

  return {
    handle(msg) {
      serve(msg).catch((e: unknown) => post({ type: 'error', id: msg.id, error: toWireError(e) }));
    },
    async dispose() {
      for (const c of running.values()) c.abort();
      await Promise.allSettled([...engines.values()].map((e) => e.dispose()));
      engines.clear();
    },
  };
}
