import { beforeAll, describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { cudaProviderInstalled, defaultIntraOpThreads } from '../onnx/providers';
import { SessionHost, type SessionSettings, type SessionStatus } from './session-host';
import { fakeRuntime, type FakeRuntimeOptions } from '../../../test-support/engines/onnx-fake-providers';
import { fixtureSamples, kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';

let fx: ReturnType<typeof kokoroFixtures>;
beforeAll(() => {
  fx = kokoroFixtures();
});

const IDS = Array.from({ length: 10 }, (_, i) => 43 + i);
const STYLE = new Float32Array(256).fill(0.05);

async function hostFor(path: string, settings: SessionSettings = {}, runtime: FakeRuntimeOptions = {}) {
  const rt = await fakeRuntime(runtime);
  const statuses: SessionStatus[] = [];
  const waiters: { pred: (s: SessionStatus) => boolean; resolve: () => void }[] = [];
  let model = path;
  const onStatus = (s: SessionStatus): void => {
    statuses.push(s);
    for (const w of waiters.splice(0)) {
      if (w.pred(s)) w.resolve();
      else waiters.push(w);
    }
  };
  const host = new SessionHost(() => model, { idleUnloadMs: 0, ...settings }, { runtime: async () => rt, onStatus });
  /** Resolves at the next status change that matches (an event, not a timer). */
  const nextStatus = (pred: (s: SessionStatus) => boolean): Promise<void> => new Promise((resolve) => waiters.push({ pred, resolve }));
  return { host, rt, statuses, nextStatus, setPath: (p: string) => (model = p) };
}

describe('session host: the two graph families and both speed types', () => {
  it('loads the onnx-community layout (input_ids, float speed → waveform) and follows tokens and speed', async () => {
    const { host } = await hostFor(fx.model);
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10, 1));
    expect((await host.run(IDS, STYLE, 2)).length).toBe(fixtureSamples(10, 2));
    expect((await host.run(IDS, STYLE, 0.5)).length).toBe(fixtureSamples(10, 0.5));
    expect((await host.run(IDS, STYLE, 1.3)).length).toBe(fixtureSamples(10, 1.3));
    expect((await host.run(IDS.slice(0, 3), STYLE, 1)).length).toBe(fixtureSamples(3, 1));
    expect(host.status()).toMatchObject({ state: 'ready', provider: 'cpu', fallbackReason: null, io: { tokenInput: 'input_ids', speedType: 'float32', audioOutput: 'waveform' } });
    await host.dispose();
  });

  it('loads the kokoro-onnx layout (tokens in, audio out)', async () => {
    const { host, rt } = await hostFor(fx.tokensModel);
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    expect(host.status().io).toMatchObject({ tokenInput: 'tokens', audioOutput: 'audio', speedType: 'float32' });
    // Pads on both sides: [0, ids…, 0].
    const fed = rt.runs.at(-1)!.feeds.tokens!;
    expect(fed.dims).toEqual([1, 12]);
    expect([...(fed.data as BigInt64Array)].map(Number)).toEqual([0, ...IDS, 0]);
    await host.dispose();
  });

  it('sends an int32 speed to a graph that declares one, rounded to 1 or 2', async () => {
    const { host, rt } = await hostFor(fx.int32SpeedModel);
    expect((await host.run(IDS, STYLE, 1.4)).length).toBe(fixtureSamples(10, 1));
    expect((await host.run(IDS, STYLE, 1.6)).length).toBe(fixtureSamples(10, 2));
    expect((await host.run(IDS, STYLE, 0.5)).length).toBe(fixtureSamples(10, 1));
    expect(rt.runs.at(-1)!.feeds.speed).toMatchObject({ type: 'int32' });
    await host.dispose();
  });

  it('finds the speed type by trying when the runtime reports no input types', async () => {
    for (const [path, type] of [[fx.int32SpeedModel, 'int32'], [fx.model, 'float32']] as const) {
      const { host, rt } = await hostFor(path, { warmUp: false }, { hideMetadata: true });
      expect((await host.run(IDS, STYLE, 2)).length).toBe(fixtureSamples(10, 2));
      expect(rt.runs.at(-1)!.feeds.speed).toMatchObject({ type });
      await host.dispose();
    }
  });
});

describe('session host: bad models', () => {
  it('refuses a graph with the wrong inputs, naming them, and keeps the previous session serving', async () => {
    const { host } = await hostFor(fx.model);
    await host.run(IDS, STYLE, 1);
    const err = await host.switchModel(fx.wrongInputsModel).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect(err).toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/wrong-inputs\.onnx is not a Kokoro model: it has no input_ids or tokens input\. Its inputs are pixels/) });
    expect(host.status()).toMatchObject({ state: 'ready', modelPath: fx.model });
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    await host.dispose();
  });

  it('refuses a file that is not ONNX, and keeps the previous session serving', async () => {
    const { host } = await hostFor(fx.model);
    await host.run(IDS, STYLE, 1);
    await expect(host.switchModel(fx.notOnnx)).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/not-onnx\.onnx is not an ONNX model/) });
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    // …and a good model switches in.
    expect(await host.switchModel(fx.tokensModel)).toMatchObject({ tokenInput: 'tokens' });
    expect(host.status().modelPath).toBe(fx.tokensModel);
    await host.dispose();
  });

  it('says the model is not installed when there is none, and reports a broken one on first use', async () => {
    const missing = await hostFor('/nowhere/model.onnx');
    await expect(missing.host.run(IDS, STYLE, 1)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/Download the Kokoro model in Models/) });
    const broken = await hostFor(fx.notOnnx);
    await expect(broken.host.run(IDS, STYLE, 1)).rejects.toMatchObject({ code: 'invalid_args' });
    // Fixed on disk (a new download): the next request loads it.
    broken.setPath(fx.model);
    expect((await broken.host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    expect(broken.host.status().fallbackReason).toBeNull();
    await broken.host.dispose();
  });
});

describe('session host: execution providers', () => {
  it('falls back to CPU when a provider fails to load, and records why once', async () => {
    const { host, statuses } = await hostFor(fx.model, { providers: ['gpu-a', 'gpu-b'] }, { faults: { 'gpu-a': 'load-fails', 'gpu-b': 'warm-up-fails' } });
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    const status = host.status();
    expect(status.provider).toBe('cpu');
    expect(status.fallbackReason).toBe('gpu-a could not load the model (gpu-a: device lost); gpu-b failed its first run (gpu-b: kernel launch failed). Using CPU.');
    const first = status.fallbackReason;
    await host.unload();
    await host.run(IDS, STYLE, 1); // the same failures again
    expect(host.status().fallbackReason).toBe(first);
    expect(new Set(statuses.map((s) => s.fallbackReason).filter(Boolean)).size).toBe(1);
    await host.dispose();
  });

  it('uses a working accelerator, and falls back to CPU when it fails mid-speech without losing the chunk', async () => {
    const { host } = await hostFor(fx.model, { providers: ['gpu'] }, { faults: { gpu: 'fails-after-warm-up' } });
    await host.session();
    expect(host.status()).toMatchObject({ provider: 'gpu', fallbackReason: null });
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    expect(host.status().provider).toBe('cpu');
    expect(host.status().fallbackReason).toMatch(/^gpu failed while speaking \(gpu: kernel launch failed\)\. Using CPU\.$/);
    await host.dispose();
  });

  it.skipIf(cudaProviderInstalled())('falls back from the real CUDA provider when its libraries are absent', async () => {
    const { host } = await hostFor(fx.model, { providers: ['cuda'] });
    expect((await host.run(IDS, STYLE, 1)).length).toBe(fixtureSamples(10));
    expect(host.status()).toMatchObject({ provider: 'cpu', fallbackReason: expect.stringMatching(/^CUDA could not load the model/) });
    await host.dispose();
  });

  it('sets thread counts and optimization explicitly', async () => {
    const { host, rt } = await hostFor(fx.model);
    await host.session();
    expect(rt.created[0]).toMatchObject({ executionProviders: ['cpu'], intraOpNumThreads: defaultIntraOpThreads(), interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    expect(defaultIntraOpThreads()).toBeGreaterThanOrEqual(1);
    const custom = await hostFor(fx.model, { intraOpNumThreads: 3, graphOptimizationLevel: 'basic' });
    await custom.host.session();
    expect(custom.rt.created[0]).toMatchObject({ intraOpNumThreads: 3, graphOptimizationLevel: 'basic' });
    expect(custom.host.status().threads).toBe(3);
    await Promise.all([host.dispose(), custom.host.dispose()]);
  });
});

describe('session host: lifetime', () => {
  it('loads lazily with one warm-up run, and unloads after the idle time, reloading on the next request', async () => {
    const { host, rt, nextStatus } = await hostFor(fx.model, { idleUnloadMs: 25 });
    expect(rt.created).toHaveLength(0);
    expect(host.status().state).toBe('unloaded');
    const unloaded = nextStatus((s) => s.state === 'unloaded');
    await host.run(IDS, STYLE, 1);
    expect(rt.runs).toHaveLength(2); // warm-up + the request
    await unloaded;
    expect(host.status().state).toBe('unloaded');
    await host.run(IDS, STYLE, 1);
    expect(rt.created).toHaveLength(2);
    await host.dispose();
  });
});
