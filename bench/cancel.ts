// Cancel latency, for `npm run bench`: how soon a stopped render stops, on the three paths a cancel
// takes. The eSpeak engine in this thread (abort → AbortError, target < 50 ms); the worker proxy
// over an in-process port (abort → AbortError, < 50 ms); eSpeak in a real worker thread (a request
// aborted 20 ms in, request → AbortError, < 200 ms). These bounds were in the engines' unit tests,
// where a busy machine could fail them; the tests keep checking that the cancel stops the stream.
import { EspeakEngine } from '../src-main/engines/espeak/espeak-engine';
import type { Engine, SynthesisRequest } from '../src-main/engines/types';
import { threadSpawner } from '../src-main/engines/worker/thread';
import { WorkerEngine } from '../src-main/engines/worker/worker-engine';
import { fakeWorkers } from '../test-support/engines/worker-in-process';
import type { BenchRow } from './serve';

const RUNS = 5;
const FOX: SynthesisRequest = { text: 'The quick brown fox jumps over the lazy dog.', voice: 'en-us', speed: 1, pitch: 50 };

/** Drains `stream`, calling `onChunk` with the chunk count; resolves with the error it ended with. */
async function drain(stream: AsyncIterable<Float32Array>, onChunk: (n: number) => void = () => {}): Promise<unknown> {
  let n = 0;
  try {
    for await (const _ of stream) onChunk(++n);
  } catch (e) {
    return e;
  }
  return null;
}

function expectAbort(err: unknown, what: string): void {
  if ((err as Error | null)?.name !== 'AbortError') throw new Error(`${what}: the stream did not end with AbortError (${String(err)})`);
}

/** Abort from a timer once the first chunk is out, as a client's cancel would; ms from abort to the AbortError. */
async function espeakInProcess(engine: Engine): Promise<number> {
  const controller = new AbortController();
  let abortedAt = 0;
  const err = await drain(engine.synthesize({ ...FOX, text: FOX.text.repeat(20) }, controller.signal), (n) => {
    if (n === 1)
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 1);
  });
  expectAbort(err, 'eSpeak in-process');
  return performance.now() - abortedAt;
}

/** Abort at the second chunk of a slow tone stream; ms from abort to the AbortError. */
async function proxyInProcess(engine: WorkerEngine): Promise<number> {
  const controller = new AbortController();
  let abortedAt = 0;
  const err = await drain(engine.synthesize({ text: '1000:20', voice: 'a', speed: 1, pitch: 50 }, controller.signal), (n) => {
    if (n === 2) {
      abortedAt = performance.now();
      controller.abort();
    }
  });
  expectAbort(err, 'worker proxy');
  return performance.now() - abortedAt;
}

/** A long request aborted 20 ms in; ms from the request to the AbortError. */
async function espeakInThread(engine: WorkerEngine): Promise<number> {
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(), 20);
  const err = await drain(engine.synthesize({ ...FOX, text: FOX.text.repeat(30) }, controller.signal));
  expectAbort(err, 'eSpeak in a worker thread');
  return performance.now() - started;
}

async function worstOf(run: () => Promise<number>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await run());
  return Math.max(...ms);
}

function row(name: string, ms: number, target: number): BenchRow {
  return { name: `${name} (worst of ${RUNS})`, value: Math.round(ms * 10) / 10, unit: 'ms', target: `< ${target}`, pass: ms < target };
}

export async function benchCancel(): Promise<BenchRow[]> {
  const espeak = new EspeakEngine();
  await espeak.load();
  const inProcess = await worstOf(() => espeakInProcess(espeak));

  const { spawn } = fakeWorkers();
  const proxy = new WorkerEngine('tone', spawn, { threads: 1 });
  const viaProxy = await worstOf(() => proxyInProcess(proxy)).finally(() => proxy.dispose());

  // The production worker entry, loaded as TypeScript through the test-only hooks (as the tests do).
  const shim = new URL('../test-support/ts-worker.mjs', import.meta.url);
  const entry = new URL('../src-main/core/engine-worker.ts', import.meta.url).href;
  const threaded = new WorkerEngine('espeak', threadSpawner(shim, { workerData: { entry } }), { threads: 1 });
  let inThread: number;
  try {
    await threaded.load();
    inThread = await worstOf(() => espeakInThread(threaded));
  } finally {
    await threaded.dispose();
  }
  return [
    row('cancel: eSpeak engine in-process, abort → AbortError', inProcess, 50),
    row('cancel: worker proxy over an in-process port, abort → AbortError', viaProxy, 50),
    row('cancel: eSpeak in a worker thread, request aborted at 20 ms → AbortError', inThread, 200),
  ];
}
