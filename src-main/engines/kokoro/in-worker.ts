// Builds the Kokoro engine inside the engine worker: settings from workerData, the production
// text path, and status changes posted to the main side (worker-link.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { g2pTextPath } from './g2p-text-path';
import { KokoroEngine } from './kokoro-engine';
import { statusMessage } from '../worker/status-link';
import { kokoroConfigFrom } from './worker-link';

export function kokoroEngineInWorker(): KokoroEngine {
  const config = kokoroConfigFrom(workerData);
  return new KokoroEngine({
    ...config,
    text: g2pTextPath(config.modelsDir, config.lexicons === undefined ? {} : { lexiconsVerified: () => config.lexicons === true }),
    onStatus: (status) => parentPort?.postMessage(statusMessage('kokoro', status)),
  });
}
