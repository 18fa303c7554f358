// Inline markup inside a spoken line, shared by the editor (colours, problems), the speech path
// (what to say how) and subtitles (what to show):
//
//   [Koe](/kˈOA/)            say this word with these phonemes (misaki's link form), this time only
//   [record](+1) [the](-1)   raise or lower the word's stress (misaki: -2, -1, -0.5, +0.5, +1, +2)
//   *really*                 emphasis: a little slower, higher and louder (EMPHASIS below)
//   [rate 0.9]…[/rate]       speak what is inside at 0.9× (0.5–2; nests by multiplying)
//
// Markup that is not closed is reported with its column and otherwise ignored, so the rest of the
// line still speaks. Pure TypeScript: the renderer imports it.

/** What emphasis changes, relative to the line: documented in the README. */
export const EMPHASIS = { rate: 0.9, pitchSteps: 4, gainDb: 2 } as const;
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

export type MarkupPiece =
  | { kind: 'text'; text: string }
  | { kind: 'word'; text: string; phonemes?: string; stress?: number };

/** Consecutive pieces that share a rate and emphasis. */
export interface MarkupRun {
  pieces: MarkupPiece[];
  rate: number;
  emphasis: boolean;
}

export interface MarkupProblem {
  /** 0-based offset into the text, and the length of the markup at fault. */
  at: number;
  length: number;
  message: string;
}

export type MarkupRangeKind = 'syntax' | 'phonemes' | 'emphasis' | 'rate' | 'problem';

/** Where markup sits in the text, for the editor's colours. */
export interface MarkupRange {
  from: number;
  to: number;
  kind: MarkupRangeKind;
  message?: string;
}

export interface ParsedMarkup {
  runs: MarkupRun[];
  /** The text as shown in subtitles: markup removed, words kept. */
  plain: string;
  problems: MarkupProblem[];
  ranges: MarkupRange[];
}

const LINK_RE = /\[([^[\]\n]{1,200})\]\((\/[^/\n)]{1,400}\/|[+-]?(?:2|1|0\.5)|-?0)\)/y;
const LINK_START_RE = /\[([^[\]\n]{1,200})\]\((?=[/+-]|\d)/y;
const RATE_OPEN_RE = /\[\s*rate\s+([^\]\n]{0,40})\]/iy;
const RATE_CLOSE_RE = /\[\s*\/\s*rate\s*\]/iy;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Quick test for text that has no markup at all (the common case costs one scan). */
export function hasMarkup(text: string): boolean {
  return /[*[]/.test(text);
}

const column = (at: number): number => at + 1;

export function parseMarkup(text: string): ParsedMarkup {
  const src = typeof text === 'string' ? text : '';
  const runs: MarkupRun[] = [];
  const problems: MarkupProblem[] = [];
  const ranges: MarkupRange[] = [];
  const plain: string[] = [];
  const rates: { rate: number; at: number; length: number }[] = [];
  let emphasisAt = -1;
  let buffer = '';

  const rateNow = (): number => rates.reduce((r, x) => r * x.rate, 1) * (emphasisAt >= 0 ? EMPHASIS.rate : 1);
  const current = (): MarkupRun => {
    const rate = Math.round(rateNow() * 1000) / 1000;
    const emphasis = emphasisAt >= 0;
    const last = runs.at(-1);
    if (last && last.rate === rate && last.emphasis === emphasis) return last;
    const run: MarkupRun = { pieces: [], rate, emphasis };
    runs.push(run);
    return run;
  };
  const flush = (): void => {
    if (!buffer) return;
    current().pieces.push({ kind: 'text', text: buffer });
    buffer = '';
  };

  // Where each emphasis star that opens has its partner; unpaired stars are reported, not read.
  const stars = pairStars(src);
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '[') {
      LINK_RE.lastIndex = i;
      const link = LINK_RE.exec(src);
      if (link) {
        flush();
        const word = link[1]!;
        const arg = link[2]!;
        const piece: MarkupPiece = arg.startsWith('/') ? { kind: 'word', text: word, phonemes: arg.slice(1, -1) } : { kind: 'word', text: word, stress: Number(arg) };
        current().pieces.push(piece);
        plain.push(word);
        const wordEnd = i + 1 + word.length;
        ranges.push({ from: i, to: i + 1, kind: 'syntax' }, { from: wordEnd, to: i + link[0].length, kind: 'phonemes' });
        i += link[0].length;
        continue;
      }
      LINK_START_RE.lastIndex = i;
      const broken = LINK_START_RE.exec(src);
      if (broken) {
        problems.push({ at: i, length: broken[0].length, message: `The pronunciation of “${broken[1]}” at column ${column(i)} is not closed: write [word](/phonemes/) or [word](+1). It is read as plain text.` });
      }
      RATE_OPEN_RE.lastIndex = i;
      const open = RATE_OPEN_RE.exec(src);
      if (open) {
        flush();
        const value = Number(open[1]!.trim().replace(/x$/i, ''));
        if (!Number.isFinite(value) || value < MIN_RATE || value > MAX_RATE || !open[1]!.trim()) {
          problems.push({ at: i, length: open[0].length, message: `[rate ${open[1]!.trim()}] at column ${column(i)} needs a number from ${MIN_RATE} to ${MAX_RATE} (e.g. [rate 0.9]); it is ignored.` });
          ranges.push({ from: i, to: i + open[0].length, kind: 'problem', message: problems.at(-1)!.message });
          rates.push({ rate: 1, at: i, length: open[0].length });
        } else {
          rates.push({ rate: value, at: i, length: open[0].length });
          ranges.push({ from: i, to: i + open[0].length, kind: 'rate' });
        }
        i += open[0].length;
        continue;
      }
      RATE_CLOSE_RE.lastIndex = i;
      const close = RATE_CLOSE_RE.exec(src);
      if (close) {
        flush();
        if (rates.length) {
          rates.pop();
          ranges.push({ from: i, to: i + close[0].length, kind: 'rate' });
        } else {
          const message = `[/rate] at column ${column(i)} closes nothing: there is no [rate …] before it. It is ignored.`;
          problems.push({ at: i, length: close[0].length, message });
          ranges.push({ from: i, to: i + close[0].length, kind: 'problem', message });
        }
        i += close[0].length;
        continue;
      }
    }
    if (c === '*' && stars.has(i)) {
      const role = stars.get(i)!;
      if (role === 'open') {
        flush();
        emphasisAt = i;
        ranges.push({ from: i, to: i + 1, kind: 'emphasis' });
      } else if (role === 'close') {
        flush();
        emphasisAt = -1;
        ranges.push({ from: i, to: i + 1, kind: 'emphasis' });
      } else {
        const message = `The emphasis mark * at column ${column(i)} is not closed: write *words* with a * on both sides. It is ignored.`;
        problems.push({ at: i, length: 1, message });
        ranges.push({ from: i, to: i + 1, kind: 'problem', message });
      }
      i++;
      continue;
    }
    buffer += c;
    plain.push(c);
    i++;
  }
  flush();
  for (const r of rates) {
    const message = `[rate] at column ${column(r.at)} is not closed with [/rate]; it lasts to the end of the line.`;
    problems.push({ at: r.at, length: r.length, message });
    ranges.push({ from: r.at, to: r.at + r.length, kind: 'problem', message });
  }
  for (const p of problems) if (p.message.startsWith('The pronunciation')) ranges.push({ from: p.at, to: p.at + p.length, kind: 'problem', message: p.message });
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  return { runs: runs.filter((r) => r.pieces.length > 0), plain: plain.join('').replace(/[ \t]{2,}/g, ' '), problems, ranges };
}

/** The text with markup removed, for subtitles and anywhere words are shown. */
export function stripMarkup(text: string): string {
  return hasMarkup(text) ? parseMarkup(text).plain : text;
}

/**
 * Emphasis stars: one that opens sits before a word character with no word character before it;
 * one that closes sits after one with none after it. A star between spaces or digits (2 * 3) is not
 * markup at all. Returns the role of every star that looks like markup.
 */
function pairStars(text: string): Map<number, 'open' | 'close' | 'unpaired'> {
  const roles = new Map<number, 'open' | 'close' | 'unpaired'>();
  let open = -1;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
    const before = text[i - 1];
    const after = text[i + 1];
    const wordBefore = before !== undefined && WORD_CHAR.test(before);
    const wordAfter = after !== undefined && WORD_CHAR.test(after);
    const canOpen = !wordBefore && after !== undefined && /\S/.test(after) && after !== '*';
    const canClose = before !== undefined && /\S/.test(before) && before !== '*' && !wordAfter;
    if (open >= 0 && canClose) {
      roles.set(open, 'open');
      roles.set(i, 'close');
      open = -1;
    } else if (canOpen && !(/\d/.test(after ?? '') && /\d/.test(text[i - 2] ?? ''))) {
      if (open >= 0) roles.set(open, 'unpaired');
      open = i;
    }
  }
  if (open >= 0) roles.set(open, 'unpaired');
  return roles;
}
