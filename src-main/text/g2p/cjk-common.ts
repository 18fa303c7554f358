// What the Japanese and Mandarin paths share: CJK punctuation onto Kokoro's marks (misaki maps
// 、。！？「」 the same way in both), words joined with single spaces and punctuation attached to
// the word before it, and a short excerpt that names the place of a problem in a warning.
import type { G2PResult, G2PWord } from './types';

/** Marks Kokoro voices; everything else that is not a letter is a pause-less separator. */
const PUNCT: Readonly<Record<string, string>> = {
  '、': ',', '，': ',', ',': ',', '。': '.', '．': '.', '.': '.', '！': '!', '!': '!', '？': '?', '?': '?',
  '：': ':', ':': ':', '；': ';', ';': ';', '…': '…', '‥': '…', '—': '—', '―': '—', '〜': '—', '～': '—', '~': '—',
  '「': '“', '『': '“', '【': '“', '《': '“', '〈': '“', '«': '“', '“': '“',
  '」': '”', '』': '”', '】': '”', '》': '”', '〉': '”', '»': '”', '”': '”',
  '（': '(', '(': '(', '）': ')', ')': ')',
};
const OPENING = new Set(['“', '(']);

/** Per text: whether a straight double quote is open (the clean-up turns “ ” into "). */
export interface QuoteState {
  open: boolean;
}

/**
 * The Kokoro mark(s) for a run of punctuation, or null if none of it is voiced. Straight double
 * quotes open and close in turn.
 */
export function kokoroPunctuation(run: string, quotes: QuoteState): string | null {
  let out = '';
  for (const ch of run) {
    if (ch === '"') {
      out += quotes.open ? '”' : '“';
      quotes.open = !quotes.open;
    } else if (PUNCT[ch]) out += PUNCT[ch];
  }
  return out || null;
}

/** Whether the phonemes of a punctuation piece open (“ and ( take a space before, none after). */
export function isOpening(mark: string): boolean {
  return OPENING.has(mark[0]!);
}

/**
 * Joins words with single spaces: punctuation sticks to the word before it and is followed by a
 * space, an opening mark to the word after it; empty pieces (skipped words) vanish.
 */
export function joinWords(words: readonly G2PWord[]): string {
  let out = '';
  let glueNext = false;
  for (const w of words) {
    if (!w.phonemes) continue;
    const punct = w.source === 'punctuation';
    if (punct && !isOpening(w.phonemes)) {
      // A pause mark with nothing spoken before it (the words were skipped) is dropped.
      if (!out.trim()) continue;
      out = out.trimEnd() + w.phonemes;
      glueNext = false;
    } else {
      if (out && !glueNext && !out.endsWith(' ')) out += ' ';
      out += w.phonemes;
      glueNext = punct;
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Up to `width` characters either side of `at`, to name the place of a problem. */
export function excerpt(text: string, at: number, length: number, width = 8): string {
  const chars = [...text];
  const start = Math.max(0, at - width);
  const end = Math.min(chars.length, at + length + width);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}

/** A Latin-script run inside CJK text, read by the English path (misaki's `en_callable`). */
export type LatinReader = (text: string, signal?: AbortSignal) => Promise<G2PResult>;
