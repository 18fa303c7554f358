// A direction that leans a Kokoro voice toward another (a speaker's `sad` → 30% toward am_michael)
// feeds the model the blended style, through the speech service as the core wires it, on the
// fixture Kokoro model; the blend is part of the cache key; on espeak the blend is ignored and the
// rest of the effect still applies.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Voice } from '../contract/schemas';
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { blendTowardSpec, blendVoices } from '../engines/kokoro/blend';
import { KokoroEngine } from '../engines/kokoro/kokoro-engine';
import { parseVoicePackBytes, STYLE_DIM } from '../engines/kokoro/voice-pack';
import { EngineRouter } from '../engines/router';
import { openLibrary, type Library } from '../library/db';
import { directionEffectsText } from '../script/directions';
import { fakeRuntime, type FakeRuntime } from '../../test-support/engines/onnx-fake-providers';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { standInTextPath } from '../../test-support/engines/kokoro-stand-in-text';
import { SpeechService } from './speech-service';

let library: Library;
let rt: FakeRuntime;
let speech: SpeechService;
let fx: ReturnType<typeof kokoroFixtures>;

const voice = (id: string, engine: string, language: string): Voice => ({
  id, name: id, engine, kind: engine === 'kokoro' ? 'preset' : 'system', language, languageName: language,
  gender: 'neutral', tags: [], grade: null, available: true, unavailableReason: null,
});

beforeAll(async () => {
  fx = kokoroFixtures();
  rt = await fakeRuntime({});
  const router = new EngineRouter();
  router.register(new KokoroEngine({ modelsDir: fx.modelsDir, text: standInTextPath({ phonemized: [], chunks: [] }), session: { idleUnloadMs: 0 }, runtime: async () => rt }));
  router.register(new EspeakEngine());
  library = openLibrary(':memory:');
  library.voices.upsertSystemVoices('kokoro', [voice('kokoro:af_heart', 'kokoro', 'en-us'), voice('kokoro:am_michael', 'kokoro', 'en-us')]);
  library.voices.upsertSystemVoices('espeak', [voice('espeak:en-us', 'espeak', 'en')]);
  speech = new SpeechService({
    router,
    library,
    modelVersion: () => 'test-1',
    // As the core wires it (core.ts).
    blendToward: (id, toward, amount) => `kokoro:${blendTowardSpec(id.slice('kokoro:'.length), toward.slice('kokoro:'.length), amount)}`,
  });
});
afterAll(() => library.close());

const TEXT = 'One two three.';
/** A speaker's `sad`: −3 dB, and with an amount, leaning that far toward am_michael. */
const sad = (voiceId: string, amount?: number | 'no blend') =>
  speech.render({
    text: TEXT,
    voiceId,
    params: {
      speed: 1,
      pitch: 50,
      direction: 'sad',
      ...(amount !== undefined ? { directionEffects: directionEffectsText(['sad'], { sad: { gainDb: -3, ...(amount === 'no blend' ? {} : { blend: { voiceId: 'kokoro:am_michael', amount } }) } }) } : {}),
    },
  });
const fedStyle = () => [...(rt.runs.at(-1)!.feeds.style!.data as Float32Array)];
const pack = (id: string) => parseVoicePackBytes(readFileSync(fx.voice(id)), id);
const row = (p: Float32Array, k: number) => [...p.subarray(k * STYLE_DIM, (k + 1) * STYLE_DIM)];

describe('a direction that blends toward a Kokoro voice', () => {
  it('feeds the model the blended style row instead of the voice\'s own, and each amount is its own cache entry', async () => {
    await sad('kokoro:af_heart');
    const own = fedStyle();
    const heart = pack('af_heart');
    const k = Array.from({ length: heart.length / STYLE_DIM }, (_, i) => i).find((i) => row(heart, i).every((v, j) => v === own[j]))!;
    expect(k).toBeGreaterThanOrEqual(0);

    const runs = rt.runs.length;
    await sad('kokoro:af_heart', 0.3);
    expect(rt.runs.length).toBe(runs + 1);
    const mix = blendVoices([{ voice: heart, weight: 0.7 }, { voice: pack('am_michael'), weight: 0.3 }]);
    expect(fedStyle()).toEqual(row(mix, k));
    expect(fedStyle()).not.toEqual(own);

    // The same blend again comes from the cache; another amount is synthesized anew.
    await sad('kokoro:af_heart', 0.3);
    expect(rt.runs.length).toBe(runs + 1);
    await sad('kokoro:af_heart', 0.6);
    expect(rt.runs.length).toBe(runs + 2);
    const mix6 = blendVoices([{ voice: heart, weight: 0.4 }, { voice: pack('am_michael'), weight: 0.6 }]);
    expect(fedStyle()).toEqual(row(mix6, k));
  });

  it('is ignored on a voice whose engine cannot blend (espeak), where the rest of the effect still applies', async () => {
    const runs = rt.runs.length;
    const byDefault = await sad('espeak:en-us');
    const level = await sad('espeak:en-us', 'no blend');
    const blended = await sad('espeak:en-us', 0.3);
    expect(rt.runs.length).toBe(runs);
    expect([...blended]).toEqual([...level]);
    // The speaker's sad (−3 dB only) replaced the default sad, which is also slower (×0.88).
    expect(level.length / byDefault.length).toBeLessThan(0.93);
  });
});
