// Cutting a stream of blocks into chapters, and counting what was dropped in each. The EPUB reader
// starts chapters where its table of contents points; the others start them at headings, choosing
// which heading level is the chapter level from the document itself.
import type { Block, Chapter, DroppedKind, Manuscript } from './types';

interface Tally {
  refs: number;
  bodies: number;
  chapters: Set<string>;
  refChapters: Set<string>;
}

/** Collects chapters block by block; empty chapters (a cover, a blank page) are left out. */
export class ChapterBuilder {
  private readonly chapters: Chapter[] = [];
  private current: Chapter | null = null;
  private readonly tally = new Map<DroppedKind, Tally>();

  get started(): boolean {
    return this.current !== null;
  }

  start(title: string): void {
    this.current = { title: cleanTitle(title), paragraphs: [] };
    this.chapters.push(this.current);
  }

  add(block: Block): void {
    if (!this.current) this.start('Opening');
    const c = this.current!;
    const last = c.paragraphs[c.paragraphs.length - 1];
    switch (block.kind) {
      case 'text':
      case 'heading':
        if (isSceneBreak(block.text)) {
          if (last && last.kind !== 'break') c.paragraphs.push({ kind: 'break' });
        } else c.paragraphs.push({ kind: 'text', text: block.text });
        break;
      case 'break':
        if (last && last.kind !== 'break') c.paragraphs.push({ kind: 'break' });
        break;
      case 'dropped': {
        const t = this.tally.get(block.what) ?? { refs: 0, bodies: 0, chapters: new Set(), refChapters: new Set() };
        this.tally.set(block.what, t);
        if (block.ref) {
          t.refs++;
          t.refChapters.add(c.title);
        } else {
          t.bodies++;
          t.chapters.add(c.title);
        }
        break;
      }
    }
  }

  finish(): { chapters: Chapter[]; dropped: Manuscript['dropped'] } {
    const chapters = this.chapters
      .map((c) => {
        const paragraphs = [...c.paragraphs];
        while (paragraphs.length && paragraphs[paragraphs.length - 1]!.kind === 'break') paragraphs.pop();
        return { title: c.title, paragraphs };
      })
      .filter((c) => c.paragraphs.some((p) => p.kind === 'text'));
    const dropped: Manuscript['dropped'] = new Map();
    for (const [kind, t] of this.tally) {
      // A footnote is counted once: by its mark in the text (which says in which chapter it was) when
      // the book has marks, else by the note itself.
      const byRef = t.refs > 0;
      const count = byRef ? t.refs : t.bodies;
      if (count > 0) dropped.set(kind, { count, chapters: byRef ? t.refChapters : t.chapters });
    }
    return { chapters, dropped };
  }
}

/** "* * *", "***", "#", "~", "§" alone: a scene break, read as a pause. */
export function isSceneBreak(text: string): boolean {
  return text.length <= 20 && /^[\s*#~•·◆◇⁂§=_.—–-]+$/u.test(text) && !/^\s*[.]+\s*$/.test(text);
}

export function cleanTitle(title: string): string {
  const t = title.replace(/\s+/g, ' ').trim().slice(0, 200);
  return t || 'Untitled chapter';
}

/**
 * Chapters from headings: the chapter level is the highest level used at least twice (a book's
 * single top heading is its title), or the only level used. Headings above it start chapters too
 * (parts); those below it are read as text (section titles inside a chapter).
 */
export function chaptersFromHeadings(blocks: readonly Block[], fallbackTitle: string): Pick<Manuscript, 'title' | 'chapters' | 'dropped' | 'notices'> {
  const headings = blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && !isSceneBreak(b.text));
  const notices: string[] = [];
  const builder = new ChapterBuilder();
  if (headings.length === 0) {
    notices.push(`No headings found: the whole text is one chapter, "${cleanTitle(fallbackTitle)}".`);
    builder.start(fallbackTitle);
    for (const b of blocks) builder.add(b);
    return { title: null, ...builder.finish(), notices };
  }
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  const levels = [...counts.keys()].sort((a, b) => a - b);
  const chapterLevel = levels.find((l) => counts.get(l)! >= 2) ?? levels[0]!;
  const first = headings[0]!;
  const bookTitle = first.level < chapterLevel && counts.get(first.level) === 1 ? first : null;
  for (const b of blocks) {
    if (b === bookTitle) {
      builder.start(b.text);
      continue;
    }
    if (b.kind === 'heading' && b.level <= chapterLevel && !isSceneBreak(b.text)) builder.start(b.text);
    else {
      // Text before any heading opens the book under its file name.
      if (!builder.started) builder.start(bookTitle?.text ?? fallbackTitle);
      builder.add(b);
    }
  }
  return { title: bookTitle ? cleanTitle(bookTitle.text) : null, ...builder.finish(), notices };
}

