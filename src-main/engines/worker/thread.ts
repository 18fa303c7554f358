// The one place that touches worker_threads on the main side. The rest of the proxy talks to a
// WorkerPort, so tests can put an in-process MessageChannel (or a misbehaving fake) behind it.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';

export interface WorkerPort {
  postMessage(msg: ToWorker): void;
  onMessage(fn: (msg: FromWorker) => void): void;
  /** An uncaught exception in the worker; an exit follows. */
  onError(fn: (error: Error) => void): void;
  onExit(fn: (code: number) => void): void;
  terminate(): Promise<void>;
  /** Whether requests are outstanding: an idle worker must not keep the process alive. */
  setBusy(busy: boolean): void;
}

export type SpawnWorker = () => WorkerPort;

/** Starts real worker threads on `script`; `workerData` is handed to each (test entries use it). */
export function threadSpawner(script: URL | string, opts: { label?: string; workerData?: unknown } = {}): SpawnWorker {
  const label = opts.label ?? 'koe-engine';
  let n = 0;
  return () => {
    const worker = new Worker(script, { name: `${label}-${++n}`, workerData: opts.workerData });
    worker.unref();
    return {
      postMessage: (msg) => worker.postMessage(msg),
      onMessage: (fn) => void worker.on('message', fn),
      onError: (fn) => void worker.on('error', fn),
      onExit: (fn) => void worker.on('exit', fn),
      terminate: async () => {
        await worker.terminate();
      },
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  };
}
