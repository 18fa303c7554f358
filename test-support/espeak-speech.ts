// A SpeechService over the embedded espeak engine and an in-memory library with one English voice,
// for tests that measure rendered audio. The library closes after the test file. Test-only.
import { afterAll } from 'vitest';
import { EspeakEngine } from '../src-main/engines/espeak/espeak-engine';
import { EngineRouter } from '../src-main/engines/router';
import { openLibrary, type Library } from '../src-main/library/db';
import { SpeechService } from '../src-main/speech/speech-service';

export const ESPEAK_VOICE = 'espeak:en-us';

export function useEspeakSpeech(): { speech: SpeechService; library: Library } {
  const library = openLibrary(':memory:');
  const router = new EngineRouter();
  router.register(new EspeakEngine());
  library.voices.upsertSystemVoices('espeak', [{
    id: ESPEAK_VOICE, name: 'English', engine: 'espeak', kind: 'system', language: 'en', languageName: 'English',
    gender: 'neutral', tags: [], grade: null, available: true, unavailableReason: null,
  }]);
  afterAll(() => library.close());
  return { speech: new SpeechService({ router, library, modelVersion: () => 'test-1' }), library };
}
