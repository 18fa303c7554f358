// In-process stand-ins for engine worker threads: a MessageChannel pair with the real worker handler
// on the far end, so messages are cloned and buffers transferred exactly as between threads, while
// a test can watch what each "worker" received and logged, and crash it at will. Shared by the
// proxy's unit tests and the bench's cancel latency, so both measure the same path.
import { MessageChannel } from 'node:worker_threads';
import { createWorkerHandler } from '../../src-main/engines/worker/handler';
import type { FromWorker, ToWorker } from '../../src-main/engines/worker/protocol';
import type { WorkerPort } from '../../src-main/engines/worker/thread';
import { toneEngine } from './worker-fake-engines';

export interface FakeWorker extends WorkerPort {
  log: string[];
  received: ToWorker[];
  busy: boolean;
  crash(error?: Error): void;
}

/** A spawner for WorkerEngine whose workers host the tone engine in this thread. */
export function fakeWorkers() {
  const spawned: FakeWorker[] = [];
  const spawn = (): FakeWorker => {
    const { port1, port2 } = new MessageChannel();
    const log: string[] = [];
    const handler = createWorkerHandler({ tone: () => toneEngine(log) }, (msg, transfer) => port2.postMessage(msg, transfer));
    const received: ToWorker[] = [];
    port2.on('message', (msg: ToWorker) => {
      received.push(msg);
      handler.handle(msg);
    });
    const errorFns: ((e: Error) => void)[] = [];
    const exitFns: ((code: number) => void)[] = [];
    let alive = true;
    const die = (code: number, error?: Error): void => {
      if (!alive) return;
      alive = false;
      port1.close();
      port2.close();
      void handler.dispose();
      setImmediate(() => {
        if (error) for (const fn of errorFns) fn(error);
        for (const fn of exitFns) fn(code);
      });
    };
    const w: FakeWorker = {
      log,
      received,
      busy: false,
      postMessage: (msg) => port1.postMessage(msg),
      onMessage: (fn) => void port1.on('message', fn as (m: FromWorker) => void),
      onError: (fn) => void errorFns.push(fn),
      onExit: (fn) => void exitFns.push(fn),
      terminate: async () => die(1),
      setBusy: (busy) => {
        w.busy = busy;
      },
      crash: (error) => die(error ? 1 : 7, error),
    };
    spawned.push(w);
    return w;
  };
  return { spawn, spawned };
}
