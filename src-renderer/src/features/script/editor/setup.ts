// The editor's fixed parts: keys, search, line numbers, history and the size guard. Kept apart from
// the React component so what the editor *is* reads in one place.
import { defaultKeymap, history, indentWithTab } from '@codemirror/commands';
import { gotoLine, highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { MAX_SCRIPT_CHARS } from '../../../../../src-main/contract/schemas';
import { historyKey } from '../../../keyboard/shortcuts';
import { blurredSelection } from './blurred-selection';
import { scriptLanguage } from './script-language';
import { studioTheme } from './theme';

export const PLACEHOLDER = `Ana: Write each line after a speaker's name.
Ben: (quietly) Stage directions in brackets are not spoken.

## Chapter two
A paragraph without a name is read by the Narrator.`;

export interface SetupHooks {
  /** A change would make the script larger than a project holds; nothing was changed. */
  onTooLarge(chars: number): void;
  /**
   * Undo and redo keys (and the browser's own Undo on the text): the studio's history, which undoes
   * the text with CodeMirror's history only when the text holds the most recent change.
   */
  onUndo(): void;
  onRedo(): void;
}

// Mod-Enter inserts a blank line in CodeMirror's default keys; here it plays the caret line (the
// window's shortcut handler), as it did before the editor was CodeMirror.
const keys = defaultKeymap.filter((k) => k.key !== 'Mod-Enter');

export function tooLargeMessage(chars: number): string {
  return `That would make the script ${chars.toLocaleString('en')} characters long; a project holds up to ${MAX_SCRIPT_CHARS.toLocaleString('en')} (about 2 MB). Nothing was pasted. Split the text into several projects, one per part or chapter.`;
}

export function editorSetup(hooks: SetupHooks, contentAttributes: Record<string, string>): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    // The browser's own selection and caret (see blurred-selection.ts for why not drawSelection).
    blurredSelection,
    history(),
    EditorView.lineWrapping,
    placeholder(PLACEHOLDER),
    search({ top: true }),
    highlightSelectionMatches({ minSelectionLength: 2, maxMatches: 200 }),
    // Ctrl/Cmd+L goes to a line (as in most editors) rather than CodeMirror's select-line.
    keymap.of([
      { key: 'Mod-l', run: gotoLine, preventDefault: true },
      ...keys,
      ...searchKeymap,
      indentWithTab,
    ]),
    // Undo and redo go to the studio's history (CodeMirror's historyKeymap would undo the text even
    // when the timeline changed last), from the keys and from the browser's own Undo and Redo
    // commands, ahead of history()'s handler of those. The keys by the window's rule, not a keymap:
    // a keymap reads Ctrl+Shift+z typed as a lower-case 'z' as Ctrl+z.
    Prec.high(
      EditorView.domEventHandlers({
        keydown(event) {
          const which = historyKey(event);
          if (!which) return false;
          event.preventDefault();
          (which === 'undo' ? hooks.onUndo : hooks.onRedo)();
          return true;
        },
        beforeinput(event) {
          const hook = event.inputType === 'historyUndo' ? hooks.onUndo : event.inputType === 'historyRedo' ? hooks.onRedo : null;
          if (!hook) return false;
          event.preventDefault();
          hook();
          return true;
        },
      }),
    ),
    EditorView.contentAttributes.of(contentAttributes),
    scriptLanguage(),
    studioTheme,
    // A paste over the limit is refused before the browser hands it to the editor: a 20 MB string
    // split into lines would freeze the page only to be thrown away.
    EditorView.domEventHandlers({
      paste(event, view) {
        const text = event.clipboardData?.getData('text/plain') ?? '';
        const sel = view.state.selection.main;
        const after = view.state.doc.length - (sel.to - sel.from) + text.length;
        if (after <= MAX_SCRIPT_CHARS) return false;
        event.preventDefault();
        hooks.onTooLarge(after);
        return true;
      },
    }),
    // Every other way in (drop, typing, a script) meets the same limit.
    EditorState.transactionFilter.of((tr) => {
      if (!tr.docChanged || tr.newDoc.length <= MAX_SCRIPT_CHARS || tr.newDoc.length <= tr.startState.doc.length) return tr;
      hooks.onTooLarge(tr.newDoc.length);
      return [];
    }),
  ];
}
