// The coloured layer under the script textarea. The textarea's own text is transparent and this
// layer draws the same characters with the same font, padding and wrapping, plus line numbers and
// the caret / playing-line highlights. A textarea stays the input (native undo, IME, selection,
// accessibility), which a contenteditable editor would each have to re-implement.
import { forwardRef, memo } from 'react';
import { cssVars } from '../../lib/css-vars';
import { tokenizeLine } from './highlight';

interface RowProps {
  n: number;
  text: string;
  speakers: ReadonlySet<string>;
  colors: ReadonlyMap<string, string>;
  caret: boolean;
  playing: boolean;
  playColor: string | undefined;
}

const Row = memo(function Row({ n, text, speakers, colors, caret, playing, playColor }: RowProps) {
  const tokens = tokenizeLine(text, speakers);
  return (
    <div
      className={`bd-row${caret ? ' is-caret' : ''}${playing ? ' is-playing' : ''}`}
      data-n={n}
      style={playing && playColor ? cssVars({ '--play': playColor }) : undefined}
    >
      {tokens.length === 0
        ? ' '
        : tokens.map((t, i) =>
            t.kind === 'text' ? (
              t.text
            ) : (
              <span key={i} className={`tk-${t.kind}`} style={t.kind === 'tag' ? cssVars({ '--spk': colors.get(t.speaker ?? '') ?? 'var(--text-1)' }) : undefined}>
                {t.text}
              </span>
            ),
          )}
    </div>
  );
});

interface BackdropProps {
  text: string;
  speakers: ReadonlySet<string>;
  colors: ReadonlyMap<string, string>;
  caretLine: number;
  /** Source rows [start, end) of the line being spoken. */
  playingRows: readonly [number, number] | null;
  playColor: string | undefined;
}

export const EditorBackdrop = forwardRef<HTMLDivElement, BackdropProps>(function EditorBackdrop(
  { text, speakers, colors, caretLine, playingRows, playColor },
  ref,
) {
  const rows = text.split('\n');
  return (
    <div className="editor-backdrop" ref={ref} aria-hidden="true">
      {rows.map((row, i) => (
        <Row
          key={i}
          n={i + 1}
          text={row}
          speakers={speakers}
          colors={colors}
          caret={i === caretLine}
          playing={!!playingRows && i >= playingRows[0] && i < playingRows[1]}
          playColor={playColor}
        />
      ))}
      {/* Room for the textarea's last line when it ends in a newline and is scrolled to the end. */}
      <div className="bd-row bd-tail"> </div>
    </div>
  );
});
