// Splits one source line into coloured tokens for the editor's backdrop: speaker tags in the
// speaker's colour, (stage directions) and [pause] cues muted, # comments dim. A tag is only
// coloured when parseScript also counts that name as a speaker, so the colours never disagree with
// what will be spoken.
export type TokenKind = 'text' | 'tag' | 'direction' | 'cue' | 'comment';

export interface Token {
  text: string;
  kind: TokenKind;
  speaker?: string;
}

// ASCII or full-width colon, as parseScript accepts; only names it counts as speakers are coloured.
const TAG = /^(\s*)([^:：\n]{1,80}?)(\s*[:：])/;

export function tokenizeLine(line: string, speakers: ReadonlySet<string>): Token[] {
  if (/^\s*#/.test(line)) return [{ text: line, kind: 'comment' }];
  const tokens: Token[] = [];
  let rest = line;
  const m = TAG.exec(line);
  if (m && speakers.has(m[2]!.trim())) {
    if (m[1]) tokens.push({ text: m[1], kind: 'text' });
    tokens.push({ text: m[2]! + m[3]!, kind: 'tag', speaker: m[2]!.trim() });
    rest = line.slice(m[0].length);
  }
  const re = /\([^()\n]*\)|\[[^[\]\n]*\]/g;
  let at = 0;
  for (let x = re.exec(rest); x; x = re.exec(rest)) {
    if (x.index > at) tokens.push({ text: rest.slice(at, x.index), kind: 'text' });
    tokens.push({ text: x[0], kind: x[0].startsWith('(') ? 'direction' : 'cue' });
    at = x.index + x[0].length;
  }
  if (at < rest.length) tokens.push({ text: rest.slice(at), kind: 'text' });
  return tokens;
}

/** Line index (0-based) of a character offset: the caret's source line. */
export function lineOfOffset(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: end - start };
}

/** Character offset where source line `line` (0-based) starts. */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let n = 0; n < line; n++) {
    const i = text.indexOf('\n', offset);
    if (i === -1) return text.length;
    offset = i + 1;
  }
  return offset;
}
