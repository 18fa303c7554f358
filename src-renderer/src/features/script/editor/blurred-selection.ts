// The selection stays visible while the editor is not focused (the find panel's field holds the
// focus, say), as in most editors.
//
// The editor uses the browser's own selection and caret rather than CodeMirror's drawSelection:
// drawing them costs a key about 0.6 ms at the median and 1–1.5 ms at p95 on a book-sized script
// (the cursor layer's blink restarts on every key, and Chromium then rebuilds the page's compositing
// layers; `npm run bench`). The browser hides its selection when focus leaves the editor, so the
// ranges are marked here instead, only while the editor is blurred.
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
