// The editor's look, in the studio's colours (CSS variables inherit into the editor's shadow root).
// It lives here rather than in styles/editor.css because the editor is mounted in a shadow root:
// CodeMirror injects its base styles at run time, which the strict CSP (style-src 'self') refuses
// as a <style> element in the document but allows as a constructed sheet adopted by a shadow root.
import { EditorView } from '@codemirror/view';

export const studioTheme = EditorView.theme(
  {
    '&': { height: '100%', color: 'var(--text)', backgroundColor: 'transparent' },
    '&.cm-focused': { outline: 'none' },
    '.cm-scroller': {
      fontFamily: 'var(--font-mono)',
      fontSize: 'var(--ed-font-size)',
      fontVariantLigatures: 'none',
      lineHeight: 'var(--ed-line)',
      overflowY: 'auto',
      scrollbarGutter: 'stable',
      scrollbarColor: 'var(--scroll-thumb) transparent',
    },
    '.cm-content': { padding: 'var(--ed-pad-y) 0', caretColor: 'var(--text)' },
    '.cm-line': { padding: '0 var(--ed-pad-x) 0 12px' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
    '.cm-gutters': {
      borderRight: '1px solid var(--border)',
      backgroundColor: 'var(--bg-gutter)',
      color: 'var(--text-3)',
      fontSize: '11.5px',
      fontVariantNumeric: 'tabular-nums',
    },
    '.cm-lineNumbers .cm-gutterElement': { minWidth: '32px', padding: '0 10px 0 8px' },
    '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--text-1)' },
    '.cm-activeLine': { backgroundColor: 'var(--caret-row)' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
      backgroundColor: 'var(--selection)',
    },
    '.cm-selectionMatch': { backgroundColor: 'color-mix(in srgb, var(--selection) 50%, transparent)' },
    '.cm-placeholder': { color: 'var(--text-3)' },
    '.cm-koe-tag': { color: 'var(--spk, var(--text-1))', fontWeight: '600' },
    '.cm-koe-direction': { color: 'var(--text-2)', fontStyle: 'italic' },
    '.cm-koe-cue': { color: 'var(--cue)' },
    '.cm-koe-pause': { color: 'var(--cue)', fontWeight: '600' },
    '.cm-koe-comment': { color: 'var(--text-3)' },
    '.cm-koe-markup': { color: 'var(--accent)' },
    '.cm-koe-phonemes': { fontStyle: 'italic' },
    '.cm-koe-emphasis': { fontWeight: '700' },
    '.cm-koe-markup-problem': { textDecoration: 'wavy underline var(--bad)', textUnderlineOffset: '3px' },
    '.cm-koe-chapter': { borderTop: '1px dashed var(--border-strong)' },
    '.cm-koe-chapter-text': { color: 'var(--text)', fontWeight: '700' },
    '.cm-line.cm-koe-playing': {
      backgroundColor: 'color-mix(in srgb, var(--play, var(--ok)) 13%, transparent)',
      boxShadow: 'inset 2px 0 0 var(--play, var(--ok))',
    },
    '.cm-panels': { backgroundColor: 'var(--bg-raised)', color: 'var(--text-1)', fontFamily: 'var(--font-ui)', fontSize: '12.5px' },
    '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
    '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
    '.cm-textfield': {
      padding: '3px 6px',
      border: '1px solid var(--border-strong)',
      borderRadius: '6px',
      backgroundColor: 'var(--bg-editor)',
      color: 'var(--text)',
      font: 'inherit',
    },
    '.cm-button': {
      padding: '3px 9px',
      border: '1px solid var(--border)',
      borderRadius: '6px',
      backgroundColor: 'var(--bg-editor)',
      backgroundImage: 'none',
      color: 'var(--text-1)',
      font: 'inherit',
    },
    '.cm-panel label': { color: 'var(--text-2)', fontSize: '12px' },
    '.cm-searchMatch': {
      backgroundColor: 'color-mix(in srgb, var(--cue) 25%, transparent)',
      outline: '1px solid color-mix(in srgb, var(--cue) 60%, transparent)',
    },
    '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'color-mix(in srgb, var(--cue) 45%, transparent)' },
  },
  { dark: true },
);
