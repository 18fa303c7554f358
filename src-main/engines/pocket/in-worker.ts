// Builds the Pocket TTS engine inside the engine worker: settings from workerData, status changes
// posted to the main side (worker-link.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { PocketEngine } from './pocket-engine';
import { pocketConfigFrom, type PocketStatusMessage } from './worker-link';

export function pocketEngineInWorker(): PocketEngine {
  const config = pocketConfigFrom(workerData);
  return new PocketEngine({
    ...config,
    onStatus: (status) => parentPort?.postMessage({ type: 'pocket-status', id: 0, status } satisfies PocketStatusMessage),
  });
}
