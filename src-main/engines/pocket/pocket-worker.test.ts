// Pocket TTS through the production engine worker entry (core/engine-worker.ts) in a real worker
// thread, and the voice encoder in its own worker: settings in, frames and status out, a clone's
// conditioning read from its file, cancellation, and errors crossing the thread boundary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../audio/pcm';
import { WorkerEngine } from '../worker/worker-engine';
import type { SynthesisRequest } from '../types';
import { writeCond } from './clone-conds';
import { InProcessEncoder, WorkerEncoder } from './encoder';
import type { PocketSessionStatus } from './session-host';
import { pocketFixtures, POCKET_FIXTURE_DIMS } from '../../../test-support/engines/pocket-fixtures';
import { pocketWorkerSpawner } from './worker-link';

const shim = new URL('../../../test-support/ts-worker.mjs', import.meta.url);
const entry = new URL('../../core/engine-worker.ts', import.meta.url).href;

let pocket: WorkerEngine;
let clonesDir: string;
let fx: ReturnType<typeof pocketFixtures>;
const statuses: PocketSessionStatus[] = [];

beforeAll(() => {
  fx = pocketFixtures();
  clonesDir = mkdtempSync(join(tmpdir(), 'koe-pocket-worker-'));
  const spawn = pocketWorkerSpawner(shim, { modelsDir: fx.modelsDir, clonesDir, session: { intraOpNumThreads: 1 } }, (s) => statuses.push(s), { entry });
  pocket = new WorkerEngine('pocket', spawn, { threads: 1 });
});
afterAll(async () => {
  await pocket.dispose();
  rmSync(clonesDir, { recursive: true, force: true });
});

const HELLO: SynthesisRequest = { text: 'Hello world. This is Pocket TTS, speaking from a worker thread.', voice: 'en-alba', speed: 1, pitch: 50 };

async function speak(req: SynthesisRequest, signal?: AbortSignal): Promise<Float32Array[]> {
  const chunks: Float32Array[] = [];
  for await (const c of pocket.synthesize(req, signal)) chunks.push(c);
  return chunks;
}

const recording = (freq: number) => Float32Array.from({ length: 24_000 * 4 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * freq * i) / 24_000));

describe('Pocket TTS in the engine worker', () => {
  it('loads, describes itself, lists presets and streams 80 ms frames', async () => {
    await pocket.load();
    expect(pocket.name).toBe('Pocket TTS');
    expect(pocket.capabilities()).toMatchObject({ cloning: true, languages: ['en'] });
    expect((await pocket.voices()).map((v) => v.id)).toEqual(['en-alba', 'en-marius']);
    const chunks = await speak(HELLO);
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.every((c) => c.length === POCKET_FIXTURE_DIMS.frame_size)).toBe(true);
    expect(statuses.some((s) => s.state === 'ready' && s.provider === 'cpu' && s.threads === 1)).toBe(true);
  });

  it('speaks a clone from its conditioning file, made by the encoder in its own worker', async () => {
    const enc = new WorkerEncoder({ modelsDir: fx.modelsDir, threads: 1 }, 0);
    const fromWorker = await enc.encode(recording(600));
    await enc.dispose();
    // The same graph in this thread gives the same conditioning.
    const local = new InProcessEncoder({ modelsDir: fx.modelsDir, threads: 1 });
    const fromHere = await local.encode(recording(600));
    await local.dispose();
    expect(Array.from(fromWorker.data)).toEqual(Array.from(fromHere.data));
    expect(fromWorker.encoderVersion).toMatch(/^pocket-en:/);

    await writeCond(clonesDir, 'feed01', { language: 'en', rows: fromWorker.rows, dim: fromWorker.dim, encoderVersion: fromWorker.encoderVersion }, fromWorker.data);
    const clone = concat(await speak({ ...HELLO, voice: 'clone-feed01' }));
    const alba = concat(await speak(HELLO));
    expect(clone.length).toBe(alba.length);
    expect(Array.from(clone)).not.toEqual(Array.from(alba));
  });

  it('cancels promptly and is free again at once; errors keep their code across the thread', async () => {
    const controller = new AbortController();
    const got: Float32Array[] = [];
    const err = await (async () => {
      for await (const c of pocket.synthesize({ ...HELLO, text: `${HELLO.text} `.repeat(10) }, controller.signal)) {
        got.push(c);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got.length).toBeLessThanOrEqual(2);
    expect(concat(await speak({ ...HELLO, text: 'Again.' })).length).toBeGreaterThan(0);
    await expect(speak({ ...HELLO, voice: 'clone-nothere' })).rejects.toMatchObject({ name: 'KoeError', code: 'not_found' });
  });
});
