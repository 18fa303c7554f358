// Markdown through marked (CommonMark and GitHub's tables), then read as HTML like the other
// formats: headings become chapters, images, tables and code blocks are dropped. Footnotes
// ("[^1]" and their "[^1]: …" definitions, a common extension marked does not parse) are taken out
// here, before marked would read them as text. A YAML front-matter title names the book.
import { marked } from 'marked';
import { chaptersFromHeadings } from './chapters';
import { htmlToBlocks } from './html-blocks';
import type { Block, Manuscript } from './types';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const NOTE_DEFINITION = /^\[\^[^\]\s]+\]:.*(?:\r?\n(?: {2,}|\t).*)*/gm;
const NOTE_MARK = /\[\^[^\]\s]+\]/g;

export function readMarkdown(source: string, fallbackTitle: string): Manuscript {
  let text = source.replace(/^\uFEFF/, '');
  let title: string | null = null;
  const front = FRONT_MATTER.exec(text);
  if (front) {
    const t = /^title:\s*(.+)$/m.exec(front[1]!);
    if (t) title = t[1]!.trim().replace(/^(['"])(.*)\1$/, '$2') || null;
    text = text.slice(front[0].length);
  }
  // Each note is counted once, where its mark stands (a chapter), as the HTML reader counts them.
  text = text.replace(NOTE_DEFINITION, '');
  const html = marked.parse(text.replace(NOTE_MARK, '<a epub:type="noteref"></a>'), { async: false, gfm: true });
  const blocks: Block[] = htmlToBlocks(html).blocks;
  const m = chaptersFromHeadings(blocks, title ?? fallbackTitle);
  return { format: 'markdown', ...m, title: title ?? m.title };
}
