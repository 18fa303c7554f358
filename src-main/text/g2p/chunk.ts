// Cuts a phoneme string into pieces Kokoro can take in one call (≤ 510 ids). Cuts fall after
// sentence marks where possible, then after clause marks, then between words; a word is never cut
// (a half word is read as two wrong words), except one longer than a whole chunk, which can only
// be sliced. Pieces are packed greedily, so a paragraph becomes as few calls as fit. The first
// chunk may be held smaller, so the first audio is ready sooner (a short call returns quickly).
import type { G2PResult } from './types';
import { countTokens, MAX_PHONEME_TOKENS } from './vocab';

/**
 * Where each level may cut: after the matched separator. Pieces keep the text between cuts
 * verbatim (a dash with no space after it stays without one); chunk edges are trimmed.
 */
const LEVELS: readonly RegExp[] = [
  /(?<=[.!?…][”")]*)\s+/gu, // sentence ends
  /(?<=[,;:—][”")]*)\s*/gu, // clause marks
  / +/gu, // word boundaries
];

interface Packer {
  out: string[];
  current: string;
  tokens: number;
  max: number;
  firstMax: number;
}

const limit = (p: Packer): number => (p.out.length === 0 ? p.firstMax : p.max);

function flush(p: Packer): void {
  const text = p.current.trim();
  if (text) p.out.push(text);
  p.current = '';
  p.tokens = 0;
}

function add(p: Packer, piece: string, level: number): void {
  const n = countTokens(piece);
  if (p.tokens + n <= limit(p)) {
    p.current += piece;
    p.tokens += n;
    return;
  }
  // A trailing space is trimmed when the chunk closes, so it may overhang the limit.
  if (p.tokens + countTokens(piece.trimEnd()) <= limit(p)) {
    p.current += piece;
    flush(p);
    return;
  }
  if (p.current.trim()) flush(p);
  if (countTokens(piece.trim()) <= limit(p)) {
    p.current = piece.trimStart();
    p.tokens = countTokens(p.current);
    return;
  }
  if (level < LEVELS.length) {
    for (const sub of cut(piece, LEVELS[level]!)) add(p, sub, level + 1);
    return;
  }
  // A single "word" longer than a chunk: slicing it is the only cut left.
  for (const slice of sliceTokens(piece.trim(), limit(p))) {
    p.current = slice;
    p.tokens = countTokens(slice);
    flush(p);
  }
}

/** The text split just after every separator match, nothing dropped. */
function cut(text: string, at: RegExp): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of text.matchAll(at)) {
    const end = m.index + m[0].length;
    if (end > from && end < text.length) {
      out.push(text.slice(from, end));
      from = end;
    }
  }
  out.push(text.slice(from));
  return out;
}

function sliceTokens(word: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  let n = 0;
  for (const c of word) {
    const k = countTokens(c);
    if (n + k > max && cur) {
      out.push(cur);
      cur = '';
      n = 0;
    }
    cur += c;
    n += k;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Phoneme strings of at most `maxTokens` ids (default and ceiling 510), the first at most
 * `firstChunkMaxTokens`. Accepts a G2P result or its phoneme string.
 */
export function chunkForKokoro(result: G2PResult | string, opts?: { maxTokens?: number; firstChunkMaxTokens?: number }): string[] {
  const max = Math.max(1, Math.min(MAX_PHONEME_TOKENS, Math.floor(opts?.maxTokens ?? MAX_PHONEME_TOKENS)));
  const firstMax = Math.max(1, Math.min(max, Math.floor(opts?.firstChunkMaxTokens ?? max)));
  const phonemes = (typeof result === 'string' ? result : result.phonemes).replace(/\s+/g, ' ').trim();
  if (!phonemes) return [];
  const p: Packer = { out: [], current: '', tokens: 0, max, firstMax };
  add(p, phonemes, 0);
  flush(p);
  return p.out;
}
