// Which normalizer serves which language. A language plugs in by adding an entry keyed by its tag
// or primary subtag; languages without one get clean-up only, and their digits are left to the
// speech engine (espeak-ng reads numbers in each of its languages better than English rules would).
import { normalizeEnglish } from './normalize-en';

/** Receives text already through cleanupText. */
export type Normalizer = (text: string) => string;

const american: Normalizer = (t) => normalizeEnglish(t, { dayFirst: false, numbers: {} });
const british: Normalizer = (t) => normalizeEnglish(t, { dayFirst: true, numbers: { hundredAnd: true } });

const NORMALIZERS = new Map<string, Normalizer>([
  ['en', american],
  ['en-us', american],
  ['en-gb', british],
  ['en-au', british],
  ['en-nz', british],
  ['en-ie', british],
  ['en-za', british],
]);

export const DEFAULT_LANGUAGE = 'en';

export function registerNormalizer(tag: string, normalizer: Normalizer): void {
  NORMALIZERS.set(tag.toLowerCase(), normalizer);
}

/**
 * Longest registered prefix of the tag wins: "en-GB-x-rp" → en-gb, "en-029" → en. No language
 * means English, the app's default; an unknown one gets no normalizer.
 */
export function normalizerFor(language?: string): Normalizer | null {
  let tag = (language ?? '').trim().toLowerCase().replace(/_/g, '-') || DEFAULT_LANGUAGE;
  for (;;) {
    const found = NORMALIZERS.get(tag);
    if (found) return found;
    const dash = tag.lastIndexOf('-');
    if (dash <= 0) return null;
    tag = tag.slice(0, dash);
  }
}
