// How the Kokoro engine gets its settings into the engine worker and its status back out. Settings
// ride in the worker's workerData (fixed for the worker's life, like the models folder). Status
// (which provider runs, why a fallback happened) is pushed by the worker as it changes, on a
// message with id 0 that the request protocol never uses; the spawner here takes those messages
// off the port before the engine proxy sees it, so the shared protocol did not need to change.
import type { SpawnWorker } from '../worker/thread';
import { threadSpawner } from '../worker/thread';
import type { SessionSettings, SessionStatus } from './session-host';
import type { ChunkLimits } from './text-path';

/** Structured-cloneable settings for the engine inside the worker. */
export interface KokoroWorkerConfig {
  modelsDir: string;
  modelFile?: string;
  /** Resolved on the main side from the verification records; see KokoroEngineOptions. */
  modelPath?: string | null;
  /** Whether misaki's four lexicons are verified (main side); absent: judged by presence on disk. */
  lexicons?: boolean;
  session?: SessionSettings;
  chunking?: Partial<ChunkLimits>;
}

export interface KokoroStatusMessage {
  type: 'kokoro-status';
  id: 0;
  status: SessionStatus;
}

export function isKokoroStatusMessage(msg: unknown): msg is KokoroStatusMessage {
  return !!msg && typeof msg === 'object' && (msg as { type?: unknown }).type === 'kokoro-status' && (msg as { id?: unknown }).id === 0;
}

/** Reads and checks the config the main side put in workerData. */
export function kokoroConfigFrom(workerData: unknown): KokoroWorkerConfig {
  const cfg = (workerData as { kokoro?: Partial<KokoroWorkerConfig> } | null | undefined)?.kokoro;
  if (!cfg || typeof cfg.modelsDir !== 'string' || !cfg.modelsDir) {
    throw new Error('The Kokoro engine worker was started without a models folder (workerData.kokoro.modelsDir).');
  }
  return cfg as KokoroWorkerConfig;
}

/**
 * Starts engine workers for Kokoro with `config`, forwarding their status messages to `onStatus`.
 * `workerData` adds entries for test shims (the TypeScript entry to load).
 */
export function kokoroWorkerSpawner(
  script: URL | string,
  config: KokoroWorkerConfig,
  onStatus?: (status: SessionStatus) => void,
  workerData: Record<string, unknown> = {},
): SpawnWorker {
  const spawn = threadSpawner(script, { label: 'koe-kokoro', workerData: { ...workerData, kokoro: config } });
  return () => {
    const port = spawn();
    return {
      ...port,
      onMessage: (fn) =>
        port.onMessage((msg) => {
          // Status messages are not part of FromWorker's type; they are recognised by shape.
          const raw: unknown = msg;
          if (isKokoroStatusMessage(raw)) onStatus?.(raw.status);
          else fn(msg);
        }),
    };
  };
}
