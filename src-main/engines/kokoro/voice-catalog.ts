// The 54 Kokoro v1.0 voices as the library shows them. The voices themselves (ids, grades) are the
// one table in models/kokoro-voices.ts, which the model catalog downloads from too; this module adds
// what the engine reads from an id: Kokoro's language code is its first letter and the gender its
// second (ENGINES.md 1.5), and the display name is the rest.
import type { Gender } from '../../contract/schemas';
import { KOKORO_VOICES, type KokoroVoiceId } from '../../models/kokoro-voices';
import type { KokoroLang } from '../../text/g2p/types';
import type { EngineVoice } from '../types';

export type { KokoroVoiceId };

export interface KokoroLanguage {
  /** Kokoro's one-letter code (the voice id's first letter). */
  code: KokoroLang;
  /** The tag the rest of Koe uses (same spelling as the eSpeak voices, so filters group them). */
  tag: string;
  name: string;
}

export const KOKORO_LANGUAGES: readonly KokoroLanguage[] = [
  { code: 'a', tag: 'en-us', name: 'English (US)' },
  { code: 'b', tag: 'en-gb', name: 'English (UK)' },
  { code: 'e', tag: 'es', name: 'Spanish' },
  { code: 'f', tag: 'fr-fr', name: 'French (France)' },
  { code: 'h', tag: 'hi', name: 'Hindi' },
  { code: 'i', tag: 'it', name: 'Italian' },
  { code: 'j', tag: 'ja', name: 'Japanese' },
  { code: 'p', tag: 'pt-br', name: 'Portuguese (Brazil)' },
  { code: 'z', tag: 'cmn', name: 'Chinese (Mandarin)' },
];

const IDS: readonly KokoroVoiceId[] = KOKORO_VOICES.map((v) => v.id);

/** Voice id → published overall grade (English voices only). */
const GRADES: ReadonlyMap<string, string | null> = new Map(KOKORO_VOICES.map((v) => [v.id, v.grade]));

export function kokoroLanguageOf(voiceId: string): KokoroLanguage | null {
  return KOKORO_LANGUAGES.find((l) => l.code === voiceId[0]) ?? null;
}

export function isPresetVoice(id: string): id is KokoroVoiceId {
  return (IDS as readonly string[]).includes(id);
}

function displayName(id: string): string {
  const name = id.slice(3);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function kokoroVoice(id: KokoroVoiceId): EngineVoice {
  const lang = kokoroLanguageOf(id)!;
  const gender: Gender = id[1] === 'f' ? 'female' : 'male';
  return {
    id,
    name: displayName(id),
    language: lang.tag,
    languageName: lang.name,
    gender,
    tags: ['kokoro', 'neural'],
    grade: GRADES.get(id) ?? null,
  };
}

/**
 * A blend's gender: the shared gender when every part is a preset of that gender, otherwise unknown
 * (a mix of a female and a male voice, or of saved blends, has no gender we could honestly name).
 */
export function blendGender(voiceIds: readonly string[]): Gender {
  const genders = new Set(voiceIds.map((id) => (isPresetVoice(id) ? kokoroVoice(id).gender : 'unknown')));
  const [only] = genders;
  return genders.size === 1 && only ? only : 'unknown';
}

export function kokoroCatalog(): EngineVoice[] {
  return IDS.map(kokoroVoice);
}
