// End to end through real worker threads: the production worker entry (core/engine-worker.ts)
// running eSpeak, and a tone-engine entry for crashes. The threads load the TypeScript source through the
// test-only hooks in test-support/, since nothing is built under vitest.
import { afterAll, describe, expect, it } from 'vitest';
import { concat, dbfs, rms } from '../../audio/pcm';
import { EspeakEngine } from '../espeak/espeak-engine';
import type { Engine, SynthesisRequest } from '../types';
import { threadSpawner } from './thread';
import { WorkerEngine } from './worker-engine';

const shim = new URL('../../../test-support/ts-worker.mjs', import.meta.url);
const spawnerFor = (entry: string) => threadSpawner(shim, { workerData: { entry: new URL(entry, import.meta.url).href } });

const espeak = new WorkerEngine('espeak', spawnerFor('../../core/engine-worker.ts'), { threads: 2 });
const tone = new WorkerEngine('tone', spawnerFor('../../../test-support/engines/worker-tone-worker.ts'), { threads: 1 });

afterAll(async () => {
  await Promise.all([espeak.dispose(), tone.dispose()]);
});

/** Runs `work` while a 5 ms timer measures the longest stall of this thread's event loop. */
async function watchEventLoop<T>(work: () => Promise<T>): Promise<{ result: T; worstGap: number }> {
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    return { result, worstGap: Math.max(worstGap, performance.now() - last) };
  } finally {
    clearInterval(ticker);
  }
}

const FOX: SynthesisRequest = { text: 'The quick brown fox jumps over the lazy dog.', voice: 'en-us', speed: 1, pitch: 50 };

describe('engine worker threads', () => {
  it('runs eSpeak off the main thread: voices, speech, and a responsive event loop', async () => {
    await espeak.load();
    expect(espeak.name).toBe('eSpeak NG (embedded)');
    const voices = await espeak.voices();
    expect(voices.length).toBeGreaterThanOrEqual(100);
    expect(voices.find((v) => v.id === 'de')).toMatchObject({ languageName: 'German', gender: 'male' });

    // The main thread's timers keep firing while the workers synthesize. Compared with the same work
    // done on the main thread, so a loaded machine (both slower) does not decide the outcome.
    const reqs: SynthesisRequest[] = [FOX, { ...FOX, voice: 'fr-fr', text: 'Bonjour, comment allez-vous ?' }, { ...FOX, speed: 2 }];
    const speakAll = (engine: Engine) =>
      Promise.all(
        reqs.map(async (req) => {
          const chunks: Float32Array[] = [];
          for await (const c of engine.synthesize(req)) chunks.push(c);
          return concat(chunks);
        }),
      );
    const { result: runs, worstGap } = await watchEventLoop(() => speakAll(espeak));
    const [fox, french, fast] = runs as [Float32Array, Float32Array, Float32Array];
    expect(fox.length / 24000).toBeGreaterThan(1.5);
    expect(fox.length / 24000).toBeLessThan(5);
    expect(dbfs(rms(fox))).toBeGreaterThan(-40);
    expect(dbfs(rms(french))).toBeGreaterThan(-40);
    expect(fast.length).toBeLessThan(fox.length * 0.75);

    const inProcess = new EspeakEngine();
    await inProcess.load();
    const reference = await watchEventLoop(() => speakAll(inProcess));
    expect(reference.worstGap).toBeGreaterThan(30); // espeak runs block the thread they run on
    expect(worstGap).toBeLessThan(reference.worstGap / 2);
  });

  it('rejects an unknown voice with not_found across the thread boundary', async () => {
    const err = await (async () => {
      for await (const _ of espeak.synthesize({ ...FOX, voice: 'xx-nowhere' }));
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'KoeError', code: 'not_found' });
  });

  // How soon the AbortError comes (target < 200 ms from the request) is measured in bench/cancel.ts.
  it('cancels across the thread: AbortError, and no audio after the abort', async () => {
    const controller = new AbortController();
    let afterAbort = 0;
    setTimeout(() => controller.abort(), 20);
    const err = await (async () => {
      for await (const _ of espeak.synthesize({ ...FOX, text: FOX.text.repeat(30) }, controller.signal)) if (controller.signal.aborted) afterAbort++;
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(afterAbort).toBe(0);
  });

  it.each([
    ['exits', 'exit', /stopped unexpectedly \(exit code 3\)/],
    ['throws an uncaught exception', 'throw', /stopped unexpectedly: uncaught boom/],
  ])('fails the request clearly when the worker %s, then restarts', async (_, voice, message) => {
    const got: number[] = [];
    const err = await (async () => {
      for await (const c of tone.synthesize({ text: '1000:5', voice, speed: 1, pitch: 50 })) got.push(c[0]!);
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'engine', message: expect.stringMatching(message) });
    expect(got[0]).toBe(0);

    const again: number[] = [];
    for await (const c of tone.synthesize({ text: '3:0', voice: 'a', speed: 1, pitch: 50 })) again.push(c[0]!);
    expect(again).toEqual([0, 1, 2]);
  });
});
