// The main-thread proxy against in-process "workers" (test-support/engines/worker-in-process.ts): a
// MessageChannel pair with the real worker handler on the far end, so messages are cloned and buffers
// transferred exactly as between threads. Cancel latency is a bench row (bench/cancel.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import type { SynthesisRequest } from '../types';
import { WorkerEngine } from './worker-engine';
import { fakeWorkers } from '../../../test-support/engines/worker-in-process';

const req = (text: string, voice = 'a'): SynthesisRequest => ({ text, voice, speed: 1, pitch: 50 });

async function collect(it: AsyncIterable<Float32Array>, onChunk?: (i: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for await (const c of it) {
    out.push(c);
    onChunk?.(out.length);
  }
  return out;
}

const until = async (check: () => boolean): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 3000) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 2));
  }
};

let engines: WorkerEngine[] = [];
function make(threads = 1) {
  const workers = fakeWorkers();
  const engine = new WorkerEngine('tone', workers.spawn, { threads, name: 'Tones (starting)' });
  engines.push(engine);
  return { engine, ...workers };
}

afterEach(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  engines = [];
});

describe('WorkerEngine', () => {
  it('describes the engine once loaded, in every worker', async () => {
    const { engine, spawned } = make(2);
    expect(engine.id).toBe('tone');
    expect(engine.name).toBe('Tones (starting)');
    await engine.load();
    expect(engine.name).toBe('Test tones');
    expect(engine.capabilities()).toMatchObject({ streaming: true, languages: ['xx'] });
    expect(spawned).toHaveLength(2);
    expect(spawned.map((w) => w.log)).toEqual([['load'], ['load']]);
  });

  it('reports the model version the engine in the worker describes, unknown before it loads', async () => {
    const { engine } = make(1);
    expect(engine.modelVersion()).toBe('unknown');
    await engine.load();
    expect(engine.modelVersion()).toBe('tone-1');
  });

  it('lists voices once and caches them', async () => {
    const { engine, spawned } = make();
    expect(await engine.voices()).toMatchObject([{ id: 'a', name: 'Voice A' }]);
    await engine.voices();
    expect(spawned[0]!.received.filter((m) => m.type === 'voices')).toHaveLength(1);
  });

  it('streams chunks in order, intact', async () => {
    const { engine } = make();
    const chunks = await collect(engine.synthesize(req('6:1')));
    expect(chunks.map((c) => c[0])).toEqual([0, 1, 2, 3, 4, 5]);
    for (const c of chunks) {
      expect(c).toBeInstanceOf(Float32Array);
      expect(c.length).toBe(100);
      expect(c.every((x) => x === c[0])).toBe(true);
    }
  });

  it('marks the worker busy only while requests are outstanding', async () => {
    const { engine, spawned } = make();
    let busyDuring = false;
    await collect(engine.synthesize(req('3:1')), () => (busyDuring ||= spawned[0]!.busy));
    expect(busyDuring).toBe(true);
    expect(spawned[0]!.busy).toBe(false);
  });

  it('rejects with AbortError as soon as the signal aborts, and cancels the worker side', async () => {
    const { engine, spawned } = make();
    const controller = new AbortController();
    let afterAbort = 0;
    const err = await collect(engine.synthesize(req('1000:20'), controller.signal), (n) => {
      if (controller.signal.aborted) afterAbort++;
      if (n === 2) controller.abort();
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    // "As soon as", without a clock: no chunk after the abort, and the caller has its AbortError
    // before the worker has even received the cancel (a message arrives on a later turn of the event
    // loop), so it never waits on the worker. How many ms that takes is measured in the bench.
    expect(afterAbort).toBe(0);
    expect(spawned[0]!.received.some((m) => m.type === 'cancel')).toBe(false);
    await until(() => spawned[0]!.log.includes('aborted'));
    expect(spawned[0]!.received.some((m) => m.type === 'cancel')).toBe(true);
  });

  it('rejects at once for an already aborted signal without bothering a worker', async () => {
    const { engine, spawned } = make();
    const err = await collect(engine.synthesize(req('3:0'), AbortSignal.abort())).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(spawned).toHaveLength(0);
  });

  it('cancels the worker side when the consumer stops early', async () => {
    const { engine, spawned } = make();
    for await (const c of engine.synthesize(req('1000:10'))) if (c[0] === 1) break;
    await until(() => spawned[0]!.log.includes('aborted'));
  });

  it('passes engine errors through with their code', async () => {
    const { engine } = make();
    const err = await collect(engine.synthesize(req('3:0', 'bad'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect(err).toMatchObject({ code: 'not_found', message: 'Unknown voice "bad"', details: { voice: 'unknown' } });
  });

  it('fails every pending call clearly when the worker crashes, then restarts on next use', async () => {
    const { engine, spawned } = make();
    const streaming = collect(engine.synthesize(req('1000:10')), (n) => {
      if (n === 2) spawned[0]!.crash(new Error('out of memory'));
    });
    const listing = engine.voices();
    const err = await streaming.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect(err).toMatchObject({ code: 'engine', message: expect.stringMatching(/tone engine stopped unexpectedly: out of memory/) });
    // voices() raced the crash: it either answered first or failed the same way, never hangs.
    await listing.catch((e: unknown) => expect(e).toMatchObject({ code: 'engine' }));

    const again = await collect(engine.synthesize(req('2:0')));
    expect(again.map((c) => c[0])).toEqual([0, 1]);
    expect(spawned).toHaveLength(2);
  });

  it('reports the exit code when a worker exits without an error', async () => {
    const { engine, spawned } = make();
    const err = await collect(engine.synthesize(req('1000:10')), () => spawned[0]!.crash()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'engine', message: expect.stringContaining('exit code 7') });
  });

  it('runs concurrent requests on different workers', async () => {
    const { engine, spawned } = make(2);
    const [a, b] = await Promise.all([collect(engine.synthesize(req('5:5'))), collect(engine.synthesize(req('5:5')))]);
    expect(a).toHaveLength(5);
    expect(b).toHaveLength(5);
    expect(spawned).toHaveLength(2);
    expect(spawned.every((w) => w.received.some((m) => m.type === 'synthesize'))).toBe(true);
  });

  it('sends the next request to the least busy worker', async () => {
    const { engine, spawned } = make(2);
    const controller = new AbortController();
    const long = collect(engine.synthesize(req('1000:10'), controller.signal));
    await until(() => spawned.length === 1 && spawned[0]!.busy);
    await collect(engine.synthesize(req('1:0')));
    await collect(engine.synthesize(req('1:0')));
    expect(spawned).toHaveLength(2);
    expect(spawned[0]!.received.filter((m) => m.type === 'synthesize')).toHaveLength(1);
    expect(spawned[1]!.received.filter((m) => m.type === 'synthesize')).toHaveLength(2);
    controller.abort();
    await long.catch(() => {});
  });

  it('fails pending calls and refuses new ones after dispose', async () => {
    const { engine } = make();
    const streaming = collect(engine.synthesize(req('1000:10')), (n) => {
      if (n === 1) void engine.dispose();
    });
    await expect(streaming).rejects.toMatchObject({ code: 'engine', message: expect.stringContaining('shut down') });
    expect(() => engine.synthesize(req('1:0'))).toThrow(/shut down/);
  });
});
