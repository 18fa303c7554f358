// The script editor: a plain textarea (the input) over a coloured backdrop (the look). Every key
// goes straight into the store; autosave and parsing follow from there. Very long scripts drop the
// backdrop: keeping two copies of a megabyte of text in step costs more than colours are worth.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { flushSave, setCaret, setScript } from '../../store/project-actions';
import { selectCaretLine, selectEditorJump, selectPlayingLine, selectScript, useParsedScript, useRoster } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { sourceLineOf } from '../../project/script-model';
import { EditorBackdrop } from './EditorBackdrop';
import { lineOfOffset, offsetOfLine } from './highlight';

/** Above this the editor is plain text (no colours, no line numbers). */
export const HIGHLIGHT_MAX_CHARS = 150_000;

const PLACEHOLDER = `Ana: Write each line after a speaker's name.
Ben: (quietly) Stage directions in brackets are not spoken.

A paragraph without a name is read by the Narrator.`;

export function ScriptEditor() {
  const script = useStudio(selectScript);
  const caretLine = useStudio(selectCaretLine);
  const playingIndex = useStudio(selectPlayingLine);
  const jump = useStudio(selectEditorJump);
  const { lines, speakers } = useParsedScript();
  const roster = useRoster();
  const ta = useRef<HTMLTextAreaElement>(null);
  const back = useRef<HTMLDivElement>(null);
  const highlight = script.length <= HIGHLIGHT_MAX_CHARS;

  const speakerSet = useMemo(() => new Set(speakers), [speakers]);
  const colors = useMemo(() => new Map(roster.map((r) => [r.name, r.color])), [roster]);

  const playing = playingIndex === null ? undefined : lines.find((l) => l.index === playingIndex);
  const playingRows = useMemo((): [number, number] | null => {
    if (!playing) return null;
    const start = sourceLineOf(playing);
    const next = lines.find((l) => sourceLineOf(l) > start);
    let end = next ? sourceLineOf(next) : start + 1;
    // Do not paint the blank lines between this line and the next.
    const rows = script.split('\n', end);
    while (end > start + 1 && !(rows[end - 1] ?? '').trim()) end--;
    return [start, end];
  }, [playing, lines, script]);

  const syncScroll = () => {
    if (back.current && ta.current) back.current.scrollTop = ta.current.scrollTop;
  };
  useLayoutEffect(syncScroll);

  const updateCaret = () => {
    const el = ta.current;
    if (!el) return;
    const { line, column } = lineOfOffset(el.value, el.selectionStart);
    setCaret(line, column);
  };

  useEffect(() => {
    const el = ta.current;
    if (!jump || !el) return;
    const at = offsetOfLine(el.value, jump.line);
    el.focus();
    el.setSelectionRange(at, at);
    // Centre the line: the textarea only scrolls the caret to its nearest edge by itself.
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, jump.line * lineHeight - el.clientHeight / 3);
    updateCaret();
  }, [jump]);

  return (
    <div className={`editor${highlight ? ' has-backdrop' : ''}`}>
      {highlight && (
        <EditorBackdrop
          ref={back}
          text={script}
          speakers={speakerSet}
          colors={colors}
          caretLine={caretLine}
          playingRows={playingRows}
          playColor={playing ? colors.get(playing.speaker) : undefined}
        />
      )}
      <textarea
        ref={ta}
        className="editor-input"
        data-testid="script-editor"
        aria-label="Script"
        value={script}
        placeholder={PLACEHOLDER}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        onChange={(e) => {
          setScript(e.target.value);
          updateCaret();
        }}
        onSelect={updateCaret}
        onScroll={syncScroll}
        onBlur={() => void flushSave()}
      />
      {!highlight && (
        <span className="editor-mode" title="Colours and line numbers are off for very long scripts, to keep typing instant.">
          Plain text mode
        </span>
      )}
    </div>
  );
}
