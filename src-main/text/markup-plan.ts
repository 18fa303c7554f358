// A line with inline markup (script/markup.ts) → the chunks an engine is asked for, each with the
// rate and emphasis it is spoken with. Words given a one-off pronunciation are hidden from the
// normalizer behind a placeholder (it would read the slashes and digits of "[Koe](/kˈOA/)"), then
// put back: in misaki's link form for a G2P that reads it (Kokoro's English), or as the plain word
// for engines that read letters.
import { hasMarkup, parseMarkup, type MarkupProblem } from '../script/markup';
import { chunkText, type ChunkOptions } from './chunk';
import { normalizeText } from './normalize';

export interface PlannedChunk {
  text: string;
  /** Multiplies the line's speed (1 = unchanged). */
  rate: number;
  emphasis: boolean;
}

export interface MarkupPlanOptions extends ChunkOptions {
  language?: string;
  /** Keep [word](/phonemes/) and [word](+1) in the text for a G2P that reads them. */
  inlinePhonemes: boolean;
}

// Private-use brackets around a letter code: nothing in the normalizer reads them, and they hold
// no space, so a chunk never cuts one in two.
const HOLE_RE = /\uE000([a-j]+)\uE001/g;
const code = (n: number): string => [...String(n)].map((d) => String.fromCharCode(97 + Number(d))).join('');
const decode = (s: string): number => Number([...s].map((c) => c.charCodeAt(0) - 97).join(''));

export function planMarkedText(text: string, opts: MarkupPlanOptions): { chunks: PlannedChunk[]; problems: MarkupProblem[] } {
  const chunk = (t: string): string[] => chunkText(normalizeText(t, opts.language), opts).filter((c) => /[\p{L}\p{N}\uE000]/u.test(c));
  if (!hasMarkup(text)) return { chunks: chunk(text).map((t) => ({ text: t, rate: 1, emphasis: false })), problems: [] };
  const parsed = parseMarkup(text);
  const chunks: PlannedChunk[] = [];
  for (const run of parsed.runs) {
    const words: string[] = [];
    const source = run.pieces
      .map((p) => {
        if (p.kind === 'text') return p.text;
        const form = !opts.inlinePhonemes ? p.text : p.phonemes !== undefined ? `[${p.text}](/${p.phonemes}/)` : `[${p.text}](${p.stress! > 0 ? '+' : ''}${p.stress})`;
        return `\uE000${code(words.push(form) - 1)}\uE001`;
      })
      .join('');
    for (const c of chunk(source)) chunks.push({ text: c.replace(HOLE_RE, (_, n: string) => words[decode(n)]!), rate: run.rate, emphasis: run.emphasis });
  }
  return { chunks, problems: parsed.problems };
}
