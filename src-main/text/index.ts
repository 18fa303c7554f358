// The text front end: turns what the user typed into the words an engine should speak, and cuts it
// into sentences and chunks for streaming synthesis. Core, server, CLI and tests all come in here.
import { chunkText } from './chunk';
import { cleanupText } from './cleanup';
import { normalizerFor } from './languages';
import { splitClauses, splitSentences } from './sentences';

export { chunkText, splitClauses, splitSentences };
export type { ChunkOptions } from './chunk';
export { registerNormalizer, type Normalizer } from './languages';

/**
 * The words that will be spoken. English (the default) gets numbers, dates, money, units,
 * abbreviations, links and symbols written out; other languages get clean-up only. Never throws.
 */
export function normalizeText(text: string, language?: string): string {
  const clean = cleanupText(typeof text === 'string' ? text : '');
  const normalize = normalizerFor(language);
  return normalize ? normalize(clean) : clean;
}

export function prepareText(text: string, language?: string): { spoken: string; sentences: string[] } {
  const spoken = normalizeText(text, language);
  return { spoken, sentences: splitSentences(spoken, language) };
}
