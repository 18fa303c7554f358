// The selection stays visible while the editor is not focused (the find panel's field holds the
// focus, say), as in most editors.
//
// The editor uses the browser's own selection and caret rather than CodeMirror's drawSelection,
// which draws them in layers of its own: in headless Chromium with a 1 MB document, keys in a bare
// CodeMirror took 0.6 ms less at the median and 1.7 ms less at p95 without it (the frame after each
// key is where it went), and the studio's per-key work fell with it (`npm run bench`). The browser
// hides its selection when focus leaves the editor, so the ranges are marked here instead, only
// while the editor is blurred.
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

const mark = Decoration.mark({ class: 'cm-koe-blurred-selection' });

function marks(view: EditorView): DecorationSet {
  if (view.hasFocus) return Decoration.none;
  const ranges = view.state.selection.ranges.filter((r) => !r.empty);
  return ranges.length ? Decoration.set(ranges.map((r) => mark.range(r.from, r.to)), true) : Decoration.none;
}

export const blurredSelection = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = marks(view);
    }
    update(u: ViewUpdate) {
      if (u.focusChanged || (u.selectionSet && !u.view.hasFocus)) this.decorations = marks(u.view);
      else if (u.docChanged) this.decorations = this.decorations.map(u.changes);
    }
  },
  { decorations: (v) => v.decorations },
);
