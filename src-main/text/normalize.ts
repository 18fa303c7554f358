// The one entry to normalization: clean-up, then the language's normalizer (languages.ts).
import { cleanupText } from './cleanup';
import { normalizerFor } from './languages';

/**
 * The words that will be spoken. English (the default) gets numbers, dates, money, units,
 * abbreviations, links and symbols written out; other languages get clean-up only. Never throws.
 */
export function normalizeText(text: string, language?: string): string {
  const clean = cleanupText(typeof text === 'string' ? text : '');
  const normalize = normalizerFor(language);
  return normalize ? normalize(clean) : clean;
}
