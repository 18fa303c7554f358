// HTML (an EPUB's XHTML, mammoth's rendering of a DOCX, marked's of Markdown) → a flat list of
// blocks: headings, paragraphs, scene breaks, and a marker where something unspeakable was left out.
// One reader for all three formats, so an image or a table is dropped the same way wherever it
// comes from. Streaming (htmlparser2's tokenizer, no DOM): a novel's chapter is read once, in order.
import { Parser } from 'htmlparser2';
import type { Block, DroppedKind } from './types';

/** Elements whose end (and start) ends a paragraph. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'blockquote', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'body', 'center', 'address', 'hgroup', 'tr', 'td', 'th', 'caption',
]);
const HEADING = /^h([1-6])$/;
/** Never spoken, never counted: the document's machinery. */
const SILENT = new Set(['head', 'script', 'style', 'template', 'noscript', 'title', 'nav']);
/** Left out and listed in the notice. */
const DROPPED: Record<string, DroppedKind> = { img: 'image', svg: 'image', picture: 'image', video: 'image', figure: 'image', image: 'image', table: 'table', pre: 'code', math: 'math' };
const VOID = new Set(['img', 'br', 'hr', 'image', 'input', 'meta', 'link', 'col', 'area', 'source', 'wbr']);

const FOOTNOTE_TYPES = /\b(?:footnotes?|endnotes?|rearnotes?|note|doc-footnote|doc-endnotes?|doc-noteref|noteref)\b/i;

/** Whether an element is a footnote, an endnote section, or a reference to one. */
function isNote(name: string, attrs: Record<string, string>): boolean {
  const type = `${attrs['epub:type'] ?? ''} ${attrs.role ?? ''}`;
  if (FOOTNOTE_TYPES.test(type)) return true;
  const id = attrs.id ?? '';
  // mammoth: <li id="footnote-1">, <li id="endnote-1">, and the reference <a href="#footnote-1">.
  if (name === 'li' && /^(?:foot|end)note-/.test(id)) return true;
  if (name === 'a' && /^#(?:foot|end)note-/.test(attrs.href ?? '')) return true;
  if (/\b(?:footnotes?|endnotes?)\b/i.test(attrs.class ?? '')) return true;
  return false;
}

export interface HtmlBlocks {
  blocks: Block[];
  /** For each watched id: the index of the first block at or after the element carrying it. */
  anchors: Map<string, number>;
}

export function htmlToBlocks(html: string, watchIds: ReadonlySet<string> = new Set()): HtmlBlocks {
  const blocks: Block[] = [];
  const anchors = new Map<string, number>();
  let text = '';
  let heading: number | null = null;
  // Depth inside an element being skipped, and what it was (a dropped kind, or silent).
  const skip: { name: string; depth: number; what: DroppedKind | null }[] = [];
  // A <sup> holding only a note reference: its number ("1", "[2]") must not stay in the prose.
  let supText: string | null = null;

  const flush = (): void => {
    const clean = text.replace(/\s+/g, ' ').trim();
    text = '';
    if (!clean) return;
    if (heading !== null) blocks.push({ kind: 'heading', level: heading, text: clean });
    else blocks.push({ kind: 'text', text: clean });
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skip.length) {
          const top = skip[skip.length - 1]!;
          if (name === top.name && !VOID.has(name)) top.depth++;
          return;
        }
        if (attrs.id && watchIds.has(attrs.id) && !anchors.has(attrs.id)) {
          flush();
          anchors.set(attrs.id, blocks.length);
        }
        const h = HEADING.exec(name);
        if (SILENT.has(name)) {
          if (!VOID.has(name)) skip.push({ name, depth: 1, what: null });
          return;
        }
        const note = !DROPPED[name] && isNote(name, attrs);
        const dropped = DROPPED[name] ?? (note ? 'footnote' : undefined);
        if (dropped) {
          // A note's reference sits inside a sentence, which goes on after it; anything else ends the paragraph.
          const ref = note && name === 'a';
          if (!ref) flush();
          blocks.push(note ? { kind: 'dropped', what: 'footnote', ref } : { kind: 'dropped', what: dropped });
          if (!VOID.has(name)) skip.push({ name, depth: 1, what: dropped });
          return;
        }
        if (name === 'aside') {
          // Sidebars and pull quotes that are not notes are still prose.
          flush();
          return;
        }
        if (name === 'sup') {
          supText = '';
          return;
        }
        if (name === 'hr') {
          flush();
          if (blocks.length && blocks[blocks.length - 1]!.kind !== 'break') blocks.push({ kind: 'break' });
          return;
        }
        if (name === 'br') {
          text += ' ';
          return;
        }
        if (h) {
          flush();
          heading = Number(h[1]);
          return;
        }
        if (BLOCK.has(name)) flush();
      },
      ontext(data) {
        if (skip.length) return;
        if (supText !== null) supText += data;
        else text += data;
      },
      onclosetag(name) {
        if (skip.length) {
          const top = skip[skip.length - 1]!;
          if (name === top.name && !VOID.has(name) && --top.depth === 0) skip.pop();
          return;
        }
        if (name === 'sup' && supText !== null) {
          // A bare number or [n] in superscript is a note mark whose link was already dropped, or
          // an unlinked one; anything else (an ordinal's "th") is read as text.
          if (!/^\s*[[(]?\s*[0-9*†‡§]+\s*[\])]?\s*$/.test(supText)) text += supText;
          supText = null;
          return;
        }
        if (HEADING.test(name)) {
          flush();
          heading = null;
          return;
        }
        if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return { blocks, anchors };
}
