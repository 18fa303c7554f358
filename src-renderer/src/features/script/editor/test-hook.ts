// `window.__koeEditor`: what end-to-end tests and the bench read from the editor — its text and a
// way to place the caret — since a contenteditable has no `value` to assert on. Read-only apart
// from the caret (and focus), which a user moves at will anyway.
import type { EditorView } from '@codemirror/view';

export interface EditorTestHook {
  text(): string;
  setCaret(offset: number): void;
  lineCount(): number;
}

export function installEditorTestHook(view: EditorView, flush: () => void): () => void {
  const hook: EditorTestHook = {
    text: () => view.state.doc.toString(),
    setCaret: (offset) => {
      const at = Math.max(0, Math.min(offset, view.state.doc.length));
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      // As a click would: keys typed next go to the editor, not to the window's shortcuts.
      view.focus();
      flush();
    },
    lineCount: () => view.state.doc.lines,
  };
  (globalThis as unknown as { __koeEditor?: EditorTestHook }).__koeEditor = hook;
  return () => {
    const g = globalThis as unknown as { __koeEditor?: EditorTestHook };
    if (g.__koeEditor === hook) delete g.__koeEditor;
  };
}
