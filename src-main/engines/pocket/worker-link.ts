// The Pocket TTS engine's settings for its engine worker and its status back out, over the shared
// status link (worker/status-link.ts).
import type { SpawnWorker } from '../worker/thread';
import { configFrom, isStatusMessage, statusLinkedSpawner, type StatusMessage } from '../worker/status-link';
import type { PocketSessionStatus, SessionSettings } from './session-host';

export interface PocketWorkerConfig {
  modelsDir: string;
  /** Verified language folders, resolved on the main side; see PocketEngineOptions. */
  languages?: string[];
  /** Cloned voices' conditioning files (clone-conds.ts). */
  clonesDir?: string;
  session?: SessionSettings;
}

export type PocketStatusMessage = StatusMessage<PocketSessionStatus>;

export function isPocketStatusMessage(msg: unknown): msg is PocketStatusMessage {
  return isStatusMessage<PocketSessionStatus>('pocket', msg);
}

export function pocketConfigFrom(workerData: unknown): PocketWorkerConfig {
  return configFrom<PocketWorkerConfig>(workerData, 'pocket', 'Pocket TTS');
}

export function pocketWorkerSpawner(script: URL | string, config: PocketWorkerConfig, onStatus?: (status: PocketSessionStatus) => void, workerData: Record<string, unknown> = {}): SpawnWorker {
  return statusLinkedSpawner<PocketSessionStatus>(script, 'pocket', config, onStatus, workerData);
}
