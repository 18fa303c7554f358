// The script editor: CodeMirror 6, which draws only the rows in view, so a megabyte script types
// as fast as a short one (the textarea-and-backdrop editor before it took 615 ms a key at 200 KB).
// The editor owns the text while the user types; the store gets it after a short pause in typing
// for long scripts (at once for short ones), so parsing, the line list and autosave never sit
// between a key and its paint. Whatever must see the latest text (save, play, export) flushes
// first through store/editor-bridge.
import { isolateHistory, redo as redoText, undo as undoText, undoDepth } from '@codemirror/commands';
import { EditorState, Transaction, type Extension } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../client';
import { registerEditorFlush } from '../../store/editor-bridge';
import { flushSave, setCaret, setScript } from '../../store/project-actions';
import { selectNotSpeakers, selectPlayingLine, selectProjectId, useParsedScript, useRoster } from '../../store/selectors';
import { getStudio, useStudio } from '../../store/studio';
import { reportError } from '../../store/ui-actions';
import { recordScriptChange, redo, registerScriptHistory, scriptChangeJoined, scriptStepOutside, undo } from '../../store/undo-actions';
import { sourceLineOf } from '../../project/script-model';
import { adoptEditorStylesIn } from './editor/document-styles';
import { editorSetup, tooLargeMessage } from './editor/setup';
import { scriptLook, setPlayingRows, setScriptLook } from './editor/script-language';
import { installEditorTestHook } from './editor/test-hook';
import { ssmlPaste, undoSsmlPaste, type SsmlPasteReport } from './editor/ssml-paste';
import { SsmlPasteNotice } from './SsmlPasteNotice';

/**
 * Tells the studio's undo journal about each change to the text: a new CodeMirror undo group is a
 * change of its own ("Typing"), a key that joined the group is not. O(1) a key: undoDepth reads the
 * history field's length.
 */
function reportHistory(u: ViewUpdate): void {
  for (const tr of u.transactions) {
    if (!tr.docChanged) continue;
    if (tr.isUserEvent('undo') || tr.isUserEvent('redo')) {
      scriptStepOutside(tr.isUserEvent('undo') ? 'undo' : 'redo');
      continue;
    }
    if (tr.annotation(Transaction.addToHistory) === false) continue;
    const before = undoDepth(tr.startState);
    const after = undoDepth(tr.state);
    // A new group makes the depth differ; past its limit CodeMirror drops old groups as it adds one.
    if (after !== before) recordScriptChange(tr.annotation(Transaction.userEvent), before + 1 - after);
    else scriptChangeJoined();
  }
}

/** Up to this many characters the store follows every key; above it, a pause in typing. */
const INSTANT_SYNC_CHARS = 50_000;
const SYNC_PAUSE_MS = 400;

export function ScriptEditor() {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const projectId = useStudio(selectProjectId);
  const notSpeakers = useStudio(selectNotSpeakers);
  const playingIndex = useStudio(selectPlayingLine);
  const { lines } = useParsedScript();
  const roster = useRoster();
  const [pasteReport, setPasteReport] = useState<SsmlPasteReport | null>(null);

  // The text the store has from this editor; anything else arriving there came from outside.
  const synced = useRef('');
  // The project whose text the view holds (null before a project is open).
  const shownProject = useRef<string | null>(null);
  const timer = useRef<number | null>(null);

  const pushCaret = (view: EditorView): void => {
    const head = view.state.selection.main.head;
    const line = view.state.doc.lineAt(head);
    setCaret(line.number - 1, head - line.from);
  };

  const flush = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const view = viewRef.current;
    if (!view) return;
    pushCaret(view);
    const text = view.state.doc.toString();
    if (text === synced.current) return;
    synced.current = text;
    setScript(text);
  };

  const extensions = useMemo(
    (): Extension => [
      editorSetup(
        { onTooLarge: (chars) => reportError('project', 'Paste', tooLargeMessage(chars)), onUndo: () => void undo(), onRedo: () => void redo() },
        { 'data-testid': 'script-editor', 'aria-label': 'Script' },
      ),
      ssmlPaste({ convert: (ssml) => call('ssml.toScript', { ssml }), onReport: setPasteReport }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged && !u.selectionSet) return;
        if (u.docChanged) reportHistory(u);
        if (u.state.doc.length <= INSTANT_SYNC_CHARS) {
          flush();
          pushCaret(u.view);
          return;
        }
        // Long scripts: the caret (which re-renders the line list and the status bar) and the text
        // reach the store together, after the pause.
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = window.setTimeout(flush, u.docChanged ? SYNC_PAUSE_MS : 60);
      }),
      EditorView.domEventHandlers({ blur: () => void flushSave() }),
    ],
    [],
  );

  // One view for the component's life; a project switch gives it a fresh state (and history).
  useEffect(() => {
    // In the page when CodeMirror's styles can be adopted there (document-styles.ts); otherwise in a
    // shadow root, where style-mod adopts them itself. Either way no <style> element the CSP refuses.
    const el = host.current!;
    const root = adoptEditorStylesIn(document) ? document : (el.shadowRoot ?? el.attachShadow({ mode: 'open' }));
    const view = new EditorView({ parent: root === document ? el : (root as ShadowRoot), root, state: EditorState.create({ doc: getStudio().script, extensions }) });
    viewRef.current = view;
    shownProject.current = getStudio().projectId;
    synced.current = getStudio().script;
    registerEditorFlush(flush, () => timer.current !== null);
    registerScriptHistory({
      undo: () => undoText(view),
      redo: () => redoText(view),
      isolate: () => view.dispatch({ annotations: isolateHistory.of('after') }),
    });
    const unhook = installEditorTestHook(view, flush);
    return () => {
      flush();
      registerEditorFlush(null);
      registerScriptHistory(null);
      unhook();
      view.destroy();
      viewRef.current = null;
    };
  }, [extensions]);

  useEffect(() => {
    const view = viewRef.current;
    // The view was just made with this project's text: a second state would split a book into
    // lines again and redraw it.
    if (!view || shownProject.current === projectId) return;
    shownProject.current = projectId;
    const text = getStudio().script;
    synced.current = text;
    view.setState(EditorState.create({ doc: text, extensions }));
    setPasteReport(null);
  }, [projectId, extensions]);

  const undoPaste = (): void => {
    const view = viewRef.current;
    if (!view || pasteReport?.kind !== 'converted') return;
    const undone = undoSsmlPaste(view);
    setPasteReport({ ...pasteReport, undone, undoLost: !undone });
  };

  // Text replaced from outside (a draft restored, another window's save): shown, and undoable.
  useEffect(
    () =>
      useStudio.subscribe((s, prev) => {
        const view = viewRef.current;
        if (!view || s.script === prev.script || s.script === synced.current || s.projectId !== prev.projectId) return;
        synced.current = s.script;
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = null;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s.script }, userEvent: 'replace.external' });
      }),
    [],
  );

  useEffect(
    () =>
      useStudio.subscribe((s, prev) => {
        const view = viewRef.current;
        const jump = s.editorJump;
        if (!view || !jump || jump === prev.editorJump) return;
        flush();
        const n = Math.min(Math.max(1, jump.line + 1), view.state.doc.lines);
        const at = view.state.doc.line(n).from;
        view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
        view.focus();
      }),
    [],
  );

  const look = useMemo(() => scriptLook(roster.map((r) => [r.name, r.color] as const), notSpeakers), [roster, notSpeakers]);
  useEffect(() => {
    viewRef.current?.dispatch({ effects: setScriptLook.of(look) });
  }, [look, projectId]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const playing = playingIndex === null ? undefined : lines.find((l) => l.index === playingIndex);
    if (!playing) {
      view.dispatch({ effects: setPlayingRows.of(null) });
      return;
    }
    const start = sourceLineOf(playing) + 1;
    const next = lines.find((l) => sourceLineOf(l) + 1 > start);
    let end = next ? sourceLineOf(next) : start;
    // Do not paint the blank lines between this line and the next.
    const doc = view.state.doc;
    while (end > start && end <= doc.lines && !doc.line(end).text.trim()) end--;
    const color = roster.find((r) => r.name === playing.speaker)?.color;
    view.dispatch({ effects: [setPlayingRows.of({ from: start, to: end, color }), EditorView.scrollIntoView(doc.line(Math.min(start, doc.lines)).from, { y: 'nearest' })] });
  }, [playingIndex, lines, roster]);

  return (
    <>
      {pasteReport && <SsmlPasteNotice report={pasteReport} onUndo={undoPaste} onDismiss={() => setPasteReport(null)} />}
      <div className="editor">
        <div ref={host} className="editor-host" />
      </div>
    </>
  );
}
