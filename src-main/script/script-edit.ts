// A script change as one splice: what an autosave of a long script sends instead of the whole text
// (a keystroke in a megabyte script is a few bytes, not a megabyte to serialize, send and parse as
// JSON). Shared by the renderer, which makes it, and the core, which applies it to the revision
// the editor started from.

export interface ScriptEdit {
  /** Replace base[from, to) … */
  from: number;
  to: number;
  /** … with this … */
  insert: string;
  /** … giving a script of this many characters (a check that both sides had the same base). */
  length: number;
}

/** The smallest single splice turning `before` into `after`: their common prefix and suffix kept. */
export function scriptEditBetween(before: string, after: string): ScriptEdit {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { from: p, to: before.length - s, insert: after.slice(p, after.length - s), length: after.length };
}

/** Applies an edit; null when it does not fit `base` (another base, or a malformed edit). */
export function applyScriptEdit(base: string, edit: ScriptEdit): string | null {
  if (!(edit.from >= 0 && edit.from <= edit.to && edit.to <= base.length)) return null;
  const out = base.slice(0, edit.from) + edit.insert + base.slice(edit.to);
  return out.length === edit.length ? out : null;
}
