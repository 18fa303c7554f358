// Which G2P serves each Kokoro language (ENGINES 1.6). Japanese and Mandarin use no espeak voice:
// Kokoro's voices for them were trained on misaki's cutlet / pypinyin front ends, whose symbol
// conventions espeak does not produce (Mandarin tones as arrows, Japanese moras in misaki's
// broad IPA), so they have their own paths (japanese/, mandarin/).
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

/** Languages Koe Studio cannot read for Kokoro, with the reason; none since Japanese and Mandarin came. */
export const UNSUPPORTED_REASON: Readonly<Partial<Record<KokoroLang, string>>> = {};
