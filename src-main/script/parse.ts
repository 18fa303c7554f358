// The script format: who says what, in order. Shared by the core (render, export, CLI) and the
// renderer (editor colours, line list, playback), so it is pure TypeScript with no Node or DOM
// APIs, and both sides always agree on what will be spoken.
//
//   # comment                      not spoken
//   Ana: Did you hear that?        a line for Ana
//   and then she ran.              continues Ana's line (no blank line before it)
//   Ben: (whispering) No.          (directions) are not spoken; known ones change the delivery
//   Ana: I was going to --         ends in "--": the next speaker cuts in before this line ends
//   Ben: [over] Mm-hm.             "[over]": said under the previous speaker's line
//   Ben: Wait [pause 800ms] there. a pause splits the line; [pause 1.5s] works too
//   ## The Storm                   starts a chapter (not spoken; ends the paragraph above)
//                                  a blank line or a chapter starts a new topic: a longer gap
//   Say [Koe](/kˈOA/) *slowly*.    inline markup stays in the line's text (markup.ts)
//
//   A paragraph without a tag is the Narrator's.
//
// A `Name:` is a tag only when it is a short name (at most three words) that is not a word prose
// puts before a colon (Note:, Warning:, Example:, Chapter 3:, a URL scheme). Names match without
// regard to case: "NARRATOR:" is the Narrator, spelt as it was first written. A project can also
// mark names as "not a speaker"; those lines are then plain text.

import { directionName } from './directions';

export const NARRATOR = 'Narrator';

export interface ScriptLine {
  index: number;
  speaker: string;
  text: string;
  /** 0-based line of the script where this line starts. */
  sourceLine: number;
  pauseBeforeMs: number;
  /** Directions from script/directions.ts, in order (absent when none). */
  directions?: string[];
  /** Parenthesised notes that are not directions: silent, shown as stage notes. */
  notes?: string[];
  /** 'cut': ends in "--" and is cut off by the next line; 'over': said under the previous line. */
  turn?: 'cut' | 'over';
  /** Opens a new topic: the first line after a blank line or a `## ` heading (never the first line). */
  topic?: true;
}

export interface Chapter {
  title: string;
  /** 0-based line of the script where its `## ` heading is. */
  sourceLine: number;
  /** Index of its first spoken line; equal to the next chapter's when it has none. */
  firstLine: number;
  /** How many spoken lines it holds. */
  lineCount: number;
}

export interface ParsedScript {
  lines: ScriptLine[];
  /** Speakers that have at least one line, in order of first appearance. */
  speakers: string[];
  /** `## Title` headings in order; lines before the first belong to no chapter. */
  chapters: Chapter[];
}

export interface ParseOptions {
  /** Names the project marked "not a speaker" (any case): a line starting with one is text. */
  notSpeakers?: readonly string[];
}

// 1–40 characters starting with a letter, then ":" (or a full-width "：") and a space or the end
// of the line. Digits may not start a tag, so "3:45 is late" is text; "http://x" has no space after
// the colon, so it is text too.
const TAG_RE = /^\s*(\p{L}[\p{L}\p{M}\p{N} .'’_-]{0,39}?)\s*(?::(?=\s|$)|：)/u;
const COMMENT_RE = /^\s*#/;
// Exactly two hashes at the very start, a space, then a title. "###" and "  ##" stay comments.
const CHAPTER_RE = /^##[ \t]+(\S.*?)\s*$/;
const MAX_TAG_WORDS = 3;
// Words prose puts before a colon. Compared lower-cased against the whole name.
const NOT_SPEAKER_WORDS = new Set([
  'note', 'notes', 'nb', 'n.b.', 'ps', 'p.s.', 'warning', 'caution', 'danger', 'important', 'tip', 'hint',
  'example', 'examples', 'e.g.', 'i.e.', 'todo', 'fixme', 'update', 'edit', 'source', 'sources', 'see also',
  'summary', 'answer key', 'definition', 'question', 'solution', 'result', 'results', 'output', 'input',
  'date', 'time', 'subject', 're', 'from', 'to', 'cc', 'bcc', 'tel', 'email', 'e-mail', 'phone', 'fax',
  'http', 'https', 'ftp', 'ftps', 'sftp', 'ssh', 'mailto', 'file', 'data', 'urn', 'www',
]);
// "Chapter 3:", "Part IV:", "Step 2:" introduce a heading or a list, not a person.
const NUMBERED_HEADING_RE = /^(?:chapter|part|book|section|step|figure|fig\.|table|act|scene|appendix|volume|vol\.)\s+[\p{N}ivxlcdm]+[a-z]?$/iu;
const DIRECTION_RE = /\([^()\n]*\)/g;
const CUE_RE = /\[([^[\]\n]*)\]/g;
const PAUSE_RE = /^\s*pause(?:\s+(\d{1,6}(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?)?)?\s*$/i;
const DEFAULT_PAUSE_MS = 500;
const INLINE_LINK_RE = /\[[^[\]\n]{1,200}\]\((?:\/[^/\n)]{1,400}\/|[+-]?(?:2|1|0\.5)|-?0)\)/g;
const RATE_CUE_RE = /^\s*\/?\s*rate\b/i;
const MAX_PAUSE_MS = 60_000;

export type LineKind =
  | { kind: 'blank' }
  | { kind: 'comment' }
  | { kind: 'chapter'; title: string }
  /** `tagLength`: characters of the line taken by the tag and its colon (0 when untagged). */
  | { kind: 'text'; speaker: string | null; body: string; tagLength: number };

/** Lower-cased names a project marked "not a speaker", ready for classifyLine. */
export type NotSpeakers = ReadonlySet<string>;

export function notSpeakerSet(names: readonly string[] | undefined): NotSpeakers {
  return new Set((names ?? []).map(speakerKey));
}

/** The key two spellings of one speaker share: "NARRATOR" and "Narrator" are one person. */
export function speakerKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/** Whether `name` (as written before a colon) may be a speaker at all, before any project choice. */
export function looksLikeSpeaker(name: string): boolean {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean || clean.split(' ').length > MAX_TAG_WORDS) return false;
  const key = clean.toLocaleLowerCase();
  return !NOT_SPEAKER_WORDS.has(key) && !NUMBERED_HEADING_RE.test(clean);
}

/** What one source line is. Shared with the editor's highlighter so colours and speech agree. */
export function classifyLine(line: string, notSpeakers: NotSpeakers = EMPTY): LineKind {
  if (!line.trim()) return { kind: 'blank' };
  const chapter = CHAPTER_RE.exec(line);
  if (chapter) return { kind: 'chapter', title: chapter[1]! };
  if (COMMENT_RE.test(line)) return { kind: 'comment' };
  const tag = TAG_RE.exec(line);
  if (tag) {
    const speaker = tag[1]!.replace(/\s+/g, ' ').trim();
    if (looksLikeSpeaker(speaker) && !notSpeakers.has(speakerKey(speaker))) {
      return { kind: 'text', speaker, body: line.slice(tag[0].length), tagLength: tag[0].length };
    }
  }
  return { kind: 'text', speaker: null, body: line, tagLength: 0 };
}

const EMPTY: NotSpeakers = new Set();

function pauseMs(cue: string): number | null {
  const m = PAUSE_RE.exec(cue);
  if (!m) return null;
  if (m[1] === undefined) return DEFAULT_PAUSE_MS;
  const value = Number(m[1]);
  const ms = m[2] && m[2].toLowerCase() !== 'ms' ? value * 1000 : value;
  return Math.min(MAX_PAUSE_MS, Math.round(ms));
}

interface Segment {
  pauseBeforeMs: number;
  text: string;
}

const OVER_RE = /^\s*\[over\]/i;
// "--" (or a dash) at the very end, after the words: the speaker is cut off.
const CUT_RE = /\s*(?:--|—)\s*$/;

/** A source line's directions and notes, in order of writing (nested ones from the inside out). */
function directionsOf(body: string): { directions: string[]; notes: string[] } {
  const directions: string[] = [];
  const notes: string[] = [];
  // An inline pronunciation's "(/phonemes/)" is not a note.
  let text = body.includes('](') ? body.replace(INLINE_LINK_RE, ' ') : body;
  for (let guard = 0; guard < 8 && text.includes('('); guard++) {
    let found = false;
    text = text.replace(DIRECTION_RE, (m) => {
      found = true;
      const inner = m.slice(1, -1).replace(/\s+/g, ' ').trim();
      const name = directionName(inner);
      if (name) directions.push(name);
      else if (inner) notes.push(inner);
      return ' ';
    });
    if (!found) break;
  }
  return { directions, notes };
}

function mark(line: ScriptLine, found: { directions: string[]; notes: string[] }): void {
  if (found.directions.length) line.directions = [...(line.directions ?? []), ...found.directions];
  if (found.notes.length) line.notes = [...(line.notes ?? []), ...found.notes];
}

/**
 * Splits a line's spoken part at its pause cues. Stage directions go first (nested ones from the
 * inside out); other [cues] such as "[laughs]" are not spoken either, matching the editor, which
 * shows every bracketed cue muted.
 */
function segments(body: string): Segment[] {
  // Inline pronunciations ([word](/phonemes/)) look like a cue and a direction: kept aside so
  // neither rule removes them, and put back in the spoken text (markup.ts reads them).
  const links: string[] = [];
  let text = body.includes('](') ? body.replace(INLINE_LINK_RE, (m) => `\uE000${links.push(m) - 1}\uE001`) : body;
  for (let guard = 0; guard < 8 && text.includes('('); guard++) {
    const next = text.replace(DIRECTION_RE, ' ');
    if (next === text) break;
    text = next;
  }
  const out: Segment[] = [];
  let pause = 0;
  let from = 0;
  const push = (piece: string): void => {
    let clean = piece.replace(/\s+/g, ' ').trim();
    if (links.length) clean = clean.replace(/\uE000(\d+)\uE001/g, (_, n: string) => links[Number(n)]!);
    if (clean) {
      out.push({ pauseBeforeMs: pause, text: clean });
      pause = 0;
    }
  };
  for (const m of text.matchAll(CUE_RE)) {
    // [rate 0.9] and [/rate] are spoken-text markup, not cues.
    if (RATE_CUE_RE.test(m[1]!)) continue;
    push(text.slice(from, m.index));
    from = m.index + m[0].length;
    const ms = pauseMs(m[1]!);
    if (ms !== null) pause += ms;
  }
  push(text.slice(from));
  // A pause with no words after it on this line still belongs before whatever is spoken next.
  if (pause) out.push({ pauseBeforeMs: pause, text: '' });
  return out;
}

export function parseScript(script: string, options: ParseOptions = {}): ParsedScript {
  const lines: ScriptLine[] = [];
  const speakers: string[] = [];
  const chapters: Chapter[] = [];
  const notSpeakers = notSpeakerSet(options.notSpeakers);
  // Lower-cased name → the spelling first written, which every later spelling becomes.
  const seen = new Map<string, string>();
  const spelling = (name: string): string => {
    const key = speakerKey(name);
    const first = seen.get(key);
    if (first !== undefined) return first;
    seen.set(key, name);
    return name;
  };
  const closeChapter = (): void => {
    const last = chapters.at(-1);
    if (last) last.lineCount = lines.length - last.firstLine;
  };
  // The speaker whose line an untagged line continues, and that line if it has words yet.
  let context: { speaker: string; open: ScriptLine | null } | null = null;
  let pendingPause = 0;
  // A blank line or a heading since the last spoken line: the next line opens a new topic.
  let broken = false;

  const sourceLines = typeof script === 'string' && script ? script.split(/\r\n|\r|\n/) : [];
  // The Narrator is always written "Narrator", however the script spells it.
  seen.set(speakerKey(NARRATOR), NARRATOR);
  const listed = new Set<string>();
  for (let n = 0; n < sourceLines.length; n++) {
    const k = classifyLine(sourceLines[n]!, notSpeakers);
    if (k.kind === 'blank') {
      context = null;
      broken = lines.length > 0;
      continue;
    }
    if (k.kind === 'chapter') {
      closeChapter();
      chapters.push({ title: k.title, sourceLine: n, firstLine: lines.length, lineCount: 0 });
      context = null;
      broken = lines.length > 0;
      continue;
    }
    if (k.kind === 'comment') continue;
    if (k.speaker !== null) context = { speaker: spelling(k.speaker), open: null };
    else if (!context) context = { speaker: NARRATOR, open: null };
    const ctx = context;
    const found = k.body.includes('(') ? directionsOf(k.body) : null;
    let over = OVER_RE.test(k.body);
    // A [laughs] cue splits a body into segments that join one line; mark that line once.
    const marked = new Set<ScriptLine>();

    for (const seg of segments(k.body)) {
      if (!seg.text) {
        pendingPause += seg.pauseBeforeMs;
        continue;
      }
      const cut = CUT_RE.test(seg.text);
      const text = cut ? seg.text.replace(CUT_RE, '') : seg.text;
      const pause = pendingPause + seg.pauseBeforeMs;
      pendingPause = 0;
      if (!text) continue;
      if (ctx.open && pause === 0 && !over) {
        ctx.open.text += ` ${text}`;
        if (found && !marked.has(ctx.open)) mark(ctx.open, found);
        marked.add(ctx.open);
        if (cut) ctx.open.turn = 'cut';
        else if (ctx.open.turn === 'cut') delete ctx.open.turn;
        continue;
      }
      const line: ScriptLine = { index: lines.length, speaker: ctx.speaker, text, sourceLine: n, pauseBeforeMs: pause };
      if (found) mark(line, found);
      marked.add(line);
      if (over) line.turn = 'over';
      else if (cut) line.turn = 'cut';
      if (broken) line.topic = true;
      broken = false;
      over = false;
      lines.push(line);
      ctx.open = line;
      if (!listed.has(ctx.speaker)) {
        listed.add(ctx.speaker);
        speakers.push(ctx.speaker);
      }
    }
  }
  closeChapter();
  return { lines, speakers, chapters };
}

/**
 * The speaker a given editor line (0-based) belongs to: its tag, the speaker it continues, or the
 * Narrator; null for blank lines, comments and lines outside the script.
 */
export function speakerAt(script: string, sourceLine: number, options: ParseOptions = {}): string | null {
  if (typeof script !== 'string' || !Number.isInteger(sourceLine) || sourceLine < 0) return null;
  const sourceLines = script.split(/\r\n|\r|\n/);
  if (sourceLine >= sourceLines.length) return null;
  const notSpeakers = notSpeakerSet(options.notSpeakers);
  const spellings = new Map<string, string>([[speakerKey(NARRATOR), NARRATOR]]);
  let speaker: string | null = null;
  for (let n = 0; n <= sourceLine; n++) {
    const k = classifyLine(sourceLines[n]!, notSpeakers);
    if (k.kind === 'blank' || k.kind === 'chapter') {
      speaker = null;
      if (n === sourceLine) return null;
      continue;
    }
    if (k.kind === 'comment') {
      if (n === sourceLine) return null;
      continue;
    }
    if (k.speaker !== null) {
      const key = speakerKey(k.speaker);
      if (!spellings.has(key)) spellings.set(key, k.speaker);
      speaker = spellings.get(key)!;
    } else speaker = speaker ?? NARRATOR;
  }
  return speaker;
}
