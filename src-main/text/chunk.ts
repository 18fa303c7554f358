// Packs text into the pieces the engine synthesizes one at a time. Whole sentences keep prosody
// natural; a short first piece gets audio playing sooner, since synthesis time grows with length.
import { clauseEnds, splitSentences } from './sentences';

const TERMINATED_RE = /[.!?…。！？]["'”’)\]»」』]*$/u;

export interface ChunkOptions {
  maxChars: number;
  /** Limit for the first chunk only, so the first audio arrives quickly. Defaults to maxChars. */
  firstMaxChars?: number;
}

/**
 * Where to end a piece of `s` that starts at `from` and should be at most `limit` long: at the last
 * clause mark that fits; else at the end of the clause, when the whole clause fits `hardLimit` (the
 * short first piece may run to the end of its clause rather than stop mid-clause: an engine gives a
 * fragment the falling pitch of a finished phrase); only a clause longer than `hardLimit` is cut at
 * the last space that fits. A first word longer than the limit is taken whole, since a cut word is
 * mispronounced. `ends` is `clauseEnds(s)`, `ci` a cursor into it that only moves forward, so
 * cutting a long sentence stays linear in its length.
 */
function cutPoint(s: string, from: number, limit: number, hardLimit: number, ends: number[], cursor: { ci: number }): number {
  while (cursor.ci < ends.length && ends[cursor.ci]! <= from) cursor.ci++;
  let cut = -1;
  for (let k = cursor.ci; k < ends.length && ends[k]! - from <= limit; k++) cut = ends[k]!;
  if (cut > from) return cut;
  const clauseEnd = cursor.ci < ends.length ? ends[cursor.ci]! : s.length;
  if (clauseEnd - from <= hardLimit) return clauseEnd;
  const space = s.lastIndexOf(' ', from + limit);
  if (space > from) return space;
  const after = s.indexOf(' ', from + limit);
  return after === -1 ? s.length : after;
}

export function chunkText(text: string, opts: ChunkOptions): string[] {
  const max = Math.max(1, Math.floor(opts.maxChars) || 1);
  const first = Math.min(max, Math.max(1, Math.floor(opts.firstMaxChars ?? max) || max));
  const chunks: string[] = [];
  let current = '';
  const limit = (): number => (chunks.length === 0 ? first : max);
  const flush = (): void => {
    if (current) chunks.push(current);
    current = '';
  };

  for (const sentence of splitSentences(text)) {
    // A line without closing punctuation (a title, a list item) would run into the next sentence
    // with no pause if packed with it; it closes its chunk instead.
    const open = !TERMINATED_RE.test(sentence);
    if (current && current.length + 1 + sentence.length <= limit()) {
      current += ` ${sentence}`;
      if (open) flush();
      continue;
    }
    flush();
    if (sentence.length <= limit()) {
      current = sentence;
      if (open) flush();
      continue;
    }
    // Too long for one chunk: cut into pieces at clause marks; the last piece may still share a chunk with what follows.
    const ends = clauseEnds(sentence);
    const cursor = { ci: 0 };
    let pos = 0;
    while (pos < sentence.length) {
      const lim = limit();
      if (sentence.length - pos <= lim) {
        current = sentence.slice(pos);
        if (open) flush();
        break;
      }
      const cut = cutPoint(sentence, pos, lim, max, ends, cursor);
      const piece = sentence.slice(pos, cut).trim();
      if (piece) chunks.push(piece);
      pos = cut;
      while (sentence[pos] === ' ') pos++;
    }
  }
  flush();
  return chunks;
}
