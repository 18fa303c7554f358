// Builds the Pocket TTS engine inside the engine worker: settings from workerData, status changes
// posted to the main side (worker-link.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { PocketEngine } from './pocket-engine';
import { statusMessage } from '../worker/status-link';
import { pocketConfigFrom } from './worker-link';

export function pocketEngineInWorker(): PocketEngine {
  const config = pocketConfigFrom(workerData);
  return new PocketEngine({
    ...config,
    onStatus: (status) => parentPort?.postMessage(statusMessage('pocket', status)),
  });
}
