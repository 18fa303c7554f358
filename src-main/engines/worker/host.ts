// Connects the worker-side protocol handler to the thread's parentPort. Separate from the entry so
// the entry only lists engines, and test workers can host stand-in engines the same way.
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler, type EngineFactories } from './handler';
import type { ToWorker } from './protocol';

export function hostEngines(factories: EngineFactories): void {
  const port = parentPort;
  if (!port) throw new Error('The engine host must run inside a worker thread.');
  const handler = createWorkerHandler(factories, (msg, transfer) => port.postMessage(msg, transfer));
  port.on('message', (msg: ToWorker) => handler.handle(msg));
}
