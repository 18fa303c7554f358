// The main thread's event loop while Kokoro works off it, for `npm run bench`: the longest gap
// between ticks of a short timer while the engine worker speaks a sentence (fixture model, real
// G2P), and while the model manager checks two models. Target < 100 ms each: the UI and the
// server keep answering. These bounds were in kokoro-worker.test.ts and verify.test.ts, where a
// busy machine could fail them; the tests now check that ONNX Runtime never loads on this thread.
import { verifyKokoroModel } from '../src-main/engines/kokoro/verify';
import { kokoroWorkerSpawner } from '../src-main/engines/kokoro/worker-link';
import { WorkerEngine } from '../src-main/engines/worker/worker-engine';
import { kokoroFixtures } from '../test-support/engines/kokoro-fixtures';
import type { BenchRow } from './serve';

const TARGET_MS = 100;

/** Runs `work` while an `everyMs` timer records this thread's longest stall. */
async function worstGap(work: () => Promise<unknown>, everyMs: number): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, everyMs);
  try {
    await work();
    return Math.max(worst, performance.now() - last);
  } finally {
    clearInterval(ticker);
  }
}

function row(name: string, ms: number): BenchRow {
  return { name, value: Math.round(ms * 10) / 10, unit: 'ms', target: `< ${TARGET_MS}`, pass: ms < TARGET_MS };
}

export async function benchEventLoop(): Promise<BenchRow[]> {
  const fx = kokoroFixtures();
  // The production worker entry, loaded as TypeScript through the test-only hooks (as the tests do).
  const shim = new URL('../test-support/ts-worker.mjs', import.meta.url);
  const entry = new URL('../src-main/core/engine-worker.ts', import.meta.url).href;
  const kokoro = new WorkerEngine('kokoro', kokoroWorkerSpawner(shim, { modelsDir: fx.modelsDir, session: { providers: ['cpu'], intraOpNumThreads: 1 } }, undefined, { entry }), { threads: 1 });
  let speaking: number;
  try {
    await kokoro.load();
    await kokoro.voices();
    const req = { text: 'Hello world. This is Kokoro, speaking from a worker thread.', voice: 'af_heart', speed: 1, pitch: 50 };
    // The first sentence after loading, as in the unit test it came from: the worker's G2P is cold.
    speaking = await worstGap(async () => {
      for await (const _ of kokoro.synthesize(req));
    }, 5);
  } finally {
    await kokoro.dispose();
  }
  const checking = await worstGap(() => Promise.all([verifyKokoroModel(fx.model), verifyKokoroModel(fx.tokensModel)]), 2);
  return [
    row('main-thread event-loop worst gap: Kokoro speaks a sentence in its worker (fixture model)', speaking),
    row('main-thread event-loop worst gap: two Kokoro models checked at once', checking),
  ];
}
