// Text preparation and chunking for Pocket TTS (ENGINES.md 2.7). The model was trained on
// sentence-like prompts: capitalised, ending in punctuation, at most ~50 tokens; longer input makes
// it rush, skip or ramble. So the text is tidied the way the reference runtime tidies it, cut after
// sentence ends (never inside a number like 3.14), long sentences cut again at commas, and the
// pieces regrouped greedily under the token budget. Each chunk is prepared again on its own, since
// it becomes a prompt of its own.
import type { PocketConfig } from './config';
import type { SentencePieceTokenizer } from './sentencepiece';

export interface TextChunk {
  text: string;
  ids: number[];
  words: number;
}

const SPACE = '\u2581';

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function preparePrompt(text: string, config: Pick<PocketConfig, 'removeSemicolons' | 'padWithSpacesForShortInputs'>): string {
  let s = text.trim();
  if (!s) return '';
  // A blank line is a sentence break: give the paragraph before it an ending if it has none.
  s = s
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i, all) => (i < all.length - 1 && /[\p{L}\p{N}]$/u.test(p) ? `${p}.` : p))
    .join(' ');
  s = s.replace(/\s*\n\s*/g, ' ').replace(/ {2,}/g, ' ');
  if (config.removeSemicolons) s = s.replaceAll(';', ',');
  s = s.charAt(0).toUpperCase() + s.slice(1);
  if (/[\p{L}\p{N}]$/u.test(s)) s += '.';
  if (config.padWithSpacesForShortInputs && wordCount(s) < 5) s = `        ${s}`;
  return s;
}

/** Ids of the pieces `chars` tokenizes to, less the leading word marker. */
function idsOf(tokenizer: SentencePieceTokenizer, chars: string): Set<number> {
  const ids = tokenizer.encode(chars);
  return new Set(tokenizer.pieceOf(ids[0] ?? -1) === SPACE ? ids.slice(1) : ids);
}

/** Cuts `ids` after every run of `enders`, except a period between two digits. */
function splitAfter(tokenizer: SentencePieceTokenizer, ids: readonly number[], enders: Set<number>): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    cur.push(ids[i]!);
    if (!enders.has(ids[i]!) || enders.has(ids[i + 1] ?? -1)) continue;
    const piece = tokenizer.pieceOf(ids[i]!) ?? '';
    const before = tokenizer.pieceOf(ids[i - 1] ?? -1) ?? '';
    const after = tokenizer.pieceOf(ids[i + 1] ?? -1) ?? '';
    if (piece === '.' && /\d$/.test(before) && /^\d/.test(after)) continue;
    out.push(cur);
    cur = [];
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Last resort for a comma-less run over the budget: cut at word starts. */
function splitAtWords(tokenizer: SentencePieceTokenizer, ids: readonly number[], budget: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (const id of ids) {
    const startsWord = (tokenizer.pieceOf(id) ?? '').startsWith(SPACE);
    if (cur.length >= budget || (startsWord && cur.length >= budget * 0.8)) {
      out.push(cur);
      cur = [];
    }
    cur.push(id);
  }
  if (cur.length) out.push(cur);
  return out;
}

export function chunkForPocket(text: string, tokenizer: SentencePieceTokenizer, config: PocketConfig): TextChunk[] {
  const prepared = preparePrompt(text, config);
  if (!prepared.trim()) return [];
  const budget = config.maxTokensPerChunk;
  const all = tokenizer.encode(prepared);
  const sentenceEnds = idsOf(tokenizer, '.!...?');
  const clauseEnds = idsOf(tokenizer, ',;:');
  const pieces: number[][] = [];
  for (const sentence of splitAfter(tokenizer, all, sentenceEnds)) {
    if (sentence.length <= budget) {
      pieces.push(sentence);
      continue;
    }
    for (const clause of splitAfter(tokenizer, sentence, clauseEnds)) pieces.push(...(clause.length <= budget ? [clause] : splitAtWords(tokenizer, clause, budget)));
  }
  const groups: string[] = [];
  let group: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (group.length && size + piece.length > budget) {
      groups.push(group.join(' '));
      group = [];
      size = 0;
    }
    group.push(tokenizer.decode(piece).trim());
    size += piece.length;
  }
  if (group.length) groups.push(group.join(' '));
  return groups
    .map((g) => preparePrompt(g, config))
    .filter((g) => /[\p{L}\p{N}]/u.test(g))
    .map((g) => ({ text: g, ids: tokenizer.encode(g), words: wordCount(g) }));
}
