// The shapes the Kokoro text path shares with its callers (engine, UI, CLI). Kept apart from the
// code so the engine and tests can import them without pulling in lexicons or espeak.

/** Kokoro's language codes (the first letter of a voice id, ENGINES 1.5). */
export type KokoroLang = 'a' | 'b' | 'e' | 'f' | 'h' | 'i' | 'p' | 'j' | 'z';

/**
 * Where a word's phonemes came from, best first. `morphology` means a lexicon stem plus a suffix
 * rule; `espeak` means nothing better knew the word (the figure the fallback-rate test counts).
 */
export type WordSource = 'user' | 'gold' | 'silver' | 'morphology' | 'espeak' | 'punctuation';

/**
 * Japanese and Mandarin words: `dictionary` is the analyzer's reading (IPADIC for Japanese,
 * pinyin-pro for Mandarin); `unknown` is a character no dictionary could read (skipped, and named
 * in the result's warnings).
 */
export type CjkWordSource = 'dictionary' | 'unknown';

/**
 * One unit of the input and its phonemes. For English this is a word (a hyphenated compound is one
 * word) or a punctuation mark. For the espeak languages it is a run of words between punctuation,
 * because espeak reads a run as a whole (French liaison crosses word boundaries).
 */
export interface G2PWord {
  text: string;
  phonemes: string;
  source: WordSource | CjkWordSource;
}

export interface G2PResult {
  /** Kokoro/misaki symbols, words separated by single spaces, punctuation kept. */
  phonemes: string;
  words: G2PWord[];
  /** What could not be read and was skipped, each naming its place (Japanese and Mandarin). */
  warnings?: string[];
}

/**
 * A user pronunciation. `phonemes` are Kokoro/misaki symbols (common IPA is accepted and mapped);
 * `respelling` is a plain spelling ("koh ay") read by the same path as any other text. When both are
 * given, `phonemes` wins. `word` may hold several words ("Koe Studio"); matching ignores case but
 * prefers an entry whose case is exact.
 */
export interface UserEntry {
  word: string;
  phonemes?: string;
  respelling?: string;
}

/**
 * espeak-ng producing IPA. The result holds one line per clause espeak printed, joined with '\n'
 * (a blank line in the input ends a clause, which is how a batch of words is kept apart).
 * `tie` puts that character between the letters of a multi-letter phoneme (`t^ʃ`).
 */
export interface EspeakIpa {
  ipa(text: string, espeakVoice: string, opts?: { tie?: string }): Promise<string>;
}

/** Paths of misaki's lexicon JSON files (as in ../shared/data/misaki). */
export interface LexiconFiles {
  usGold: string;
  usSilver: string;
  gbGold: string;
  gbSilver: string;
}

export interface PhonemizeOptions {
  /** User dictionaries, highest priority first (project, then global). */
  user?: readonly (readonly UserEntry[])[];
  signal?: AbortSignal;
}

export interface G2P {
  phonemize(text: string, lang: KokoroLang, opts?: PhonemizeOptions): Promise<G2PResult>;
  /**
   * Whether `phonemize` can serve the language. `reason` says why not, or, when available, what is
   * degraded (English without its dictionaries falls back to espeak alone); null when all is well.
   */
  availability(lang: KokoroLang): { available: boolean; reason: string | null };
}
