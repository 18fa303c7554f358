import { beforeAll, describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { concat, dbfs, peak, rms } from '../../audio/pcm';
import type { SynthesisRequest } from '../types';
import { EspeakEngine, espeakPitch, joinIpaLines, wordsPerMinute } from './espeak-engine';
import { medianF0 } from '../../../test-support/audio/pitch';

const FOX = 'The quick brown fox jumps over the lazy dog.';
const engine = new EspeakEngine();

async function speak(req: Partial<SynthesisRequest>, signal?: AbortSignal): Promise<{ chunks: Float32Array[]; pcm: Float32Array }> {
  const chunks: Float32Array[] = [];
  for await (const c of engine.synthesize({ text: FOX, voice: 'en-us', speed: 1, pitch: 50, ...req }, signal)) chunks.push(c);
  return { chunks, pcm: concat(chunks) };
}

const seconds = (pcm: Float32Array): number => pcm.length / 24000;


beforeAll(async () => {
  await engine.load();
});

describe('EspeakEngine voices', () => {
  it('lists every language espeak has, with readable names', async () => {
    const voices = await engine.voices();
    expect(voices.length).toBeGreaterThanOrEqual(100);
    const byId = new Map(voices.map((v) => [v.id, v]));
    expect(new Set(voices.map((v) => v.id)).size).toBe(voices.length);
    for (const id of ['en-us', 'en-gb', 'fr-fr', 'de', 'es', 'cmn', 'ja', 'ru', 'yue', 'yue-latn-jyutping']) expect(byId.has(id), id).toBe(true);
    expect(byId.get('en-us')).toMatchObject({ name: 'English (US) — eSpeak', language: 'en-us', languageName: 'English (US)', tags: ['system', 'offline'], grade: null });
    expect(byId.get('fr-fr')!.languageName).toBe('French (France)');
    expect(byId.get('de')!.languageName).toBe('German');
    expect(byId.get('cmn')!.languageName).toBe('Chinese (Mandarin)');
    expect(byId.get('ja')!.languageName).toBe('Japanese');
    expect(byId.get('yue-latn-jyutping')).toMatchObject({ language: 'yue', name: 'Chinese (Cantonese, Jyutping) — eSpeak' });
    for (const v of voices) {
      expect(['male', 'female', 'unknown']).toContain(v.gender);
      expect(v.name).not.toMatch(/_/);
      expect(v.languageName.length).toBeGreaterThan(1);
    }
    // espeak's language voices are all marked male in its table.
    expect(byId.get('en-us')!.gender).toBe('male');
    expect(engine.capabilities().languages).toContain('en-us');
  });

  it('returns copies, so callers cannot corrupt the cache', async () => {
    const a = await engine.voices();
    a[0]!.tags.push('x');
    a[0]!.name = 'changed';
    const b = await engine.voices();
    expect(b[0]!.tags).toEqual(['system', 'offline']);
    expect(b[0]!.name).not.toBe('changed');
    expect(b[0]).not.toHaveProperty('file');
  });
});

describe('EspeakEngine as the core sees it', () => {
  it('keys its audio by the embedded build and says what it can do', () => {
    const engine = new EspeakEngine();
    expect(engine.modelVersion()).toBe('espeak-ng-1.52-wasm');
    expect(engine.capabilities()).toMatchObject({ pitch: true, cloning: false, blends: false, phonemeLexicon: false });
  });
});

describe('EspeakEngine synthesis', () => {
  it('speaks an English sentence as 24 kHz speech in ~100 ms chunks', async () => {
    const { chunks, pcm } = await speak({});
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBe(2400);
    expect(seconds(pcm)).toBeGreaterThan(1.5);
    expect(seconds(pcm)).toBeLessThan(5);
    expect(dbfs(rms(pcm))).toBeGreaterThan(-40);
    expect(peak(pcm)).toBeLessThanOrEqual(1);
    // Leading and trailing silence is trimmed (only a short pad is kept).
    expect(dbfs(rms(pcm.subarray(0, 2400)))).toBeGreaterThan(-60);
    // Each chunk owns its buffer (a worker transfers them).
    for (const c of chunks) expect(c.byteLength).toBe(c.buffer.byteLength);
  });

  it('follows speed: 2 is clearly shorter, 0.5 clearly longer', async () => {
    const normal = seconds((await speak({})).pcm);
    const fast = seconds((await speak({ speed: 2 })).pcm);
    const slow = seconds((await speak({ speed: 0.5 })).pcm);
    expect(fast).toBeLessThan(normal * 0.75);
    expect(slow).toBeGreaterThan(normal * 1.4);
  });

  it('maps speed and pitch onto espeak options within its ranges', () => {
    expect(wordsPerMinute(1)).toBe(175);
    expect(wordsPerMinute(2)).toBe(350);
    expect(wordsPerMinute(0.25)).toBe(80);
    expect(wordsPerMinute(5)).toBe(450);
    expect(wordsPerMinute(Number.NaN)).toBe(175);
    expect(espeakPitch(50)).toBe(50);
    expect(espeakPitch(0)).toBe(0);
    expect(espeakPitch(100)).toBe(99);
    expect(espeakPitch(-5)).toBe(0);
  });

  it('speaks a female variant voice at a clearly higher pitch than the male voice', async () => {
    const male = medianF0((await speak({ voice: 'en-us' })).pcm);
    const female = medianF0((await speak({ voice: 'en-us+f3' })).pcm);
    expect(male).toBeGreaterThan(70);
    expect(male).toBeLessThan(180);
    expect(female).toBeGreaterThan(male * 1.3);
  });

  it('changes pitch without changing length much', async () => {
    const low = (await speak({ pitch: 0 })).pcm;
    const high = (await speak({ pitch: 100 })).pcm;
    expect(Math.abs(seconds(low) - seconds(high))).toBeLessThan(0.4);
    expect(low.length).not.toBe(high.length);
  });

  it.each([
    ['ru', 'Привет! Как у тебя дела сегодня?'],
    ['cmn', '你好，今天天气很好。'],
    ['ja', 'こんにちは、おげんきですか。'],
    ['ar', 'مرحبا، كيف حالك؟'],
  ])('speaks non-Latin text (%s)', async (voice, text) => {
    const { pcm } = await speak({ voice, text });
    expect(seconds(pcm)).toBeGreaterThan(0.5);
    expect(dbfs(rms(pcm))).toBeGreaterThan(-40);
  });

  it('reads text that starts with a dash as text, not as an option', async () => {
    const { pcm } = await speak({ text: '-v fr --help 42' });
    expect(seconds(pcm)).toBeGreaterThan(1);
  });

  it('speaks long text (thousands of words) in one run', async () => {
    const { pcm } = await speak({ text: 'Go. '.repeat(4000), speed: 2 });
    expect(seconds(pcm)).toBeGreaterThan(100);
  });

  it('yields nothing for empty text', async () => {
    expect((await speak({ text: '  \u0000 ' })).chunks).toHaveLength(0);
  });

  it('rejects an unknown voice with not_found', async () => {
    const err = await speak({ voice: 'xx-nowhere' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).code).toBe('not_found');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('accepts voice ids in any case', async () => {
    expect((await speak({ voice: 'EN-US', text: 'Hi.' })).pcm.length).toBeGreaterThan(0);
  });

  // How many ms the stop takes (target < 50) is measured in bench/cancel.ts.
  it('stops with AbortError when aborted mid-synthesis, before another chunk', async () => {
    const controller = new AbortController();
    let got = 0;
    let afterAbort = 0;
    const err = await (async () => {
      for await (const _ of engine.synthesize({ text: FOX.repeat(20), voice: 'en-us', speed: 1, pitch: 50 }, controller.signal)) {
        if (controller.signal.aborted) afterAbort++;
        // The abort comes from the event loop, as a cancel from a client or the worker port would.
        if (++got === 1) setTimeout(() => controller.abort(), 1);
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got).toBeLessThan(300); // of ~400 chunks
    // The engine yields to the event loop between chunks, so the abort lands before the next one.
    expect(afterAbort).toBe(0);
  });

  it('rejects with AbortError when aborted while espeak is still starting', async () => {
    const controller = new AbortController();
    const run = speak({}, controller.signal);
    controller.abort(); // before the first await inside the engine has settled
    const err = await run.catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });

  it('stops between chunks when aborted while the caller is consuming', async () => {
    const controller = new AbortController();
    let got = 0;
    const err = await (async () => {
      for await (const _ of engine.synthesize({ text: FOX, voice: 'en-us', speed: 1, pitch: 50 }, controller.signal)) {
        if (++got === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(got).toBe(3);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const err = await speak({}, AbortSignal.abort()).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('EspeakEngine phonemize', () => {
  it('gives IPA with non-ASCII input and output intact', async () => {
    const ipa = await engine.phonemize('¿Qué tal?', 'es');
    expect(ipa).toBe('kˈe tˈal');
  });

  it('joins clauses with a space', async () => {
    expect(await engine.phonemize('Hello world. How are you?', 'en-us')).toBe('həlˈoʊ wˈɜːld hˈaʊ ɑːɹ juː');
    expect(await engine.phonemize('Привет', 'ru')).toBe('prʲivʲˈet');
    expect(await engine.phonemize('-x', 'en-us')).toMatch(/ˈɛks/);
  });

  it('strips zero-width joiners and blank lines', () => {
    expect(joinIpaLines(['t\u200dʃˈɜː\u200dtʃ ', '', ' d\u200dʒˈʌd\u200dʒ'])).toBe('tʃˈɜːtʃ dʒˈʌdʒ');
  });

  it('rejects an unknown language with not_found', async () => {
    await expect(engine.phonemize('hola', 'zz')).rejects.toMatchObject({ code: 'not_found' });
  });
});
