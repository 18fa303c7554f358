// The channel's defences for an engine that may crash its worker (Flite in a child process): a fresh
// worker every N syntheses, one retry of a synthesis a crash cut off (without repeating audio the
// caller already has), and one crash report per crash. Against in-process stand-in workers that a
// test can crash at a chosen chunk.
import { afterEach, describe, expect, it } from 'vitest';
import type { SynthesisRequest } from '../types';
import type { ChannelOptions } from './channel';
import { WorkerEngine } from './worker-engine';
import { fakeWorkers } from '../../../test-support/engines/worker-in-process';

const req = (text: string): SynthesisRequest => ({ text, voice: 'a', speed: 1, pitch: 50 });

let engines: WorkerEngine[] = [];
function make(channel: ChannelOptions) {
  const crashes: string[] = [];
  const workers = fakeWorkers();
  const terminated: number[] = [];
  const spawn = () => {
    const w = workers.spawn();
    const n = workers.spawned.length - 1;
    const terminate = w.terminate;
    w.terminate = async () => {
      terminated.push(n);
      await terminate();
    };
    return w;
  };
  const engine = new WorkerEngine('tone', spawn, { threads: 1, channel: { ...channel, onCrash: (e) => crashes.push(e.message) } });
  engines.push(engine);
  return { engine, crashes, terminated, spawned: workers.spawned };
}

/** Every sample of the stream, and a hook after each chunk the caller receives. */
async function samples(it: AsyncIterable<Float32Array>, onChunk?: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  let i = 0;
  for await (const c of it) {
    out.push(...c);
    onChunk?.(++i);
  }
  return out;
}

/** The tone engine's chunk k is 100 samples of value k. */
const tones = (n: number): number[] => Array.from({ length: n }, (_, k) => new Array<number>(100).fill(k)).flat();

afterEach(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  engines = [];
});

describe('WorkerChannel crash recovery', () => {
  it('runs a synthesis cut off by a crash once more on a fresh worker, with no sample twice or missing', async () => {
    const { engine, crashes, spawned } = make({ retryOnCrash: true });
    const got = await samples(engine.synthesize(req('6:5')), (i) => {
      if (i === 2) spawned[0]!.crash(new Error('killed by SIGSEGV'));
    });
    expect(got).toEqual(tones(6));
    expect(spawned).toHaveLength(2);
    expect(crashes).toEqual([expect.stringContaining('killed by SIGSEGV')]);
  });

  it('retries only once: a second crash reaches the caller, and the next request still works', async () => {
    const { engine, crashes, spawned } = make({ retryOnCrash: true });
    const err = await samples(engine.synthesize(req('6:5')), () => spawned.at(-1)!.crash(new Error('killed by SIGKILL'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'engine', message: expect.stringContaining('stopped unexpectedly: killed by SIGKILL') });
    expect(crashes).toHaveLength(2);
    expect(await samples(engine.synthesize(req('3:0')))).toEqual(tones(3));
  });

  it('does not retry without the option, nor a cancelled request', async () => {
    const plain = make({});
    const err = await samples(plain.engine.synthesize(req('6:5')), () => plain.spawned[0]!.crash()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'engine' });
    expect(plain.spawned).toHaveLength(1);

    const { engine, spawned } = make({ retryOnCrash: true });
    const ac = new AbortController();
    const aborted = await samples(engine.synthesize(req('6:5'), ac.signal), () => {
      ac.abort();
      spawned[0]!.crash();
    }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: 'AbortError' });
    expect(spawned).toHaveLength(1);
  });

  it('starts a fresh worker every N syntheses, ahead of need, and ends the old one once idle', async () => {
    const { engine, spawned, terminated } = make({ recycleAfter: 2 });
    for (let k = 0; k < 2; k++) expect(await samples(engine.synthesize(req('2:0')))).toEqual(tones(2));
    // The successor was started as the first worker took its second request, and waits idle.
    expect(spawned).toHaveLength(2);
    expect(spawned[1]!.busy).toBe(false);
    for (let k = 0; k < 3; k++) expect(await samples(engine.synthesize(req('2:0')))).toEqual(tones(2));
    expect(spawned.map((w) => w.received.filter((m) => m.type === 'synthesize').length)).toEqual([2, 2, 1]);
    expect(terminated).toEqual([0, 1]);
  });

  it('lets a retired worker finish what it runs; its crash fails only its own requests', async () => {
    const { engine, spawned, crashes } = make({ recycleAfter: 1 });
    const first = samples(engine.synthesize(req('50:5'))).catch((e: unknown) => e);
    // The first worker is retired the moment it takes its request; the next one goes to a fresh worker.
    const second = samples(engine.synthesize(req('3:0')));
    expect(await second).toEqual(tones(3));
    expect(spawned).toHaveLength(3);
    spawned[0]!.crash(new Error('killed by SIGSEGV'));
    expect(await first).toMatchObject({ code: 'engine', message: expect.stringContaining('SIGSEGV') });
    expect(crashes).toHaveLength(1);
    expect(await samples(engine.synthesize(req('2:0')))).toEqual(tones(2));
  });
});
