// The script format: who says what, in order. Shared by the core (render, export, CLI) and the
// renderer (editor colours, line list, playback), so it is pure TypeScript with no Node or DOM
// APIs, and both sides always agree on what will be spoken.
//
//   # comment                      not spoken
//   Ana: Did you hear that?        a line for Ana
//   and then she ran.              continues Ana's line (no blank line before it)
//   Ben: (whispering) No.          (stage directions) are not spoken
//   Ben: Wait [pause 800ms] there. a pause splits the line; [pause 1.5s] works too
//
//   A paragraph without a tag is the Narrator's.

export const NARRATOR = 'Narrator';

export interface ScriptLine {
  index: number;
  speaker: string;
  text: string;
  /** 0-based line of the script where this line starts. */
  sourceLine: number;
  pauseBeforeMs: number;
}

export interface ParsedScript {
  lines: ScriptLine[];
  /** Speakers that have at least one line, in order of first appearance. */
  speakers: string[];
}

// 1–40 characters starting with a letter, then ":" (or a full-width "：") and a space or the end
// of the line. Digits may not start a tag, so "3:45 is late" is text; "http://x" has no space after
// the colon, so it is text too.
const TAG_RE = /^\s*(\p{L}[\p{L}\p{M}\p{N} .'’_-]{0,39}?)\s*(?::(?=\s|$)|：)/u;
const COMMENT_RE = /^\s*#/;
const DIRECTION_RE = /\([^()\n]*\)/g;
const CUE_RE = /\[([^[\]\n]*)\]/g;
const PAUSE_RE = /^\s*pause(?:\s+(\d{1,6}(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?)?)?\s*$/i;
const DEFAULT_PAUSE_MS = 500;
const MAX_PAUSE_MS = 60_000;

type Kind =
  | { kind: 'blank' }
  | { kind: 'comment' }
  | { kind: 'text'; speaker: string | null; body: string };

function classify(line: string): Kind {
  if (!line.trim()) return { kind: 'blank' };
  if (COMMENT_RE.test(line)) return { kind: 'comment' };
  const tag = TAG_RE.exec(line);
  if (tag) return { kind: 'text', speaker: tag[1]!.replace(/\s+/g, ' ').trim(), body: line.slice(tag[0].length) };
  return { kind: 'text', speaker: null, body: line };
}

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

/**
 * Splits a line's spoken part at its pause cues. Stage directions go first (nested ones from the
 * inside out); other [cues] such as "[laughs]" are not spoken either, matching the editor, which
 * shows every bracketed cue muted.
 */
function segments(body: string): Segment[] {
  let text = body;
  for (let guard = 0; guard < 8 && text.includes('('); guard++) {
    const next = text.replace(DIRECTION_RE, ' ');
    if (next === text) break;
    text = next;
  }
  const out: Segment[] = [];
  let pause = 0;
  let from = 0;
  const push = (piece: string): void => {
    const clean = piece.replace(/\s+/g, ' ').trim();
    if (clean) {
      out.push({ pauseBeforeMs: pause, text: clean });
      pause = 0;
    }
  };
  for (const m of text.matchAll(CUE_RE)) {
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

export function parseScript(script: string): ParsedScript {
  const lines: ScriptLine[] = [];
  const speakers: string[] = [];
  const seen = new Set<string>();
  // The speaker whose line an untagged line continues, and that line if it has words yet.
  let context: { speaker: string; open: ScriptLine | null } | null = null;
  let pendingPause = 0;

  const sourceLines = typeof script === 'string' && script ? script.split(/\r\n|\r|\n/) : [];
  for (let n = 0; n < sourceLines.length; n++) {
    const k = classify(sourceLines[n]!);
    if (k.kind === 'blank') {
      context = null;
      continue;
    }
    if (k.kind === 'comment') continue;
    if (k.speaker !== null) context = { speaker: k.speaker, open: null };
    else if (!context) context = { speaker: NARRATOR, open: null };
    const ctx = context;

    for (const seg of segments(k.body)) {
      if (!seg.text) {
        pendingPause += seg.pauseBeforeMs;
        continue;
      }
      const pause = pendingPause + seg.pauseBeforeMs;
      pendingPause = 0;
      if (ctx.open && pause === 0) {
        ctx.open.text += ` ${seg.text}`;
        continue;
      }
      const line: ScriptLine = { index: lines.length, speaker: ctx.speaker, text: seg.text, sourceLine: n, pauseBeforeMs: pause };
      lines.push(line);
      ctx.open = line;
      if (!seen.has(ctx.speaker)) {
        seen.add(ctx.speaker);
        speakers.push(ctx.speaker);
      }
    }
  }
  return { lines, speakers };
}

/**
 * The speaker a given editor line (0-based) belongs to: its tag, the speaker it continues, or the
 * Narrator; null for blank lines, comments and lines outside the script.
 */
export function speakerAt(script: string, sourceLine: number): string | null {
  if (typeof script !== 'string' || !Number.isInteger(sourceLine) || sourceLine < 0) return null;
  const sourceLines = script.split(/\r\n|\r|\n/);
  if (sourceLine >= sourceLines.length) return null;
  let speaker: string | null = null;
  for (let n = 0; n <= sourceLine; n++) {
    const k = classify(sourceLines[n]!);
    if (k.kind === 'blank') {
      speaker = null;
      if (n === sourceLine) return null;
      continue;
    }
    if (k.kind === 'comment') {
      if (n === sourceLine) return null;
      continue;
    }
    speaker = k.speaker ?? speaker ?? NARRATOR;
  }
  return speaker;
}
