// Entry of the engine worker thread (built as out/main/engine-worker.js). Inference runs here so the
// main process's event loop, which serves the WebSocket server and Electron IPC, never waits on it.
// Every engine the app can run off-thread is listed here by id; the main side picks one by id.
// Choosing the engines is wiring, so the entry lives with the core: the worker host
// (engines/worker/) stays free of any particular engine, and engines never import each other.
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { kokoroEngineInWorker } from '../engines/kokoro/in-worker';
import { pocketEngineInWorker } from '../engines/pocket/in-worker';
import { hostEngines } from '../engines/worker/host';

hostEngines({
  espeak: () => new EspeakEngine(),
  // Settings (models folder, threads, providers) come from workerData; see kokoro/worker-link.ts.
  kokoro: () => kokoroEngineInWorker(),
  // Models and clones folders come from workerData; see pocket/worker-link.ts.
  pocket: () => pocketEngineInWorker(),
});
