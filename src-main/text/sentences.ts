// Sentence and clause boundaries. Speech is synthesized a sentence (or clause) at a time, so a wrong
// break puts a pause and a falling pitch in the middle of "Dr. | Smith"; a missed one makes a chunk
// too long to start quickly. Works on raw text and on normalized text alike.
import { NON_TERMINAL, SENTENCE_STARTERS } from './abbreviations';

// Terminal punctuation with any closing quotes or brackets after it. Western marks must be followed
// by a space or the end ("3.14", "example.com" are not ends); CJK marks end a sentence outright.
// A match may only begin where a run of marks begins: otherwise a long run of dots with a letter
// after it would be retried from every dot, which is quadratic.
const TERMINAL_RE = /(?<![.!?…])[.!?…]+["'”’)\]»]*(?=\s|$)|[。！？]+["'”’)\]»」』]*/gu;
const LOWER_RE = /\p{Ll}/u;
const UPPER_RE = /\p{Lu}/u;
const INITIALISM_RE = /^(?:\p{L}\.)*\p{Lu}$/u;
const NEXT_WORD_RE = /\s+["'([“‘]?([\p{L}\p{N}][\p{L}'-]*)/uy;
const NUMBER_PREFIXES = new Set(['No', 'no', 'Nos', 'nos', 'p', 'pp', 'Fig', 'fig', 'Vol', 'vol', 'ca', 'approx']);

function wordBefore(line: string, dot: number): string {
  let k = dot;
  while (k > 0 && !/\s/.test(line[k - 1]!)) k--;
  return line.slice(k, dot).replace(/^["'([“‘]+/, '');
}

/** Whether the terminal mark at `at` (ending at `end`) really closes a sentence. */
function isBoundary(line: string, at: number, end: number): boolean {
  const mark = line[at]!;
  if (mark === '。' || mark === '！' || mark === '？') return true;
  NEXT_WORD_RE.lastIndex = end;
  const next = NEXT_WORD_RE.exec(line)?.[1];
  if (next === undefined) return true;
  const first = next[0]!;
  if (LOWER_RE.test(first)) return false;
  if (mark !== '.' || line[at + 1] === '.') return true;
  const word = wordBefore(line, at);
  if (/^\d/.test(first)) return !NUMBER_PREFIXES.has(word);
  if (NON_TERMINAL.has(word)) return (word === 'St' || word === 'Dr') && SENTENCE_STARTERS.has(next);
  // "J. R. R. Tolkien", "the U.S. Army": an initial before a name; before "The" it ends a sentence.
  if (INITIALISM_RE.test(word) && UPPER_RE.test(first) && !SENTENCE_STARTERS.has(next)) return false;
  return true;
}

function splitLine(line: string, out: string[]): void {
  let from = 0;
  TERMINAL_RE.lastIndex = 0;
  for (let m = TERMINAL_RE.exec(line); m; m = TERMINAL_RE.exec(line)) {
    const end = m.index + m[0].length;
    if (!isBoundary(line, m.index, end)) continue;
    const s = line.slice(from, end).trim();
    if (s) out.push(s);
    from = end;
  }
  const rest = line.slice(from).trim();
  if (rest) out.push(rest);
}

/** Sentences in order, trimmed, none empty. Every line break is also a sentence break. */
export function splitSentences(text: string, _language?: string): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const line of text.split('\n')) if (line.trim()) splitLine(line, out);
  return out;
}

// After a comma, semicolon or colon followed by a space; after any dash used as punctuation
// (an en dash between digits is a range); after CJK clause marks.
const CLAUSE_RE = /[,;:](?=\s)|\s-(?=\s)|—|(?<!\d)–|–(?!\d)|[，、；：]/gu;

/** Offsets just after each clause-ending mark, in order; ends of text excluded. */
export function clauseEnds(sentence: string): number[] {
  const ends: number[] = [];
  CLAUSE_RE.lastIndex = 0;
  for (let m = CLAUSE_RE.exec(sentence); m; m = CLAUSE_RE.exec(sentence)) {
    const end = m.index + m[0].length;
    if (end < sentence.length) ends.push(end);
  }
  return ends;
}

/** Clauses with their punctuation kept on the left: "Well, yes; no" → ["Well,", "yes;", "no"]. */
export function splitClauses(sentence: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const end of clauseEnds(sentence)) {
    const part = sentence.slice(from, end).trim();
    if (part) out.push(part);
    from = end;
  }
  const rest = sentence.slice(from).trim();
  if (rest) out.push(rest);
  return out;
}
