// The renderer's view of the script: parseScript's result, computed once per text. The editor, the
// speakers panel, the line list, autosave and playback all ask for it on the same keystroke, and a
// long script should be parsed once, not five times.
import { parseScript } from '../../../src-main/script/parse';
import type { ParsedScript } from './lines';

export type { ParsedScript, ScriptLine } from './lines';
export { lineAtSource, sourceLineOf } from './lines';

// Two entries: React's deferred render asks for the previous text while actions ask for the current.
const cache: { text: string; rules: readonly string[]; result: ParsedScript }[] = [];
const NONE: readonly string[] = [];

/** `notSpeakers`: the project's list as held in the store (compared by identity). */
export function parsed(script: string, notSpeakers: readonly string[] = NONE): ParsedScript {
  return cached(script, notSpeakers) ?? rememberParsed(script, notSpeakers, parseScript(script, { notSpeakers }));
}

/** The parse of this text if it is at hand, without parsing. */
export function cached(script: string, notSpeakers: readonly string[] = NONE): ParsedScript | null {
  return cache.find((c) => c.text === script && c.rules === notSpeakers)?.result ?? null;
}

/** Keeps a parse made elsewhere (the parse worker) for later `parsed` calls. */
export function rememberParsed(script: string, notSpeakers: readonly string[], result: ParsedScript): ParsedScript {
  if (cached(script, notSpeakers)) return result;
  cache.unshift({ text: script, rules: notSpeakers, result });
  cache.length = Math.min(cache.length, 2);
  return result;
}
