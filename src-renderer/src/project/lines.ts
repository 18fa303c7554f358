// The shape of a parsed script as the renderer uses it, and caret ↔ line lookups. Pure and free of
// the parser itself, so the lookups are testable on hand-written lines.

/** What the renderer relies on from parseScript; spelled out so a change there fails to compile here. */
export interface ScriptLine {
  index: number;
  speaker: string;
  text: string;
  /** 0-based line of the script where this line starts (the editor's row numbering too). */
  sourceLine: number;
  pauseBeforeMs: number;
}

export interface Chapter {
  title: string;
  sourceLine: number;
  firstLine: number;
  lineCount: number;
}

export interface ParsedScript {
  lines: readonly ScriptLine[];
  speakers: readonly string[];
  chapters: readonly Chapter[];
}

/** The line under a caret on source line `sourceLine` (0-based): the last line starting at or above it. */
export function lineAtSource(lines: readonly ScriptLine[], sourceLine: number): ScriptLine | null {
  let found: ScriptLine | null = null;
  for (const l of lines) {
    if (sourceLineOf(l) <= sourceLine) found = l;
    else break;
  }
  return found;
}

/** The editor row (0-based) where a parsed line starts; parseScript counts rows from 0 as well. */
export function sourceLineOf(line: ScriptLine): number {
  return line.sourceLine;
}
