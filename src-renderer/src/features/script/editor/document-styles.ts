// CodeMirror's run-time styles as a constructed sheet adopted by the document, so the editor can
// live in the page itself rather than in a shadow root.
//
// CodeMirror writes its styles with style-mod, which puts them in a <style> element when the root is
// a document; the studio's CSP (style-src 'self', no 'unsafe-inline') refuses that element. In a
// shadow root style-mod adopts a constructed sheet instead, which the CSP allows, and the editor ran
// in one for that reason. But a shadow root costs every key: the editor reads and writes the DOM
// selection through the shadow root's Selection on each one. In headless Chromium with a 1 MB
// document, a key's input handling took 1.5 ms less at the median in the page than in a shadow root
// (bare CodeMirror), and 0.5–0.8 ms less in the studio.
//
// style-mod keeps one adopted set per document for all its shadow roots, stored on each root under a
// private symbol. Handing the document that same set makes style-mod adopt its sheet into the
// document (document.adoptedStyleSheets) rather than write a <style> element. The symbol is found by
// its description; if a later style-mod stores it otherwise, this returns false and the editor goes
// back to a shadow root, which still works (the e2e editor test asserts which one it got).
import { StyleModule } from 'style-mod';

const done = new WeakSet<Document>();

/** True when style-mod will adopt CodeMirror's styles into `doc` as a constructed sheet. */
export function adoptEditorStylesIn(doc: Document): boolean {
  if (done.has(doc)) return true;
  if (!('adoptedStyleSheets' in doc)) return false;
  // A detached shadow root of this document: style-mod creates (or finds) the document's adopted set for it.
  const probe = doc.createElement('div').attachShadow({ mode: 'open' });
  StyleModule.mount(probe, []);
  const key = Object.getOwnPropertySymbols(probe).find((s) => s.description === 'styleSet');
  const set = key ? (probe as unknown as Record<symbol, unknown>)[key] : undefined;
  if (!key || !set || !('sheet' in (set as object))) return false;
  (doc as unknown as Record<symbol, unknown>)[key] = set;
  done.add(doc);
  return true;
}
