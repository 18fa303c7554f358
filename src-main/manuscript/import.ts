// A manuscript file → a script and a report of what was found and what was left out. The one entry
// the core calls: it picks the reader from the file's bytes (see sniff.ts), then every format meets
// in the same chapters-and-paragraphs shape and the same script writer.
import { extname, basename } from 'node:path';
import { KoeError } from '../contract/errors';
import { MAX_SCRIPT_CHARS } from '../contract/schemas';
import { readDocx } from './docx';
import { readEpub } from './epub';
import { readMarkdown } from './markdown';
import { readPlainText } from './plain-text';
import { sniff } from './sniff';
import { looksLikeSsml, ssmlToScript } from './ssml';
import { chaptersToScript } from './to-script';
import type { DroppedKind, Manuscript } from './types';
import { Archive } from './zip';

/** Manuscripts are read whole; a long novel as EPUB is 1–5 MB, with pictures perhaps 50. */
export const MAX_MANUSCRIPT_BYTES = 200 * 1024 * 1024;
export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mdown', 'mkd', 'mkdn'];
export const MANUSCRIPT_EXTENSIONS = ['epub', 'docx', ...MARKDOWN_EXTENSIONS, 'txt', 'text', 'ssml'];

export interface ImportedManuscript {
  format: Manuscript['format'] | 'ssml';
  /** The book's title, else the file's name without its extension. */
  title: string;
  script: string;
  chapters: { title: string; lines: number }[];
  dropped: { kind: DroppedKind; count: number; chapters: string[] }[];
  notices: string[];
}

const KIND_WORDS: Record<DroppedKind, [string, string]> = {
  image: ['image', 'images'],
  table: ['table', 'tables'],
  footnote: ['footnote', 'footnotes'],
  code: ['code block', 'code blocks'],
  math: ['formula', 'formulas'],
};

/** "3 images (in Chapter 2, Chapter 5), 1 table (in Chapter 3)" — what the notice lists. */
export function describeDropped(dropped: ImportedManuscript['dropped']): string | null {
  if (dropped.length === 0) return null;
  const parts = dropped.map((d) => {
    const [one, many] = KIND_WORDS[d.kind];
    const where = d.chapters.length > 3 ? `${d.chapters.slice(0, 3).join(', ')} and ${d.chapters.length - 3} more` : d.chapters.join(', ');
    return `${d.count} ${d.count === 1 ? one : many}${where ? ` (in ${where})` : ''}`;
  });
  return `Left out, because a script cannot speak them: ${parts.join('; ')}.`;
}

async function read(bytes: Uint8Array, fileName: string): Promise<Manuscript> {
  const ext = extname(fileName).slice(1).toLowerCase();
  const stem = basename(fileName, extname(fileName)).trim() || 'Imported manuscript';
  const sniffed = sniff(bytes, fileName, ext);
  if (sniffed.kind === 'zip') {
    const archive = await Archive.open(bytes, fileName, ext === 'docx' ? 'Word document' : ext === 'epub' ? 'EPUB' : 'EPUB or Word document');
    if (archive.has('META-INF/container.xml') || archive.has('mimetype')) {
      if (ext === 'docx') throw new KoeError('invalid_args', `${fileName} is named like a Word document but is really an EPUB; rename it to .epub. Nothing was imported.`);
      return readEpub(archive, fileName);
    }
    if (archive.has('word/document.xml')) {
      if (ext === 'epub') throw new KoeError('invalid_args', `${fileName} is named like an EPUB but is really a Word document; rename it to .docx. Nothing was imported.`);
      return readDocx(bytes, fileName, stem);
    }
    throw new KoeError('invalid_args', `${fileName} is a zip archive but neither an EPUB nor a Word document (DOCX). Koe Studio imports EPUB, DOCX, Markdown and plain text. Nothing was imported.`);
  }
  const m = MARKDOWN_EXTENSIONS.includes(ext) || (ext !== 'txt' && ext !== 'text' && /^#{1,6}[ \t]+\S/m.test(sniffed.text)) ? readMarkdown(sniffed.text, stem) : readPlainText(sniffed.text, stem);
  if (sniffed.latin1) m.notices.push('The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented letters.');
  return m;
}

/** SSML (by its .ssml name or a <speak> root) becomes a script of its own, voices as speakers. */
function readSsml(bytes: Uint8Array, fileName: string): ImportedManuscript | null {
  const ext = extname(fileName).slice(1).toLowerCase();
  if (ext === 'epub' || ext === 'docx') return null;
  const sniffed = sniff(bytes, fileName, ext);
  if (sniffed.kind !== 'text' || (ext !== 'ssml' && !looksLikeSsml(sniffed.text))) return null;
  const { script, notices } = ssmlToScript(sniffed.text, fileName);
  if (script.length > MAX_SCRIPT_CHARS) throw new KoeError('too_large', `${fileName} makes a script of ${script.length.toLocaleString('en')} characters; a project holds up to ${MAX_SCRIPT_CHARS.toLocaleString('en')}. Nothing was imported.`);
  return { format: 'ssml', title: basename(fileName, extname(fileName)).trim() || 'Imported SSML', script, chapters: [], dropped: [], notices };
}

/** Reads a manuscript and writes its script; throws, with what to do, before anything is created. */
export async function importManuscript(bytes: Uint8Array, fileName: string): Promise<ImportedManuscript> {
  if (bytes.byteLength > MAX_MANUSCRIPT_BYTES) throw new KoeError('too_large', `${fileName} is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MB; Koe Studio imports manuscripts up to ${MAX_MANUSCRIPT_BYTES / 2 ** 20} MB. Nothing was imported.`);
  const ssml = readSsml(bytes, fileName);
  if (ssml) return ssml;
  const m = await read(bytes, fileName);
  if (m.chapters.length === 0) throw new KoeError('invalid_args', `${fileName} has no text to import${m.dropped.size ? ' (only images, tables or notes)' : ''}. Nothing was imported.`);
  const out = chaptersToScript(m.chapters);
  if (out.script.length > MAX_SCRIPT_CHARS) {
    throw new KoeError('too_large', `${fileName} makes a script of ${out.script.length.toLocaleString('en')} characters; a project holds up to ${MAX_SCRIPT_CHARS.toLocaleString('en')}. Split the book into parts and import each. Nothing was imported.`);
  }
  // Listed in one fixed order (images, tables, footnotes…), whatever the book happened to show first.
  const order = Object.keys(KIND_WORDS);
  const dropped = [...m.dropped].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([kind, d]) => ({ kind, count: d.count, chapters: [...d.chapters] }));
  const notices = [...m.notices];
  if (out.asides) notices.push(`${out.asides} bracketed aside${out.asides === 1 ? ' was' : 's were'} written with dashes, so ${out.asides === 1 ? 'it is' : 'they are'} read aloud (in a script, (…) and […] are stage directions).`);
  const left = describeDropped(dropped);
  if (left) notices.unshift(left);
  return {
    format: m.format,
    title: m.title ?? (basename(fileName, extname(fileName)).trim() || 'Imported manuscript'),
    script: out.script,
    chapters: m.chapters.map((c, i) => ({ title: c.title, lines: out.lines[i]! })),
    dropped,
    notices,
  };
}
