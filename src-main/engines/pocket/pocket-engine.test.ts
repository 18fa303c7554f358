// The Pocket TTS engine end to end in-process on the fixture set (real ONNX Runtime, real step and
// encoder graphs with the export's names and shapes): voices, streaming frames, speech length
// following the text, cancellation, voices and clones sounding different, provider fallback, and
// refusing files that are not Pocket TTS.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concat, rms } from '../../audio/pcm';
import { fakeRuntime, type FakeRuntimeOptions } from '../../../test-support/engines/onnx-fake-providers';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import type { SynthesisRequest } from '../types';
import { parsePocketAssets } from './assets';
import { writeCond } from './clone-conds';
import { InProcessEncoder } from './encoder';
import { PocketEngine, type PocketEngineOptions } from './pocket-engine';
import { SentencePieceTokenizer } from './sentencepiece';
import { fixtureFrames, pocketFixtures, POCKET_FIXTURE_DIMS } from '../../../test-support/engines/pocket-fixtures';
import { chunkForPocket } from './text-prep';

const FRAME = POCKET_FIXTURE_DIMS.frame_size;
let fx: ReturnType<typeof pocketFixtures>;
let tok: SentencePieceTokenizer;
let config: ReturnType<typeof parsePocketAssets>['config'];
let clonesDir: string;
const engines: PocketEngine[] = [];

beforeAll(() => {
  fx = pocketFixtures();
  const assets = parsePocketAssets(readFileSync(fx.assets, 'utf8'));
  tok = SentencePieceTokenizer.fromBytes(assets.tokenizer);
  config = assets.config;
  clonesDir = mkdtempSync(join(tmpdir(), 'koe-pocket-clones-'));
});
afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  rmSync(clonesDir, { recursive: true, force: true });
});

function engineWith(opts: Partial<PocketEngineOptions> = {}): PocketEngine {
  const e = new PocketEngine({ modelsDir: fx.modelsDir, clonesDir, session: { intraOpNumThreads: 1, idleUnloadMs: 0 }, ...opts });
  engines.push(e);
  return e;
}

async function speak(engine: PocketEngine, req: Partial<SynthesisRequest>, signal?: AbortSignal) {
  const chunks: Float32Array[] = [];
  for await (const c of engine.synthesize({ text: 'Hello world.', voice: 'en-alba', speed: 1, pitch: 50, ...req }, signal)) chunks.push(c);
  return { chunks, pcm: concat(chunks) };
}

/** Frames the fixture speaks for `text`, chunk by chunk, from the engine's own chunker. */
function expectedFrames(text: string): number {
  return chunkForPocket(text, tok, config).reduce((n, c) => n + fixtureFrames(c.ids.length, c.framesAfterEosGuess), 0);
}

/** Dominant frequency by zero crossings (the fixture speaks a pure tone). */
function pitchOf(pcm: Float32Array, rate = 24_000): number {
  let crossings = 0;
  for (let i = 1; i < pcm.length; i++) if (pcm[i - 1]! < 0 !== pcm[i]! < 0) crossings++;
  return (crossings / 2) * (rate / pcm.length);
}

describe('Pocket TTS engine', () => {
  it('lists the presets of the installed set with language and gender, and says it can clone', async () => {
    const engine = engineWith();
    expect(await engine.voices()).toEqual([
      { id: 'en-alba', name: 'Alba', language: 'en', languageName: 'English', gender: 'female', tags: ['pocket', 'neural'], grade: null },
      { id: 'en-marius', name: 'Marius', language: 'en', languageName: 'English', gender: 'male', tags: ['pocket', 'neural'], grade: null },
    ]);
    expect(engine.capabilities()).toMatchObject({ streaming: true, cloning: true, languages: ['en'], speed: { min: 1, max: 1 } });
    expect(engine.status()).toMatchObject({ state: 'ready', provider: 'cpu', threads: 1 });
  });

  it('streams 80 ms frames, as many as the EOS rule allows for the text', async () => {
    const engine = engineWith();
    const text = 'Hello world.';
    const { chunks, pcm } = await speak(engine, { text });
    expect(chunks.every((c) => c.length === FRAME)).toBe(true);
    const [chunk] = chunkForPocket(text, tok, config);
    expect(chunk!.ids.map((id) => tok.pieceOf(id))).toEqual(['▁', 'H', 'e', 'l', 'l', 'o', '▁world', '.']);
    // EOS after 2·8 + 2 frames, then 3 + 2 more for a prompt of four whitespace-separated tokens or fewer.
    expect(chunks).toHaveLength(23);
    expect(chunks).toHaveLength(fixtureFrames(chunk!.ids.length, chunk!.framesAfterEosGuess));
    expect(rms(pcm)).toBeGreaterThan(0.05);
  });

  it('speaks longer for longer text, chunk by chunk, and renders the same line identically', async () => {
    const engine = engineWith();
    const short = await speak(engine, { text: 'One two three.' });
    const long = await speak(engine, { text: 'One two three, and the voice speaks to you.' });
    expect(short.pcm.length).toBe(expectedFrames('One two three.') * FRAME);
    expect(long.pcm.length).toBe(expectedFrames('One two three, and the voice speaks to you.') * FRAME);
    expect(long.pcm.length).toBeGreaterThan(short.pcm.length + 10 * FRAME);
    // Over the 50-token budget: cut into several chunks, each a prompt of its own.
    const paragraph = 'The lighthouse keeper climbed the stairs at dusk, counting each step. Outside, the storm pressed against the windows. In the morning he wrote the night down in the log, as he always did.';
    expect(chunkForPocket(paragraph, tok, config).length).toBeGreaterThan(1);
    expect((await speak(engine, { text: paragraph })).pcm.length).toBe(expectedFrames(paragraph) * FRAME);
    expect(Array.from((await speak(engine, { text: 'One two three.' })).pcm)).toEqual(Array.from(short.pcm));
  });

  it('stops within one frame of a cancel', async () => {
    const gates: string[] = [];
    const engine = engineWith({ onStep: (g) => gates.push(g) });
    await speak(engine, { text: 'Warm.' });
    const controller = new AbortController();
    const got: Float32Array[] = [];
    let stepsAtAbort = 0;
    const err = await (async () => {
      for await (const c of engine.synthesize({ text: 'One two three, and the voice speaks to you for a long while.', voice: 'en-alba', speed: 1, pitch: 50 }, controller.signal)) {
        got.push(c);
        if (got.length === 2) {
          stepsAtAbort = gates.length;
          controller.abort();
        }
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got).toHaveLength(2);
    expect(gates.length - stepsAtAbort).toBe(0); // no step runs after the cancel
    await expect(speak(engine, { text: 'Again.' })).resolves.toBeTruthy();
  });

  it('sounds different in different voices, and a clone from a recording sounds like neither', async () => {
    const engine = engineWith();
    const alba = (await speak(engine, { voice: 'en-alba' })).pcm;
    const marius = (await speak(engine, { voice: 'en-marius' })).pcm;
    expect(alba.length).toBe(marius.length);
    expect(Math.abs(pitchOf(alba) - pitchOf(marius))).toBeGreaterThan(20);

    const encoder = new InProcessEncoder({ modelsDir: fx.modelsDir, threads: 1 });
    const recording = (freq: number) => Float32Array.from({ length: 24_000 * 3 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * freq * i) / 24_000));
    const low = await encoder.encode(recording(200));
    const high = await encoder.encode(recording(2900));
    await encoder.dispose();
    expect(low.rows).toBe(Math.ceil((24_000 * 3) / FRAME) + 1);
    await writeCond(clonesDir, 'abc123low', { language: 'en', rows: low.rows, dim: low.dim, encoderVersion: low.encoderVersion }, low.data);
    await writeCond(clonesDir, 'abc123high', { language: 'en', rows: high.rows, dim: high.dim, encoderVersion: high.encoderVersion }, high.data);
    const lowVoice = (await speak(engine, { voice: 'clone-abc123low' })).pcm;
    const highVoice = (await speak(engine, { voice: 'clone-abc123high' })).pcm;
    expect(lowVoice.length).toBe(alba.length);
    const pitches = [alba, marius, lowVoice, highVoice].map((p) => Math.round(pitchOf(p)));
    expect(new Set(pitches).size).toBe(4);

    // Re-encoding a clone replaces its file; the next line uses the new conditioning, not a stale prefill.
    await writeCond(clonesDir, 'abc123low', { language: 'en', rows: high.rows, dim: high.dim, encoderVersion: high.encoderVersion }, high.data);
    const reencoded = (await speak(engine, { voice: 'clone-abc123low' })).pcm;
    expect(Math.round(pitchOf(reencoded))).toBe(Math.round(pitchOf(highVoice)));
    expect(Math.round(pitchOf(reencoded))).not.toBe(Math.round(pitchOf(lowVoice)));
  });

  it('says clearly what is wrong with unknown voices, missing clones and an uninstalled model', async () => {
    const engine = engineWith();
    await expect(speak(engine, { voice: 'en-nobody' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no voice "nobody".*alba, marius/) });
    await expect(speak(engine, { voice: 'clone-ffffff' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no conditioning file/) });
    await expect(speak(engine, { voice: '../../etc' })).rejects.toMatchObject({ code: 'not_found' });
    const empty = mkdtempSync(join(tmpdir(), 'koe-pocket-empty-'));
    try {
      const bare = engineWith({ modelsDir: empty });
      await expect(bare.load()).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/Download Pocket TTS in Models/) });
      await expect(speak(bare, {})).rejects.toMatchObject({ code: 'not_found' });
      expect(bare.capabilities().languages).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a graph that is not the Pocket TTS step graph, naming what it lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-pocket-wrong-'));
    try {
      cpSync(fx.dir, join(dir, 'pocket', 'en'), { recursive: true });
      cpSync(kokoroFixtures().model, join(dir, 'pocket', 'en', 'model.onnx'));
      await expect(engineWith({ modelsDir: dir }).load()).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/not a Pocket TTS step graph: it lacks tokens, latent/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each<[string, FakeRuntimeOptions['faults'], RegExp]>([
    ['fails to load', { cuda: 'load-fails' }, /^CUDA could not load the model \(cuda: device lost\)\. Using CPU\.$/],
    ['fails its warm-up', { cuda: 'warm-up-fails' }, /^CUDA failed its first run/],
  ])('falls back to CPU when the accelerator %s, and says why once', async (_l, faults, reason) => {
    const rt = await fakeRuntime({ faults });
    const engine = engineWith({ runtime: async () => rt, session: { providers: ['cuda'], intraOpNumThreads: 1, idleUnloadMs: 0 } });
    const { pcm } = await speak(engine, {});
    expect(pcm.length).toBe(expectedFrames('Hello world.') * FRAME);
    expect(engine.status()).toMatchObject({ provider: 'cpu', fallbackReason: expect.stringMatching(reason) });
    expect(rt.created.map((o) => o.executionProviders[0])).toEqual(['cuda', 'cpu']);
    expect(rt.created.every((o) => o.intraOpNumThreads === 1)).toBe(true);
  });

  it('moves to CPU mid-sentence when the accelerator fails while speaking, with identical audio', async () => {
    const rt = await fakeRuntime({ faults: { cuda: 'fails-after-warm-up' } });
    const engine = engineWith({ runtime: async () => rt, session: { providers: ['cuda'], intraOpNumThreads: 1, idleUnloadMs: 0, warmUp: false } });
    const { pcm } = await speak(engine, {});
    expect(engine.status()).toMatchObject({ provider: 'cpu', fallbackReason: expect.stringMatching(/^CUDA failed while speaking/) });
    expect(Array.from(pcm)).toEqual(Array.from((await speak(engineWith(), {})).pcm));
  });
});
