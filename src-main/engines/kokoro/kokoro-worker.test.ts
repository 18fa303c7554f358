// Kokoro through the production engine worker entry (core/engine-worker.ts) in real worker threads,
// with the real G2P (espeak-ng in the worker) and the fixture model: settings in, audio and status
// out, cancellation, and errors crossing the thread boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../audio/pcm';
import { WorkerEngine } from '../worker/worker-engine';
import type { SynthesisRequest } from '../types';
import type { SessionStatus } from './session-host';
import { cudaProviderInstalled } from '../onnx/providers';
import { fixtureSamples, kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { kokoroWorkerSpawner } from './worker-link';
import { onnxRuntimeInThisThread } from '../../../test-support/engines/onnx-in-this-thread';

const shim = new URL('../../../test-support/ts-worker.mjs', import.meta.url);
const entry = new URL('../../core/engine-worker.ts', import.meta.url).href;

let kokoro: WorkerEngine;
const statuses: SessionStatus[] = [];
const waiters: { pred: (s: SessionStatus) => boolean; resolve: (s: SessionStatus) => void }[] = [];
const nextStatus = (pred: (s: SessionStatus) => boolean): Promise<SessionStatus> => {
  const seen = statuses.find(pred);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
};

beforeAll(() => {
  const fx = kokoroFixtures();
  // CUDA first when its provider is absent: the fall back to CPU must be reported from the worker.
  const providers = cudaProviderInstalled() ? [] : ['cuda'];
  const spawn = kokoroWorkerSpawner(shim, { modelsDir: fx.modelsDir, session: { providers, intraOpNumThreads: 1 } }, (s) => {
    statuses.push(s);
    for (const w of waiters.splice(0)) {
      if (w.pred(s)) w.resolve(s);
      else waiters.push(w);
    }
  }, { entry });
  kokoro = new WorkerEngine('kokoro', spawn, { threads: 1 });
});
afterAll(async () => {
  await kokoro.dispose();
});

const HELLO: SynthesisRequest = { text: 'Hello world. This is Kokoro, speaking from a worker thread.', voice: 'af_heart', speed: 1, pitch: 50 };

async function speak(req: SynthesisRequest, signal?: AbortSignal): Promise<Float32Array[]> {
  const chunks: Float32Array[] = [];
  for await (const c of kokoro.synthesize(req, signal)) chunks.push(c);
  return chunks;
}

describe('Kokoro in the engine worker', () => {
  // The main thread's longest event-loop stall meanwhile (target < 100 ms) is measured in
  // bench/event-loop.ts; here, that the model never runs in this thread at all.
  it('loads, lists its voices and speaks English through the real G2P, never loading ONNX Runtime in the main thread', async () => {
    expect(onnxRuntimeInThisThread()).toEqual([]);
    await kokoro.load();
    expect(kokoro.name).toBe('Kokoro-82M');
    expect(kokoro.capabilities().languages).toContain('en-us');
    const voices = await kokoro.voices();
    expect(voices).toHaveLength(54);
    const pcm = concat(await speak(HELLO));
    // Roughly 45 phonemes → about 27,000 samples; trims and joins change it only a little.
    expect(pcm.length).toBeGreaterThan(fixtureSamples(25));
    expect(pcm.length).toBeLessThan(fixtureSamples(90) + 24_000);
    expect(onnxRuntimeInThisThread()).toEqual([]);
  });

  it('reports the provider it runs on, and the fall back from CUDA once, through the status messages', async () => {
    const ready = await nextStatus((s) => s.state === 'ready');
    expect(ready.provider).toBe('cpu');
    expect(ready.threads).toBe(1);
    if (!cudaProviderInstalled()) expect(ready.fallbackReason).toMatch(/^CUDA could not load the model/);
  });

  it('speaks another espeak language, and Japanese and Mandarin with their analyzers loaded in the worker', { timeout: 120_000 }, async () => {
    expect(concat(await speak({ ...HELLO, voice: 'ef_dora', text: '¿Qué tal? Muy bien, gracias.' })).length).toBeGreaterThan(fixtureSamples(10));
    // こんにちは → koɲɲiʨiβa (9 symbols); 你好 → ni↓xau↓ (7).
    expect(concat(await speak({ ...HELLO, voice: 'jf_alpha', text: 'こんにちは' })).length).toBeGreaterThan(fixtureSamples(5));
    expect(concat(await speak({ ...HELLO, voice: 'zf_xiaobei', text: '你好' })).length).toBeGreaterThan(fixtureSamples(4));
    await expect(speak({ ...HELLO, voice: 'xx_nobody' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('cancels promptly mid-stream', async () => {
    const controller = new AbortController();
    const got: Float32Array[] = [];
    const err = await (async () => {
      for await (const c of kokoro.synthesize({ ...HELLO, text: `${HELLO.text} `.repeat(20) }, controller.signal)) {
        got.push(c);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got).toHaveLength(1);
    // The worker is free again at once.
    expect(concat(await speak({ ...HELLO, text: 'Again.' })).length).toBeGreaterThan(0);
  });
});
