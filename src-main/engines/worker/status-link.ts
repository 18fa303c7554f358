// How an engine with model settings (Kokoro, Pocket TTS) gets them into its engine worker and its
// status back out. Settings ride in the worker's workerData under the engine's key (fixed for the
// worker's life, like the models folder). Status (which provider runs, why a fallback happened) is
// pushed by the worker as it changes, on a message with id 0 that the request protocol never uses;
// the spawner takes those messages off the port before the engine proxy sees it, so the shared
// protocol did not need to change.
import type { SpawnWorker } from './thread';
import { threadSpawner } from './thread';

export interface StatusMessage<S> {
  /** `<engine key>-status`, e.g. kokoro-status. */
  type: string;
  id: 0;
  status: S;
}

export function statusMessage<S>(key: string, status: S): StatusMessage<S> {
  return { type: `${key}-status`, id: 0, status };
}

export function isStatusMessage<S>(key: string, msg: unknown): msg is StatusMessage<S> {
  return !!msg && typeof msg === 'object' && (msg as { type?: unknown }).type === `${key}-status` && (msg as { id?: unknown }).id === 0;
}

/** Reads and checks the config the main side put in workerData under `key`. */
export function configFrom<C extends { modelsDir: string }>(workerData: unknown, key: string, engineName: string): C {
  const cfg = (workerData as Record<string, Partial<C> | undefined> | null | undefined)?.[key];
  if (!cfg || typeof cfg.modelsDir !== 'string' || !cfg.modelsDir) {
    throw new Error(`The ${engineName} engine worker was started without a models folder (workerData.${key}.modelsDir).`);
  }
  return cfg as C;
}

/**
 * Starts engine workers with `config` under `key`, forwarding their status messages to `onStatus`.
 * `workerData` adds entries for test shims (the TypeScript entry to load).
 */
export function statusLinkedSpawner<S>(script: URL | string, key: string, config: object, onStatus?: (status: S) => void, workerData: Record<string, unknown> = {}): SpawnWorker {
  const spawn = threadSpawner(script, { label: `koe-${key}`, workerData: { ...workerData, [key]: config } });
  return () => {
    const port = spawn();
    return {
      ...port,
      onMessage: (fn) =>
        port.onMessage((msg) => {
          // Status messages are not part of FromWorker's type; they are recognised by shape.
          const raw: unknown = msg;
          if (isStatusMessage<S>(key, raw)) onStatus?.(raw.status);
          else fn(msg);
        }),
    };
  };
}
