// The 54 Kokoro v1.0 voices as the library shows them. The id's first letter is Kokoro's language
// code and the second the gender (ENGINES.md 1.5); grades are the published ones for the English
// voices and null where none were published, rather than guessed.
import type { Gender } from '../../contract/schemas';
import type { KokoroLang } from '../../text/g2p/types';
import type { EngineVoice } from '../types';

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

/** Voice id → published overall grade (English voices only). */
const GRADES: Readonly<Record<string, string>> = {
  af_heart: 'A', af_alloy: 'C', af_aoede: 'C+', af_bella: 'A-', af_jessica: 'D', af_kore: 'C+', af_nicole: 'B-',
  af_nova: 'C', af_river: 'D', af_sarah: 'C+', af_sky: 'C-', am_adam: 'F+', am_echo: 'D', am_eric: 'D', am_fenrir: 'C+',
  am_liam: 'D', am_michael: 'C+', am_onyx: 'D', am_puck: 'C+', am_santa: 'D-', bf_alice: 'D', bf_emma: 'B-',
  bf_isabella: 'C', bf_lily: 'D', bm_daniel: 'D', bm_fable: 'C', bm_george: 'C', bm_lewis: 'D+',
};

const IDS = [
  'af_heart', 'af_alloy', 'af_aoede', 'af_bella', 'af_jessica', 'af_kore', 'af_nicole', 'af_nova', 'af_river', 'af_sarah', 'af_sky',
  'am_adam', 'am_echo', 'am_eric', 'am_fenrir', 'am_liam', 'am_michael', 'am_onyx', 'am_puck', 'am_santa',
  'bf_alice', 'bf_emma', 'bf_isabella', 'bf_lily', 'bm_daniel', 'bm_fable', 'bm_george', 'bm_lewis',
  'ef_dora', 'em_alex', 'em_santa', 'ff_siwis', 'hf_alpha', 'hf_beta', 'hm_omega', 'hm_psi', 'if_sara', 'im_nicola',
  'jf_alpha', 'jf_gongitsune', 'jf_nezumi', 'jf_tebukuro', 'jm_kumo', 'pf_dora', 'pm_alex', 'pm_santa',
  'zf_xiaobei', 'zf_xiaoni', 'zf_xiaoxiao', 'zf_xiaoyi', 'zm_yunjian', 'zm_yunxi', 'zm_yunxia', 'zm_yunyang',
] as const;

export type KokoroVoiceId = (typeof IDS)[number];
export const KOKORO_VOICE_IDS: readonly string[] = IDS;

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
    grade: GRADES[id] ?? null,
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
