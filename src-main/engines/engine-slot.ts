// The engine behind a service whose model files can change while the app runs (Kokoro, Pocket TTS):
// when a download, import or removal changes what is verified, the service builds a new engine and
// puts it in the slot. New requests go to the new engine at once; the old one is disposed when the
// requests already running on it have finished, so a download completing mid-render does not cut off
// the line being spoken. (A settings change disposes at once instead: the user asked for it.)
import type { Engine, SynthesisRequest } from './types';

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
