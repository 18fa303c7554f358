// The text front end: turns what the user typed into the words an engine should speak, and cuts it
// into sentences and chunks for streaming synthesis. Core, server, CLI and tests all come in here.
import { chunkText } from './chunk';
import { normalizeText } from './normalize';
import { splitClauses, splitSentences } from './sentences';

export { chunkText, normalizeText, splitClauses, splitSentences };
export type { ChunkOptions } from './chunk';
export { registerNormalizer, type Normalizer } from './languages';
export { planMarkedText, type PlannedChunk, type MarkupPlanOptions } from './markup-plan';
export { EMPHASIS, stripMarkup, parseMarkup } from '../script/markup';

export function prepareText(text: string, language?: string): { spoken: string; sentences: string[] } {
  const spoken = normalizeText(text, language);
  return { spoken, sentences: splitSentences(spoken, language) };
}
