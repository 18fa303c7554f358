// The editor holds the text being typed; the store gets it a moment later (see ScriptEditor). Code
// that must see every last keystroke — saving, playing the caret line, exporting — calls
// flushEditorText() first. The editor registers itself here because the store may not import a
// feature.
let flush: (() => void) | null = null;
let pending: (() => boolean) | null = null;

/** `hasPending`: whether the editor holds text (or a caret move) the store has yet to get. */
export function registerEditorFlush(fn: (() => void) | null, hasPending: (() => boolean) | null = null): void {
  flush = fn;
  pending = hasPending;
}

/** True while the user is typing in a long script: the store gets the text once typing pauses. */
export function editorHasPendingText(): boolean {
  return pending?.() ?? false;
}

/** Moves any text typed but not yet in the store into it (a no-op when nothing is pending). */
export function flushEditorText(): void {
  flush?.();
}
