// EPUB 2 and 3: chapters from the table of contents (the EPUB 3 nav document, else the EPUB 2 NCX),
// text from the spine in reading order. A book whose encryption.xml encrypts more than its fonts
// (or that carries Adobe's rights.xml) is under DRM and is refused before any of it is read.
import { posix } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { KoeError } from '../contract/errors';
import { ChapterBuilder, cleanTitle } from './chapters';
import { htmlToBlocks } from './html-blocks';
import type { Block, Manuscript } from './types';
import type { Archive } from './zip';

type Node = ReturnType<typeof parseDocument>;
type El = ReturnType<typeof DomUtils.findAll>[number];

/** Font obfuscation (IDPF and Adobe's) is not DRM: the text is readable. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

const xml = (text: string): Node => parseDocument(text, { xmlMode: true, decodeEntities: true });
const local = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();
const all = (root: Node | El, name: string): El[] => DomUtils.findAll((e) => local(e.name) === name, [root]);
const first = (root: Node | El, name: string): El | null => DomUtils.findOne((e) => local(e.name) === name, [root] as never, true) ?? null;
const children = (el: El, name: string): El[] => el.children.filter((c): c is El => c.type === 'tag' && local((c as El).name) === name);
const textOf = (el: El | null): string => (el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '');

interface TocEntry {
  title: string;
  /** Path inside the archive, and the fragment (an element id) or null for the file's start. */
  path: string;
  fragment: string | null;
}

function resolveHref(base: string, href: string): { path: string; fragment: string | null } {
  const [raw, frag] = href.split('#', 2) as [string, string | undefined];
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A stray % in a file name: use it as written.
  }
  const path = decoded ? posix.normalize(posix.join(posix.dirname(base), decoded)).replace(/^\.\//, '') : base;
  return { path, fragment: frag ? frag : null };
}

async function refuseDrm(archive: Archive, fileName: string): Promise<void> {
  const drm = `${fileName} is protected by DRM (copy protection), so its text cannot be read. Import a DRM-free copy of the book. Nothing was imported.`;
  if (archive.has('META-INF/rights.xml')) throw new KoeError('unsupported', drm);
  const enc = await archive.text('META-INF/encryption.xml', fileName);
  if (enc === null) return;
  const methods = all(xml(enc), 'encryptionmethod').map((m) => m.attribs.Algorithm ?? m.attribs.algorithm ?? '');
  if (methods.length === 0 || methods.some((m) => !FONT_OBFUSCATION.has(m))) throw new KoeError('unsupported', drm);
}

/** Entries of the table of contents, parts and their chapters (two levels; sections below are text). */
async function tableOfContents(archive: Archive, fileName: string, opfPath: string, opf: Node, manifest: Map<string, { href: string; type: string; props: string }>): Promise<TocEntry[]> {
  const nav = [...manifest.values()].find((m) => /(^|\s)nav(\s|$)/.test(m.props));
  if (nav) {
    const navPath = resolveHref(opfPath, nav.href).path;
    const text = await archive.text(navPath, fileName);
    if (text) {
      const doc = xml(text);
      const navs = all(doc, 'nav');
      const toc = navs.find((n) => /\btoc\b/.test(n.attribs['epub:type'] ?? n.attribs.role ?? '')) ?? navs[0];
      const list = toc ? first(toc, 'ol') : null;
      if (list) {
        const entries: TocEntry[] = [];
        const walk = (ol: El, depth: number): void => {
          for (const li of children(ol, 'li')) {
            const a = children(li, 'a')[0] ?? null;
            const label = a ?? children(li, 'span')[0] ?? null;
            const href = a?.attribs.href ?? first(li, 'a')?.attribs.href;
            if (href) entries.push({ title: textOf(label) || textOf(first(li, 'a')), ...resolveHref(navPath, href) });
            const sub = children(li, 'ol')[0];
            if (sub && depth < 2) walk(sub, depth + 1);
          }
        };
        walk(list, 1);
        if (entries.length) return entries;
      }
    }
  }
  const tocId = first(opf, 'spine')?.attribs.toc;
  const ncx = (tocId && manifest.get(tocId)) || [...manifest.values()].find((m) => m.type === 'application/x-dtbncx+xml');
  if (!ncx) return [];
  const ncxPath = resolveHref(opfPath, ncx.href).path;
  const text = await archive.text(ncxPath, fileName);
  const map = text ? first(xml(text), 'navmap') : null;
  if (!map) return [];
  const entries: TocEntry[] = [];
  const walk = (parent: El, depth: number): void => {
    for (const point of children(parent, 'navpoint')) {
      const src = first(point, 'content')?.attribs.src;
      if (src) entries.push({ title: textOf(first(point, 'navlabel')), ...resolveHref(ncxPath, src) });
      if (depth < 2) walk(point, depth + 1);
    }
  };
  walk(map, 1);
  return entries;
}

export async function readEpub(archive: Archive, fileName: string): Promise<Manuscript> {
  await refuseDrm(archive, fileName);
  const container = await archive.text('META-INF/container.xml', fileName);
  const opfPath = container ? first(xml(container), 'rootfile')?.attribs['full-path'] : undefined;
  if (!opfPath) throw new KoeError('invalid_args', `${fileName} is not a readable EPUB: it has no META-INF/container.xml naming its package. Nothing was imported.`);
  const opfText = await archive.text(opfPath, fileName);
  if (opfText === null) throw new KoeError('invalid_args', `${fileName} is damaged: its package file ${opfPath} is missing. Nothing was imported.`);
  const opf = xml(opfText);
  const manifest = new Map<string, { href: string; type: string; props: string }>();
  for (const item of all(opf, 'item')) {
    if (item.attribs.id && item.attribs.href) manifest.set(item.attribs.id, { href: item.attribs.href, type: item.attribs['media-type'] ?? '', props: item.attribs.properties ?? '' });
  }
  const spine = all(opf, 'itemref')
    .filter((r) => r.attribs.linear !== 'no')
    .map((r) => manifest.get(r.attribs.idref ?? ''))
    .filter((m): m is NonNullable<typeof m> => !!m && /html|xml/.test(m.type))
    .map((m) => resolveHref(opfPath, m.href).path);
  if (spine.length === 0) throw new KoeError('invalid_args', `${fileName} has no readable chapters: its spine lists no XHTML documents. Nothing was imported.`);
  const title = textOf(first(opf, 'title')) || null;
  const toc = await tableOfContents(archive, fileName, opfPath, opf, manifest);
  const notices: string[] = [];

  // Every spine document's blocks, in reading order, with where each TOC entry starts.
  const blocks: Block[] = [];
  const starts: { at: number; title: string }[] = [];
  const docTitles: { at: number; title: string | null }[] = [];
  for (const path of spine) {
    const html = await archive.text(path, fileName);
    if (html === null) throw new KoeError('invalid_args', `${fileName} is damaged: ${path}, listed in its reading order, is missing. Nothing was imported.`);
    const mine = toc.filter((e) => e.path === path);
    const read = htmlToBlocks(html, new Set(mine.flatMap((e) => (e.fragment ? [e.fragment] : []))));
    for (const e of mine) starts.push({ at: blocks.length + (e.fragment ? (read.anchors.get(e.fragment) ?? 0) : 0), title: e.title });
    const heading = read.blocks.find((b) => b.kind === 'heading');
    docTitles.push({ at: blocks.length, title: heading && heading.kind === 'heading' ? heading.text : null });
    blocks.push(...read.blocks);
  }
  const unplaced = toc.filter((e) => !spine.includes(e.path)).length;
  if (unplaced) notices.push(`${unplaced} table-of-contents entr${unplaced === 1 ? 'y points' : 'ies point'} outside the book's reading order and ${unplaced === 1 ? 'was' : 'were'} skipped.`);
  if (starts.length === 0) {
    notices.push('The book has no usable table of contents: each of its files became a chapter.');
    docTitles.forEach((d, i) => starts.push({ at: d.at, title: d.title ?? `Chapter ${i + 1}` }));
  }
  // The contents list is in reading order; where two entries start at one place (a part and its
  // first chapter), the later, more specific one names the chapter.
  starts.sort((a, b) => a.at - b.at);
  const builder = new ChapterBuilder();
  let next = 0;
  let skipHeading: string | null = null;
  blocks.forEach((b, i) => {
    let started = false;
    while (next < starts.length && starts[next]!.at <= i) {
      if (next + 1 >= starts.length || starts[next + 1]!.at > i) {
        builder.start(starts[next]!.title);
        skipHeading = starts[next]!.title;
        started = true;
      }
      next++;
    }
    if (!builder.started) builder.start(title ?? 'Opening');
    // The chapter's own heading repeats its title: the chapter line already says it.
    if (b.kind === 'heading' && skipHeading !== null && sameTitle(b.text, skipHeading)) {
      skipHeading = null;
      return;
    }
    if (!started && b.kind === 'text') skipHeading = null;
    builder.add(b);
  });
  return { format: 'epub', title: title ? cleanTitle(title) : null, ...builder.finish(), notices };
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const x = norm(a);
  const y = norm(b);
  return x === y || (x.length > 0 && (y.includes(x) || x.includes(y)));
}
