// The editor holds the text being typed; the store gets it a moment later (see ScriptEditor). Code
// that must see every last keystroke — saving, playing the caret line, exporting — calls
// flushEditorText() first. The editor registers itself here because the store may not import a
// feature.
let flush: (() => void) | null = null;

export function registerEditorFlush(fn: (() => void) | null): void {
  flush = fn;
}

/** Moves any text typed but not yet in the store into it (a no-op when nothing is pending). */
export function flushEditorText(): void {
  flush?.();
}
