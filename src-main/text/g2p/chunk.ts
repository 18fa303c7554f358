// Cuts a phoneme string into the pieces Kokoro is given, one model call each, only where the
// reference pipelines cut. kokoro-js synthesizes whole sentences; hexgrad's KPipeline cuts only past
// 510 tokens, at the last `!.?…`, else `:;`, else `,—` (kokoro/pipeline.py waterfall_last), and at
// a word only when a clause alone is longer than that. So whole sentences are packed into chunks,
// and a sentence is cut inside only when it is over 510 tokens. A chunk that ends mid-clause gets the
// prosody of a finished phrase (falling pitch, final lengthening) in the middle of a sentence,
// which is what our earlier short first chunk, cut at a word, did.
//
// First audio still comes early, without a fragment: the first chunk is the opening sentence alone
// (or as many whole sentences as fit its smaller target), and when that sentence is longer than
// the target, its leading clauses, cut at `:;` or `,—` as the reference would, up to the target and
// at least one. A sentence with no clause mark is never cut for speed.
import type { G2PResult } from './types';
import { countTokens, MAX_PHONEME_TOKENS } from './vocab';

// Where each level may cut: just after the match, closing quotes and brackets staying with their
// mark. A sentence end needs a space after it; a clause mark does not (a dash may join two words).
const SENTENCE_END = /(?<=[.!?…][”")]*)\s+/gu;
/** The reference's clause waterfall, strongest first. */
const CLAUSE_MARKS: readonly RegExp[] = [/(?<=[:;][”")]*)\s*/gu, /(?<=[,—][”")]*)\s*/gu];
const WORD_GAP = / +/gu;

export interface KokoroChunkLimits {
  /** Whole sentences are packed into one call up to this many ids (at most 510, the model's limit). */
  maxTokens?: number;
  /** The first call's target: the opening sentence alone, or its leading clauses, up to this. */
  firstChunkMaxTokens?: number;
}

/**
 * A piece of the text as written, with the space after it (so chunks rejoin exactly) and its ids
 * without that space (what a chunk ending with it costs).
 */
interface Piece {
  text: string;
  tokens: number;
}

function piece(text: string): Piece {
  return { text, tokens: countTokens(text.trimEnd()) };
}

/** The text split just after every separator match, nothing dropped. */
function cut(text: string, at: RegExp): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (const m of text.matchAll(at)) {
    const end = m.index + m[0].length;
    if (end > from && end < text.length) {
      out.push(piece(text.slice(from, end)));
      from = end;
    }
  }
  out.push(piece(text.slice(from)));
  return out;
}

/** Whole pieces joined greedily, chunk i at most `limit(i)` ids (a piece over it stands alone). */
function pack(pieces: readonly Piece[], limit: (chunk: number) => number): Piece[] {
  const out: Piece[] = [];
  let text = '';
  let tokens = 0;
  for (const p of pieces) {
    // Counting the pieces so far with their spaces, and this one without its own.
    if (text && tokens + p.tokens > limit(out.length)) {
      out.push(piece(text));
      text = '';
      tokens = 0;
    }
    text += p.text;
    tokens += countTokens(p.text);
  }
  if (text) out.push(piece(text));
  return out;
}

/** A single word over the limit can only be sliced. */
function slice(word: Piece, limit: number): Piece[] {
  const out: Piece[] = [];
  let text = '';
  let tokens = 0;
  for (const c of word.text) {
    const k = countTokens(c);
    if (tokens + k > limit && text) {
      out.push(piece(text));
      text = '';
      tokens = 0;
    }
    text += c;
    tokens += k;
  }
  if (text) out.push(piece(text));
  return out;
}

/**
 * A sentence as pieces of at most 510 ids: itself when it fits; otherwise cut at `:;`, then `,—`,
 * then words (the reference's waterfall), the pieces of each level packed as full as they go.
 */
function underModelLimit(sentence: Piece, level = 0): Piece[] {
  if (sentence.tokens <= MAX_PHONEME_TOKENS) return [sentence];
  if (level > CLAUSE_MARKS.length) return slice(sentence, MAX_PHONEME_TOKENS);
  const parts = cut(sentence.text, CLAUSE_MARKS[level] ?? WORD_GAP);
  if (parts.length === 1) return underModelLimit(sentence, level + 1);
  return pack(parts.flatMap((p) => underModelLimit(p, level + 1)), () => MAX_PHONEME_TOKENS);
}

/**
 * The leading clauses of a sentence longer than `target`: as many `:;` clauses as fit, else the
 * first one's `,—` clauses, at least one; the whole sentence when it has no clause mark.
 */
function leadingClauses(sentence: Piece, target: number, level = 0): Piece {
  if (sentence.tokens <= target || level >= CLAUSE_MARKS.length) return sentence;
  const parts = cut(sentence.text, CLAUSE_MARKS[level]!);
  const [head] = pack(parts, () => target);
  if (parts.length === 1 || head!.tokens > target) return leadingClauses(head!, target, level + 1);
  return head!;
}

/**
 * Phoneme strings for Kokoro's calls, in order; each ends at a sentence end or, when the reference
 * would also cut there, a clause mark. Accepts a G2P result or its phoneme string.
 */
export function chunkForKokoro(result: G2PResult | string, limits: KokoroChunkLimits = {}): string[] {
  const max = Math.max(1, Math.min(MAX_PHONEME_TOKENS, Math.floor(limits.maxTokens ?? MAX_PHONEME_TOKENS)));
  const first = Math.max(1, Math.min(max, Math.floor(limits.firstChunkMaxTokens ?? max)));
  const phonemes = (typeof result === 'string' ? result : result.phonemes).replace(/\s+/g, ' ').trim();
  if (!phonemes) return [];
  const pieces = cut(phonemes, SENTENCE_END).flatMap((s) => underModelLimit(s));
  const opening = pieces[0]!;
  if (opening.tokens > first) {
    const head = leadingClauses(opening, first);
    if (head.text.length < opening.text.length) pieces.splice(0, 1, head, piece(opening.text.slice(head.text.length)));
  }
  return pack(pieces, (chunk) => (chunk === 0 ? first : max)).map((c) => c.text.trim());
}
