// The Kokoro engine's settings for its engine worker and its status back out, over the shared
// status link (worker/status-link.ts).
import type { SpawnWorker } from '../worker/thread';
import { configFrom, isStatusMessage, statusLinkedSpawner, type StatusMessage } from '../worker/status-link';
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

export type KokoroStatusMessage = StatusMessage<SessionStatus>;

export function isKokoroStatusMessage(msg: unknown): msg is KokoroStatusMessage {
  return isStatusMessage<SessionStatus>('kokoro', msg);
}

/** Reads and checks the config the main side put in workerData. */
export function kokoroConfigFrom(workerData: unknown): KokoroWorkerConfig {
  return configFrom<KokoroWorkerConfig>(workerData, 'kokoro', 'Kokoro');
}

/**
 * Starts engine workers for Kokoro with `config`, forwarding their status messages to `onStatus`.
 * `workerData` adds entries for test shims (the TypeScript entry to load).
 */
export function kokoroWorkerSpawner(script: URL | string, config: KokoroWorkerConfig, onStatus?: (status: SessionStatus) => void, workerData: Record<string, unknown> = {}): SpawnWorker {
  return statusLinkedSpawner<SessionStatus>(script, 'kokoro', config, onStatus, workerData);
}
