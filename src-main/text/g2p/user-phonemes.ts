// Phonemes typed by a user (a dictionary entry). People paste IPA from dictionaries and Wikipedia,
// not misaki's private notation, so common IPA spellings are mapped (t͡ʃ → ʧ, eɪ → A, g → ɡ,
// ː written as a colon...) and anything Kokoro still lacks is refused with the symbols named:
// Kokoro drops unknown symbols silently, and a silently shortened word is a bug report nobody can
// reproduce.
import { isKokoroSymbol } from './vocab';

const TIE_BARS = /[\u0361\u035c\u203f^]/g;

/** Ordered: affricates before the bare tie bars go, diphthongs after. */
const IPA_TO_MISAKI: readonly (readonly [string | RegExp, string])[] = [
  [/^\s*[/[]\s*|\s*[/\]]\s*$/g, ''], // /ˈkoʊ/ and [ˈkoʊ] as dictionaries print them
  [/t[\u0361\u035c]?ʃ/g, 'ʧ'],
  [/d[\u0361\u035c]?ʒ/g, 'ʤ'],
  [/t[\u0361\u035c]s/g, 'ʦ'],
  [/d[\u0361\u035c]z/g, 'ʣ'],
  [/t[\u0361\u035c]?ɕ/g, 'ʨ'],
  [/d[\u0361\u035c]?ʑ/g, 'ʥ'],
  [TIE_BARS, ''],
  ['eɪ', 'A'],
  ['aɪ', 'I'],
  ['ɔɪ', 'Y'],
  ['aʊ', 'W'],
  ['oʊ', 'O'],
  ['əʊ', 'Q'],
  ['g', 'ɡ'],
  [':', 'ː'],
  ["'", 'ˈ'],
  ['ɫ', 'l'],
  ['ɝ', 'ɜɹ'],
  [/(\S)\u0329/g, 'ᵊ$1'], // syllabic consonant, as misaki writes it
  [/(?<=\S)\.(?=\S)/g, ''], // a syllable break inside a word, not a full stop
  [/\s+/g, ' '],
];

function describe(symbol: string): string {
  const code = symbol.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const shown = /\p{M}/u.test(symbol) ? `◌${symbol}` : symbol;
  return `“${shown}” (U+${code})`;
}

export function validateUserPhonemes(p: string): { ok: true; normalized: string } | { ok: false; message: string } {
  let s = (typeof p === 'string' ? p : '').normalize('NFC');
  for (const [from, to] of IPA_TO_MISAKI) s = typeof from === 'string' ? s.replaceAll(from, to) : s.replace(from, to);
  s = s.trim();
  if (!s) return { ok: false, message: 'No phonemes were given.' };
  const unknown = [...new Set([...s].filter((c) => !isKokoroSymbol(c)))];
  if (unknown.length > 0) {
    const capitals = unknown.filter((c) => /\p{Lu}/u.test(c));
    const hint = capitals.length
      ? ' Capital letters are only A I O Q S T W Y, which Kokoro reads as special phonemes (A = eɪ, I = aɪ, O = oʊ, Q = əʊ, W = aʊ, Y = ɔɪ).'
      : '';
    return {
      ok: false,
      message: `Kokoro has no symbol for ${unknown.map(describe).join(', ')}. Use IPA or misaki symbols (e.g. ˈ ˌ ɹ ʃ ʧ ʤ θ ð ŋ ə ɪ ʊ ɛ æ ɑ ɔ ʌ ɜ).${hint}`,
    };
  }
  return { ok: true, normalized: s };
}

/**
 * English voices learned misaki's English subset: r as ɹ, r-coloured vowels as two symbols, and (for
 * American) no length marks. A user's IPA is moved onto that subset so it sounds like lexicon words.
 */
export function adaptToEnglish(ps: string, british: boolean): string {
  let s = ps.replaceAll('r', 'ɹ').replaceAll('ɚ', 'əɹ').replaceAll('ɾ', 'T').replaceAll('ʔ', 't');
  if (!british) s = s.replaceAll('ː', '');
  return s;
}
