// How the Pocket TTS engine gets its settings into the engine worker and its status back out, the
// same way Kokoro's does (kokoro/worker-link.ts): settings in workerData, status changes pushed on
// id-0 messages that the spawner takes off the port before the engine proxy sees them.
import type { SpawnWorker } from '../worker/thread';
import { threadSpawner } from '../worker/thread';
import type { PocketSessionStatus, SessionSettings } from './session-host';

export interface PocketWorkerConfig {
  modelsDir: string;
  /** Verified language folders, resolved on the main side; see PocketEngineOptions. */
  languages?: string[];
  /** Cloned voices' conditioning files (clone-conds.ts). */
  clonesDir?: string;
  session?: SessionSettings;
}

export interface PocketStatusMessage {
  type: 'pocket-status';
  id: 0;
  status: PocketSessionStatus;
}

export function isPocketStatusMessage(msg: unknown): msg is PocketStatusMessage {
  return !!msg && typeof msg === 'object' && (msg as { type?: unknown }).type === 'pocket-status' && (msg as { id?: unknown }).id === 0;
}

export function pocketConfigFrom(workerData: unknown): PocketWorkerConfig {
  const cfg = (workerData as { pocket?: Partial<PocketWorkerConfig> } | null | undefined)?.pocket;
  if (!cfg || typeof cfg.modelsDir !== 'string' || !cfg.modelsDir) {
    throw new Error('The Pocket TTS engine worker was started without a models folder (workerData.pocket.modelsDir).');
  }
  return cfg as PocketWorkerConfig;
}

export function pocketWorkerSpawner(script: URL | string, config: PocketWorkerConfig, onStatus?: (status: PocketSessionStatus) => void, workerData: Record<string, unknown> = {}): SpawnWorker {
  const spawn = threadSpawner(script, { label: 'koe-pocket', workerData: { ...workerData, pocket: config } });
  return () => {
    const port = spawn();
    return {
      ...port,
      onMessage: (fn) =>
        port.onMessage((msg) => {
          const raw: unknown = msg;
          if (isPocketStatusMessage(raw)) onStatus?.(raw.status);
          else fn(msg);
        }),
    };
  };
}
