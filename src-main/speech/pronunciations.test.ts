// A pronunciation the user adds changes what is spoken at once, even for text already in the audio
// cache, and a project's entry wins over the global one only inside that project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { EngineRouter } from '../engines/router';
import { openLibrary, type Library } from '../library/db';
import { SpeechService } from './speech-service';

let lib: Library;
let speech: SpeechService;
const params = { speed: 1, pitch: 50 };
const seconds = (pcm: Float32Array) => pcm.length / 24000;

beforeAll(async () => {
  lib = openLibrary(':memory:');
  const engine = new EspeakEngine();
  await engine.load();
  const router = new EngineRouter();
  router.register(engine);
  lib.voices.upsertSystemVoices('espeak', (await engine.voices()).filter((v) => v.id === 'en-us').map((v) => ({
    id: `espeak:${v.id}`, name: v.name, engine: 'espeak', kind: 'system' as const, language: v.language, languageName: v.languageName,
    gender: v.gender, tags: v.tags, grade: null, available: true, unavailableReason: null,
  })));
  speech = new SpeechService({ router, library: lib, modelVersion: () => 'test' });
});
afterAll(() => lib.close());

describe('pronunciations in speech', () => {
  it('a respelling changes the audio immediately, past the cache, and only where it applies', async () => {
    const text = 'Koe.';
    const before = seconds(await speech.render({ text, voiceId: 'espeak:en-us', params }));
    const project = lib.projects.createProject('P').id;
    lib.pronunciations.set({ scope: 'project', projectId: project, language: 'en', word: 'Koe', respelling: 'supercalifragilistic expialidocious' });
    const inProject = seconds(await speech.render({ text, voiceId: 'espeak:en-us', params, projectId: project }));
    const elsewhere = seconds(await speech.render({ text, voiceId: 'espeak:en-us', params, projectId: null }));
    expect(inProject).toBeGreaterThan(before + 1);
    expect(elsewhere).toBeCloseTo(before, 2);
    // An unsaved preview entry wins over the saved one.
    const preview = seconds(await speech.render({ text, voiceId: 'espeak:en-us', params, projectId: project, pronunciations: [{ word: 'Koe', respelling: 'koh' }] }));
    expect(preview).toBeLessThan(inProject - 1);
  });
});
