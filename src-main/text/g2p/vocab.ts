// Kokoro-82M v1.0's phoneme vocabulary (config.json `vocab`, ENGINES 1.4) and the tokenizer that
// turns a phoneme string into model ids. Each symbol is one code point, so tokenizing is a walk over
// code points; anything the model lacks is dropped (as every reference runtime does) but reported,
// because a silently vanished symbol is how a word ends up mispronounced with no trace.

/** [id, symbol] pairs exactly as the model's config lists them; id 0 is the pad and is not a symbol. */
const VOCAB_TABLE: readonly (readonly [number, string])[] = [
  [1, ';'], [2, ':'], [3, ','], [4, '.'], [5, '!'], [6, '?'], [9, '\u2014'], [10, '\u2026'], [11, '"'],
  [12, '('], [13, ')'], [14, '\u201c'], [15, '\u201d'], [16, ' '], [17, '\u0303'], [18, 'ʣ'], [19, 'ʥ'],
  [20, 'ʦ'], [21, 'ʨ'], [22, 'ᵝ'], [23, '\uab67'], [24, 'A'], [25, 'I'], [31, 'O'], [33, 'Q'], [35, 'S'],
  [36, 'T'], [39, 'W'], [41, 'Y'], [42, 'ᵊ'], [43, 'a'], [44, 'b'], [45, 'c'], [46, 'd'], [47, 'e'],
  [48, 'f'], [50, 'h'], [51, 'i'], [52, 'j'], [53, 'k'], [54, 'l'], [55, 'm'], [56, 'n'], [57, 'o'],
  [58, 'p'], [59, 'q'], [60, 'r'], [61, 's'], [62, 't'], [63, 'u'], [64, 'v'], [65, 'w'], [66, 'x'],
  [67, 'y'], [68, 'z'], [69, 'ɑ'], [70, 'ɐ'], [71, 'ɒ'], [72, 'æ'], [75, 'β'], [76, 'ɔ'], [77, 'ɕ'],
  [78, 'ç'], [80, 'ɖ'], [81, 'ð'], [82, 'ʤ'], [83, 'ə'], [85, 'ɚ'], [86, 'ɛ'], [87, 'ɜ'], [90, 'ɟ'],
  [92, 'ɡ'], [99, 'ɥ'], [101, 'ɨ'], [102, 'ɪ'], [103, 'ʝ'], [110, 'ɯ'], [111, 'ɰ'], [112, 'ŋ'],
  [113, 'ɳ'], [114, 'ɲ'], [115, 'ɴ'], [116, 'ø'], [118, 'ɸ'], [119, 'θ'], [120, 'œ'], [123, 'ɹ'],
  [125, 'ɾ'], [126, 'ɻ'], [128, 'ʁ'], [129, 'ɽ'], [130, 'ʂ'], [131, 'ʃ'], [132, 'ʈ'], [133, 'ʧ'],
  [135, 'ʊ'], [136, 'ʋ'], [138, 'ʌ'], [139, 'ɣ'], [140, 'ɤ'], [142, 'χ'], [143, 'ʎ'], [147, 'ʒ'],
  [148, 'ʔ'], [156, 'ˈ'], [157, 'ˌ'], [158, 'ː'], [162, 'ʰ'], [164, 'ʲ'], [169, '↓'], [171, '→'],
  [172, '↗'], [173, '↘'], [177, 'ᵻ'],
];

/** The longest id sequence the model takes, not counting the pad on each side. */
export const MAX_PHONEME_TOKENS = 510;

const IDS = new Map<string, number>(VOCAB_TABLE.map(([id, symbol]) => [symbol, id]));

/** The symbol → id table (read-only view), for tests and diagnostics. */
export const KOKORO_VOCAB: ReadonlyMap<string, number> = IDS;

export function isKokoroSymbol(symbol: string): boolean {
  return IDS.has(symbol);
}

/**
 * Model ids for a phoneme string. Unknown symbols are dropped (the model would ignore them anyway)
 * and listed once each in `dropped`, so callers can log or show them.
 */
export function tokenize(phonemes: string): { ids: number[]; dropped: string[] } {
  const ids: number[] = [];
  const dropped = new Set<string>();
  for (const symbol of phonemes) {
    const id = IDS.get(symbol);
    if (id === undefined) dropped.add(symbol);
    else ids.push(id);
  }
  return { ids, dropped: [...dropped] };
}

/** How many ids `tokenize` would produce, without building the array (chunking counts a lot). */
export function countTokens(phonemes: string): number {
  let n = 0;
  for (const symbol of phonemes) if (IDS.has(symbol)) n++;
  return n;
}
