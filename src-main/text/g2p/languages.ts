// Which G2P serves each Kokoro language (ENGINES 1.6). Japanese and Mandarin are left out on
// purpose: Kokoro's voices for them were trained on misaki's pyopenjtalk / pypinyin front ends,
// whose symbol conventions espeak does not produce (no pitch accent for Japanese; Mandarin tones
// as arrows), so espeak would give audio that is confidently wrong. Saying "not supported" is
// better than that.
import type { KokoroLang } from './types';

const ESPEAK_VOICES: Readonly<Record<KokoroLang, string | null>> = {
  a: 'en-us',
  b: 'en-gb',
  e: 'es',
  f: 'fr-fr',
  h: 'hi',
  i: 'it',
  p: 'pt-br',
  j: null,
  z: null,
};

export const KOKORO_LANGS: readonly KokoroLang[] = ['a', 'b', 'e', 'f', 'h', 'i', 'p', 'j', 'z'];

export function isKokoroLang(x: unknown): x is KokoroLang {
  return typeof x === 'string' && (KOKORO_LANGS as readonly string[]).includes(x);
}

/** The espeak-ng voice whose IPA Kokoro's pipeline uses for `lang`, or null where it uses none. */
export function espeakEspeakVoiceFor(lang: KokoroLang): string | null {
  return ESPEAK_VOICES[lang] ?? null;
}

export const UNSUPPORTED_REASON: Readonly<Partial<Record<KokoroLang, string>>> = {
  j: 'Japanese Kokoro voices need a Japanese reading and pitch-accent front end (misaki uses pyopenjtalk), which Koe Studio does not have yet; espeak would mispronounce them.',
  z: 'Mandarin Kokoro voices need a Chinese word segmenter and pinyin tone front end (misaki uses jieba and pypinyin), which Koe Studio does not have yet; espeak would mispronounce them.',
};
