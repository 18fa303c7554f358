// The first-launch default voice: the clearest embedded English voice this install can speak, by the
// bench's recognizer ranking; eSpeak NG when Flite is absent; never over a library's existing choice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Voice } from '../contract/schemas';
import { openLibrary, type Library } from '../library/db';
import { chooseFirstDefaultVoice, clearestEnglishVoice, ENGLISH_CLARITY } from './default-voice';

const dirs: string[] = [];
const libs: Library[] = [];
function library(): Library {
  const dir = mkdtempSync(join(tmpdir(), 'koe-default-voice-'));
  dirs.push(dir);
  const lib = openLibrary(join(dir, 'library.db'));
  libs.push(lib);
  return lib;
}

const voice = (id: string, available = true): Voice => {
  const [engine] = id.split(':');
  return { id, name: id, engine: engine!, kind: 'system', language: 'en-us', languageName: 'English (US)', gender: 'male', tags: [], grade: null, available, unavailableReason: available ? null : 'not here' };
};

function list(lib: Library, ...voices: Voice[]): void {
  for (const engine of new Set(voices.map((v) => v.engine))) lib.voices.upsertSystemVoices(engine, voices.filter((v) => v.engine === engine));
}

afterEach(() => {
  for (const l of libs.splice(0)) l.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('default English voice', () => {
  it('ranks by measured word error rate, clearest first, with eSpeak NG last', () => {
    const wers = ENGLISH_CLARITY.map((v) => v.wer);
    expect(wers).toEqual([...wers].sort((a, b) => a - b));
    expect(ENGLISH_CLARITY.at(-1)!.voiceId).toBe('espeak:en-us');
    expect(clearestEnglishVoice(() => true)).toBe(ENGLISH_CLARITY[0]!.voiceId);
    expect(clearestEnglishVoice((id) => id !== ENGLISH_CLARITY[0]!.voiceId)).toBe(ENGLISH_CLARITY[1]!.voiceId);
    expect(clearestEnglishVoice(() => false)).toBe('espeak:en-us');
  });

  it('picks the clearest available voice on first launch', () => {
    const lib = library();
    list(lib, voice('espeak:en-us'), voice('flite:kal16'), voice('flite:rms'), voice('flite:slt'));
    chooseFirstDefaultVoice(lib, true);
    expect(lib.settings.getSettings().defaultVoiceId).toBe('flite:rms');
  });

  it('falls back to eSpeak NG when Flite is not there or not available', () => {
    const lib = library();
    list(lib, voice('espeak:en-us'), voice('flite:rms', false));
    chooseFirstDefaultVoice(lib, true);
    expect(lib.settings.getSettings().defaultVoiceId).toBe('espeak:en-us');
  });

  it('leaves an existing library, and a default someone chose, as they are', () => {
    const old = library();
    list(old, voice('espeak:en-us'), voice('flite:kal16'));
    chooseFirstDefaultVoice(old, false);
    expect(old.settings.hasSetting('defaultVoiceId')).toBe(false);
    expect(old.settings.getSettings().defaultVoiceId).toBe('espeak:en-us');

    const chosen = library();
    list(chosen, voice('espeak:en-us'), voice('espeak:fr-fr'), voice('flite:kal16'));
    chosen.settings.setSettings({ defaultVoiceId: 'espeak:fr-fr' });
    chooseFirstDefaultVoice(chosen, true);
    expect(chosen.settings.getSettings().defaultVoiceId).toBe('espeak:fr-fr');
  });
});
