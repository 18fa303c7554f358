// The child-process side of an engine host: the same protocol handler a worker thread runs, wired to
// the process's IPC channel. The child ends when its parent goes away, so an app that crashed or was
// killed leaves no engine processes behind.
import { createWorkerHandler, type EngineFactories } from './handler';
import type { ToWorker } from './protocol';

export function hostEnginesInProcess(factories: EngineFactories): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('The engine process must be started with an IPC channel (child_process.fork).');
  const handler = createWorkerHandler(factories, (msg) => {
    if (process.connected) send(msg);
  });
  process.on('message', (msg) => handler.handle(msg as ToWorker));
  process.on('disconnect', () => {
    void handler.dispose().finally(() => process.exit(0));
  });
}
