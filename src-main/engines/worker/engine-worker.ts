// Entry of the engine worker thread (built as out/main/engine-worker.js). Inference runs here so the
// main process's event loop, which serves the WebSocket server and Electron IPC, never waits on it.
// Every engine the app can run off-thread is listed here by id; the main side picks one by id.
import { EspeakEngine } from '../espeak/espeak-engine';
import { kokoroEngineInWorker } from '../kokoro/in-worker';
import { pocketEngineInWorker } from '../pocket/in-worker';
import { hostEngines } from './host';

hostEngines({
  espeak: () => new EspeakEngine(),
  // Settings (models folder, threads, providers) come from workerData; see kokoro/worker-link.ts.
  kokoro: () => kokoroEngineInWorker(),
  // Pocket TTS (issue #4): models and clones folders from workerData; see pocket/worker-link.ts.
  pocket: () => pocketEngineInWorker(),
});
