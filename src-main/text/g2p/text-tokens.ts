// Cuts normalized text into words and the punctuation Kokoro can voice. Kokoro's vocabulary holds
// only ; : , . ! ? — … " ( ) “ ” (ENGINES 1.4); other marks are mapped onto those (« » → “ ”,
// en dash → —, danda → .) or dropped. A dropped mark still separates words, so "and/or" does not
// glue into one pronunciation.

export interface TextToken {
  kind: 'word' | 'punct';
  /** The word as written, or the Kokoro symbol(s) a punctuation mark becomes. */
  text: string;
  /** Whitespace (or a dropped mark) followed it in the text. */
  spaceAfter: boolean;
}

/** Marks passed through unchanged (all are Kokoro symbols). */
const KEPT = new Set([';', ':', ',', '.', '!', '?', '—', '…', '(', ')', '“', '”']);

/** Marks mapped to a Kokoro symbol; '"' and the single quotes are decided by position. */
const MAPPED: Readonly<Record<string, string>> = {
  '«': '“',
  '»': '”',
  '„': '“',
  '‟': '“',
  '–': '—',
  '―': '—',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '।': '.',
  '॥': '.',
  '。': '.',
  '，': ',',
  '、': ',',
  '！': '!',
  '？': '?',
  '：': ':',
  '；': ';',
  '（': '(',
  '）': ')',
};

const QUOTES = new Set(['"', "'", '‘', '’']);
const APOSTROPHES = "'’‘";
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * A word: letters/digits joined by inner apostrophes, hyphens or (for dotted initials) periods.
 * "U.S.A." keeps its final period; "dogs'" keeps its possessive apostrophe.
 */
const TOKEN = /(?:\p{L}\.){2,}(?![\p{L}\p{N}])|[\p{L}\p{M}\p{N}]+(?:['’‘-][\p{L}\p{M}\p{N}]+)*(?:(?<=[sS])['’](?![\p{L}\p{N}]))?|\.\.\.|--+|\s+|[^\s]/gu;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}

export function splitText(text: string): TextToken[] {
  const out: TextToken[] = [];
  const markSpace = (): void => {
    const last = out.at(-1);
    if (last) last.spaceAfter = true;
  };
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const at = m.index;
    if (/^\s/.test(t)) {
      markSpace();
    } else if (isWordChar(t[0])) {
      out.push({ kind: 'word', text: t.replaceAll('’', "'").replaceAll('‘', "'"), spaceAfter: false });
    } else if (t === '...') {
      out.push({ kind: 'punct', text: '...', spaceAfter: false });
    } else if (t.startsWith('--') || (t === '-' && !isWordChar(text[at - 1]) && !isWordChar(text[at + 1]))) {
      out.push({ kind: 'punct', text: '—', spaceAfter: false });
    } else if (KEPT.has(t)) {
      out.push({ kind: 'punct', text: t, spaceAfter: false });
    } else if (MAPPED[t] !== undefined) {
      out.push({ kind: 'punct', text: MAPPED[t]!, spaceAfter: false });
    } else if (QUOTES.has(t)) {
      const opening = !isWordChar(text[at - 1]) && (at === 0 || /[\s([{“"—-]/.test(text[at - 1]!));
      if (APOSTROPHES.includes(t) && opening && isWordChar(text[at + 1])) {
        // Possibly an elision ('cause, 'em): the English path decides, so keep it visible.
        out.push({ kind: 'punct', text: "'", spaceAfter: false });
      } else {
        out.push({ kind: 'punct', text: opening ? '“' : '”', spaceAfter: false });
      }
    } else {
      markSpace();
    }
  }
  return out;
}

/** Joins token phonemes the way the text spaced them (single spaces, none at either end). */
export function joinTokens(parts: readonly { phonemes: string; spaceAfter: boolean }[]): string {
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.phonemes) {
      if (p.spaceAfter && s && !s.endsWith(' ')) s += ' ';
      continue;
    }
    s += p.phonemes;
    if (p.spaceAfter && i < parts.length - 1) s += ' ';
  }
  return s.trim();
}
