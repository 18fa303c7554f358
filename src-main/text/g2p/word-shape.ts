// What a word's spelling says about how to read it when no lexicon knows it. Technical text is full
// of words built from other words (OpenWebUI, macOS, eSpeak) and of initialisms (HTML, npm) that
// espeak reads as one word ("jee-pus" for GPUs). Splitting and spelling from the shape alone keeps
// them on the lexicon path; only words that look pronounceable are left to espeak.

/**
 * CamelCase and PascalCase pieces, as misaki's subtokenizer cuts them: before a capital that follows
 * a small letter (Open|Web), and before the last capital of a run that starts a new word (JS|Zip,
 * SQ|Lite). A word with one piece is returned as it is.
 */
export function splitCamel(word: string): string[] {
  if (!/^[A-Za-z]+$/.test(word)) return [word];
  return word.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g) ?? [word];
}

/** English onsets of two consonant letters (the first syllable of SCUBA, TRON, BLEU). */
const ONSETS = new Set([
  'BL', 'BR', 'CH', 'CL', 'CR', 'DR', 'DW', 'FL', 'FR', 'GL', 'GR', 'KL', 'KR', 'KN', 'PH', 'PL', 'PR', 'SC', 'SH',
  'SK', 'SL', 'SM', 'SN', 'SP', 'ST', 'SW', 'TH', 'TR', 'TW', 'WH', 'WR', 'QU',
]);
const CAPS_SYLLABLES = /^([B-DF-HJ-NP-TV-Z]{0,2})(?:[AEIOUY]{1,2}[B-DF-HJ-NP-TV-Z]{1,2}){1,5}[AEIOUY]{0,2}$|^([B-DF-HJ-NP-TV-Z]{0,2})(?:[AEIOUY]{1,2}[B-DF-HJ-NP-TV-Z]{1,2}){0,5}[AEIOUY]{1,2}$/;

/**
 * Whether capitals read as a word (SCUBA, CUDA, LUFS) rather than letter by letter (HTML, IEEE,
 * GPU). Three letters or fewer are spelled: CEO, FAQ, API, URL are said as letters, and the short
 * ones that are words (RAM, GIF) are in the lexicon. Longer ones need vowels alternating with at
 * most two consonants, and an onset English allows.
 */
export function capsReadAsWord(word: string): boolean {
  if (word.length <= 3 || !/^[A-Z]+$/.test(word)) return false;
  const m = CAPS_SYLLABLES.exec(word);
  if (!m) return false;
  const onset = m[1] ?? m[2] ?? '';
  return onset.length < 2 || ONSETS.has(onset);
}

/** Letters with no vowel (npm, src, tmp) cannot be read as a word: they are spelled. */
export function hasNoVowelLetter(word: string): boolean {
  return /^[A-Za-z]{2,6}$/.test(word) && !/[aeiouyAEIOUY]/.test(word);
}
