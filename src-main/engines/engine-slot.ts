// The engine behind a service whose model files can change while the app runs (Kokoro, Pocket TTS):
// when a download, import or removal changes what is verified, the service builds a new engine and
// puts it in the slot. New requests go to the new engine at once; the old one is disposed when the
// requests already running on it have finished, so a download completing mid-render does not cut off
// the line being spoken. (A settings change disposes at once instead: the user asked for it.)
import type { Engine, EngineCapabilities, SynthesisRequest } from './types';

interface Held {
  engine: Engine;
  active: number;
  retired: boolean;
  disposed: boolean;
}

async function disposeOnce(h: Held): Promise<void> {
  if (h.disposed) return;
  h.disposed = true;
  await h.engine.dispose().catch(() => {});
}

export class EngineSlot {
  private held: Held;

  constructor(engine: Engine) {
    this.held = { engine, active: 0, retired: false, disposed: false };
  }

  get engine(): Engine {
    return this.held.engine;
  }

  /** Puts `next` in the slot; the old engine is disposed now (`at: 'now'`) or once it is idle. */
  async replace(next: Engine, at: 'now' | 'when-idle'): Promise<void> {
    const old = this.held;
    this.held = { engine: next, active: 0, retired: false, disposed: false };
    old.retired = true;
    if (at === 'now' || old.active === 0) await disposeOnce(old);
  }

  /** Disposes the engine in the slot (the service is shutting down). */
  dispose(): Promise<void> {
    return disposeOnce(this.held);
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    const h = this.held;
    h.active++;
    try {
      yield* h.engine.synthesize(req, signal);
    } finally {
      h.active--;
      if (h.retired && h.active === 0) await disposeOnce(h);
    }
  }
}

export interface SlotFacadeOptions {
  id: string;
  name: string;
  slot: EngineSlot;
  /** Brings the slot up to date with the verified files; runs before every call. */
  sync(): Promise<void>;
  /** The model version for cache keys, as the service resolves it (the slot's engine may be a proxy). */
  modelVersion(): string;
  /**
   * What the engine can do, as the service knows it; absent: whatever the slot's engine reports
   * (an engine in a worker knows its capabilities only once it has loaded).
   */
  capabilities?(): EngineCapabilities;
  /** Narrows what the slot's engine lists (e.g. to voices whose files are verified). */
  voices?(listed: Awaited<ReturnType<Engine['voices']>>): Awaited<ReturnType<Engine['voices']>>;
  /** Checks or prepares a request before it reaches the engine (may throw). */
  beforeSynthesize?(req: SynthesisRequest): void | Promise<void>;
}

/** The one Engine a service registers: every call syncs first, then goes to whatever is in the slot. */
export function slotFacade(o: SlotFacadeOptions): Engine {
  return {
    id: o.id,
    name: o.name,
    capabilities: () => (o.capabilities ? o.capabilities() : o.slot.engine.capabilities()),
    modelVersion: () => o.modelVersion(),
    load: async () => {
      await o.sync();
      await o.slot.engine.load();
    },
    voices: async () => {
      await o.sync();
      const listed = await o.slot.engine.voices();
      return o.voices ? o.voices(listed) : listed;
    },
    synthesize: async function* (req, signal) {
      await o.sync();
      await o.beforeSynthesize?.(req);
      yield* o.slot.synthesize(req, signal);
    },
    dispose: () => o.slot.dispose(),
  };
}
