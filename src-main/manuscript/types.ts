// What every manuscript reader hands on: chapters of plain paragraphs, and what it left out. The
// readers differ in how they find chapters (an EPUB's table of contents, headings elsewhere); from
// here on a book is only titles and paragraphs, so one function writes every format's script.

/** A paragraph of prose, or a scene break (a rule, "* * *") that becomes a pause. */
export type Paragraph = { kind: 'text'; text: string } | { kind: 'break' };

export interface Chapter {
  title: string;
  paragraphs: Paragraph[];
}

/** Kinds of content a script cannot speak; each is dropped and listed in the import's notice. */
export type DroppedKind = 'image' | 'table' | 'footnote' | 'code' | 'math';

export interface Manuscript {
  format: 'epub' | 'docx' | 'markdown' | 'text';
  /** The book's own title where it has one (EPUB metadata, a lone top heading), else null. */
  title: string | null;
  chapters: Chapter[];
  /** How many of each dropped kind, and in which chapters. */
  dropped: Map<DroppedKind, { count: number; chapters: Set<string> }>;
  /** Other things the person should know (no headings found, text read as Windows-1252). */
  notices: string[];
}

/** A block as the HTML reader sees it, before chapters are cut. */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  /** `ref`: a footnote's mark in the text, as opposed to the note itself (counted only when a book has no marks). */
  | { kind: 'dropped'; what: DroppedKind; ref?: boolean };
