// The engine end to end in-process, on the fixture model and the real voice packs, with a
// stand-in text path whose token counts are known exactly.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../audio/pcm';
import type { SynthesisRequest } from '../types';
import { blendVoices } from './blend';
import { KokoroEngine, type KokoroEngineOptions } from './kokoro-engine';
import { fakeRuntime, type FakeRuntimeOptions } from '../../../test-support/engines/onnx-fake-providers';
import { fixtureSamples, kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { standInTextPath, type StandInLog } from '../../../test-support/engines/kokoro-stand-in-text';
import { tokenize } from '../../text/g2p/vocab';
import { parseVoicePackBytes, STYLE_DIM } from './voice-pack';
import { saveCustomVoice } from './voice-store';

let fx: ReturnType<typeof kokoroFixtures>;
beforeAll(() => {
  fx = kokoroFixtures();
});

const LONG =
  'The lighthouse keeper climbed the stairs at dusk, counting each step as he went. ' +
  'Outside, the storm pressed against the windows and the sea threw spray over the rocks, ' +
  'but the lamp turned steadily, and far out a small boat found its way home by the light. ' +
  'In the morning he wrote the night down in the log, as he always did, and slept until noon.';

async function engineWith(opts: Partial<KokoroEngineOptions> = {}, runtime: FakeRuntimeOptions = {}) {
  const rt = await fakeRuntime(runtime);
  const log: StandInLog = { phonemized: [], chunks: [] };
  const engine = new KokoroEngine({
    modelsDir: fx.modelsDir,
    text: standInTextPath(log),
    session: { idleUnloadMs: 0 },
    chunking: { maxTokens: 120, firstChunkMaxTokens: 40 },
    runtime: async () => rt,
    ...opts,
  });
  return { engine, rt, log };
}

async function speak(engine: KokoroEngine, req: Partial<SynthesisRequest>, signal?: AbortSignal) {
  const chunks: Float32Array[] = [];
  for await (const c of engine.synthesize({ text: LONG, voice: 'af_heart', speed: 1, pitch: 50, ...req }, signal)) chunks.push(c);
  return { chunks, pcm: concat(chunks) };
}

function maxStep(x: Float32Array): number {
  let m = 0;
  for (let i = 1; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - x[i - 1]!));
  return m;
}

describe('Kokoro engine', () => {
  it('lists the 54 voices with language, gender and grade', async () => {
    const { engine } = await engineWith();
    const voices = await engine.voices();
    expect(voices).toHaveLength(54);
    expect(voices.find((v) => v.id === 'af_heart')).toEqual({ id: 'af_heart', name: 'Heart', language: 'en-us', languageName: 'English (US)', gender: 'female', tags: ['kokoro', 'neural'], grade: 'A' });
    expect(voices.find((v) => v.id === 'bm_george')).toMatchObject({ language: 'en-gb', gender: 'male', grade: 'C' });
    expect(voices.find((v) => v.id === 'zm_yunxi')).toMatchObject({ language: 'cmn', gender: 'male', grade: null });
    expect(engine.capabilities()).toMatchObject({ streaming: true, speed: { min: 0.5, max: 2 }, pitch: false });
    expect(engine.capabilities().languages).toEqual(['en-us', 'en-gb', 'es', 'fr-fr', 'hi', 'it', 'pt-br']);
  });

  it('makes audio whose length follows the token count and speed', async () => {
    const { engine, log } = await engineWith();
    const text = 'hello there';
    const n = tokenize('hello there').ids.length;
    for (const speed of [0.5, 1, 1.25, 2]) {
      const { pcm } = await speak(engine, { text, speed });
      expect(pcm.length).toBe(fixtureSamples(n, speed));
    }
    // Out-of-range speeds are clamped to what Kokoro supports.
    expect((await speak(engine, { text, speed: 5 })).pcm.length).toBe(fixtureSamples(n, 2));
    expect(log.chunks.at(-1)).toEqual(['hello there']);
    await engine.dispose();
  });

  it('streams whole sentences, the opening clause first, never a clause cut for speed', async () => {
    const { engine, log } = await engineWith();
    const { chunks, pcm } = await speak(engine, {});
    const planned = log.chunks.at(-1)!;
    expect(planned).toEqual([
      // The opening sentence is over the first target (40): its first clause goes alone.
      'the liɡhthouse keeper climbed the stairs at dusk,',
      'countinɡ each step as he went.',
      // 174 tokens: over the packing target (120), yet a sentence is cut only past 510.
      'outside, the storm pressed aɡainst the windows and the sea threw spray over the rocks, but the lamp turned steadily, and far out a small boat found its way home by the liɡht.',
      'in the morninɡ he wrote the niɡht down in the loɡ, as he always did, and slept until noon.',
    ]);
    const sizes = planned.map((p) => tokenize(p).ids.length);
    expect(sizes[0]).toBe(49);
    // One piece of audio per chunk (and the faded tail), the first as long as the clause alone.
    expect(chunks.length).toBe(planned.length + 1);
    expect(chunks[0]!.length).toBeLessThanOrEqual(fixtureSamples(sizes[0]!));
    // Joined with a clause pause (100 ms) after the comma and sentence pauses (200 ms) after each period.
    expect(pcm.length).toBe(sizes.reduce((n, k) => n + fixtureSamples(k), 0) + 0.1 * 24_000 + 2 * 0.2 * 24_000);
    await engine.dispose();
  });

  it('speaks a sentence without punctuation in one call, however small the first target', async () => {
    const { engine, log } = await engineWith({ chunking: { maxTokens: 120, firstChunkMaxTokens: 8 } });
    const text = 'the quick brown fox jumps over the lazy dog and keeps on running';
    const { pcm } = await speak(engine, { text });
    expect(log.chunks.at(-1)).toEqual(['the quick brown fox jumps over the lazy doɡ and keeps on runninɡ']);
    expect(pcm.length).toBe(fixtureSamples(tokenize(log.chunks.at(-1)![0]!).ids.length));
    await engine.dispose();
  });

  it('feeds style row n − 1 of the voice pack for a chunk of n phonemes', async () => {
    const { engine, rt, log } = await engineWith();
    await speak(engine, {});
    const pack = parseVoicePackBytes(readFileSync(fx.voice('af_heart')), 'af_heart');
    const planned = log.chunks.at(-1)!;
    const runs = rt.runs.slice(1); // after the warm-up
    expect(runs).toHaveLength(planned.length);
    planned.forEach((phonemes, i) => {
      const n = tokenize(phonemes).ids.length;
      const fed = runs[i]!.feeds;
      expect(fed.input_ids!.dims).toEqual([1, n + 2]);
      expect([...(fed.style!.data as Float32Array)]).toEqual([...pack.subarray((n - 1) * STYLE_DIM, n * STYLE_DIM)]);
    });
  });

  it('joins chunks without clicks: no sample step beyond what the tone itself has', async () => {
    const { engine, rt } = await engineWith();
    const { pcm } = await speak(engine, {});
    const raw = rt.runs.length; // sanity: several chunks were run
    expect(raw).toBeGreaterThan(3);
    // The fixture's tone (≤ 0.3 at ≤ 280 Hz) never steps more than 0.3·2π·280/24000 ≈ 0.022.
    const toneStep = 0.3 * 2 * Math.PI * 280 / 24_000;
    expect(maxStep(pcm)).toBeLessThan(toneStep * 1.2);
    await engine.dispose();
  });

  it('the same chunks concatenated without the joiner do click (the check above can fail)', async () => {
    const { engine } = await engineWith({ join: { crossfadeMs: 0, fadeMs: 0 } });
    const { pcm } = await speak(engine, {});
    expect(maxStep(pcm)).toBeGreaterThan(0.1);
  });

  it('different voices sound different; a blend id speaks with the blended style', async () => {
    const { engine, rt } = await engineWith();
    const a = (await speak(engine, { text: 'one two', voice: 'af_heart' })).pcm;
    const b = (await speak(engine, { text: 'one two', voice: 'am_michael' })).pcm;
    expect(a.length).toBe(b.length);
    expect(maxStep(new Float32Array(a.map((v, i) => v - b[i]!)))).toBeGreaterThan(0.001);
    await speak(engine, { text: 'one two', voice: 'af_heart*0.25+am_michael*0.75' });
    const read = (id: string) => parseVoicePackBytes(readFileSync(fx.voice(id)), id);
    const mix = blendVoices([{ voice: read('af_heart'), weight: 0.25 }, { voice: read('am_michael'), weight: 0.75 }]);
    const n = tokenize('one two').ids.length;
    expect([...(rt.runs.at(-1)!.feeds.style!.data as Float32Array)]).toEqual([...mix.subarray((n - 1) * 256, n * 256)]);
    await engine.dispose();
  });

  it('passes the user’s pronunciations to the G2P', async () => {
    const { engine, log } = await engineWith();
    const lexicon = [[{ word: 'Koe', phonemes: 'kˈOA' }]];
    await speak(engine, { text: 'Koe speaks.', lexicon });
    expect(log.phonemized.at(-1)).toMatchObject({ text: 'Koe speaks.', lang: 'a', user: lexicon });
    await engine.dispose();
  });

  it('cancels between chunks: nothing more is run after the abort', async () => {
    const { engine, rt } = await engineWith();
    const controller = new AbortController();
    const got: Float32Array[] = [];
    let runsAtAbort = 0;
    const err = await (async () => {
      for await (const c of engine.synthesize({ text: LONG, voice: 'af_heart', speed: 1, pitch: 50 }, controller.signal)) {
        got.push(c);
        runsAtAbort = rt.runs.length;
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got).toHaveLength(1);
    expect(rt.runs.length).toBe(runsAtAbort);
    await engine.dispose();
  });

  it('serves two requests at once on one session', async () => {
    const { engine } = await engineWith();
    const [a, b] = await Promise.all([speak(engine, { text: 'first request here' }), speak(engine, { text: 'and a second one', voice: 'bm_george', speed: 2 })]);
    expect(a.pcm.length).toBe(fixtureSamples(tokenize('first request here').ids.length));
    expect(b.pcm.length).toBe(fixtureSamples(tokenize('and a second one').ids.length, 2));
    await engine.dispose();
  });

  it('does not wait for a run in flight once cancelled', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inFlight!: () => void;
    const started = new Promise<void>((r) => (inFlight = r));
    // Run 1 is the warm-up, run 2 the first chunk; run 3 (the second chunk) hangs until released.
    const { engine } = await engineWith({}, { beforeRun: async (n) => {
      if (n === 3) {
        inFlight();
        await held;
      }
    } });
    const controller = new AbortController();
    const done = (async () => {
      for await (const _ of engine.synthesize({ text: LONG, voice: 'af_heart', speed: 1, pitch: 50 }, controller.signal));
    })().catch((e: unknown) => e);
    await started;
    controller.abort();
    expect(((await done) as Error).name).toBe('AbortError');
    release();
    await engine.dispose();
  });

  it('refuses unknown voices and languages it cannot read, with reasons', async () => {
    const { engine } = await engineWith();
    await expect(speak(engine, { voice: 'af_nobody' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(speak(engine, { voice: 'jf_alpha', text: 'こんにちは' })).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/Kokoro cannot speak Japanese yet: the stand-in has no Japanese G2P/) });
    await expect(speak(engine, { voice: 'af_heart*0+bf_emma*0' })).rejects.toThrow(/add up to zero/);
  });

  it('says the model is not installed when the models folder has none', async () => {
    const { engine } = await engineWith({ modelsDir: '/nowhere' });
    await expect(speak(engine, {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports a truncated or corrupt pack on disk clearly, while other voices keep working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-kokoro-packs-'));
    try {
      cpSync(join(fx.modelsDir, 'kokoro'), join(dir, 'kokoro'), { recursive: true });
      const heart = readFileSync(fx.voice('af_heart'));
      writeFileSync(join(dir, 'kokoro/voices/af_heart.bin'), heart.subarray(0, 300_000));
      const nan = Uint8Array.from(readFileSync(fx.voice('bf_emma')));
      nan.fill(0xff, 4000, 4004); // a NaN in row 3
      writeFileSync(join(dir, 'kokoro/voices/bf_emma.bin'), nan);
      const { engine } = await engineWith({ modelsDir: dir });
      await expect(speak(engine, { voice: 'af_heart' })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/af_heart .* is 300000 bytes; a Kokoro voice pack is 522240 bytes.*truncated/) });
      await expect(speak(engine, { voice: 'bf_emma' })).rejects.toThrow(/bf_emma .* is corrupt: value 1000 \(row 3\) is NaN/);
      expect((await speak(engine, { voice: 'af_bella', text: 'still fine' })).pcm.length).toBeGreaterThan(0);
      await engine.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists saved custom voices next to the presets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-kokoro-custom-'));
    try {
      cpSync(join(fx.modelsDir, 'kokoro'), join(dir, 'kokoro'), { recursive: true });
      const { engine } = await engineWith({ modelsDir: dir });
      await saveCustomVoice(dir, { id: 'narrator', name: 'Narrator', language: 'en-gb' }, await engine.blend([{ voice: 'bm_george', weight: 1 }, { voice: 'bf_emma', weight: 1 }]));
      expect((await engine.voices()).find((v) => v.id === 'narrator')).toEqual({ id: 'narrator', name: 'Narrator', language: 'en-gb', languageName: 'English (UK)', gender: 'unknown', tags: ['kokoro', 'custom'], grade: null });
      expect((await speak(engine, { voice: 'narrator', text: 'hello' })).pcm.length).toBe(fixtureSamples(tokenize('hello').ids.length));
      await engine.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
