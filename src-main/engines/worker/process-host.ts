// The child-process side of an engine host: the same protocol handler a worker thread runs, wired to
// the process's IPC channel. The child ends when its parent goes away, so an app that crashed or was
// killed leaves no engine processes behind.
import { createWorkerHandler, type EngineFactories } from './handler';
import type { ToWorker } from './protocol';

/** Electron's utility process: messages come as events on process.parentPort. */
interface ParentPort {
  postMessage(msg: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
}

export function hostEnginesInProcess(factories: EngineFactories): void {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    // The packaged desktop app (see electron/utility-process.ts); Electron ends the child with the app.
    const handler = createWorkerHandler(factories, (msg) => parentPort.postMessage(msg));
    parentPort.on('message', (e) => handler.handle(e.data as ToWorker));
    return;
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The engine process must be started with an IPC channel (child_process.fork or an Electron utility process).');
  const handler = createWorkerHandler(factories, (msg) => {
    if (process.connected) send(msg);
  });
  process.on('message', (msg) => handler.handle(msg as ToWorker));
  process.on('disconnect', () => {
    void handler.dispose().finally(() => process.exit(0));
  });
}
