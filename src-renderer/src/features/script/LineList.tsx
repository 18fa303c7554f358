// The script as the studio will speak it: one row per parsed line with its speaker and a play
// button. The row under the editor's caret is marked, and the row being spoken carries a progress
// bar and scrolls into view, so the user can follow along away from the editor. Only the rows in
// view exist (@tanstack/react-virtual): a novel has 10,000+ lines, and rendering them all cost
// more per parse than the parse itself.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { cssVars } from '../../lib/css-vars';
import { lineAtSource, sourceLineOf, type ScriptLine } from '../../project/script-model';
import { playLine } from '../../store/playback-actions';
import { selectCaretLine, selectPlayingFraction, selectPlayingLine, useParsedScript, useRoster, READING } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { jumpToLine } from '../../store/ui-actions';
import { PlayIcon } from '../../ui/Icons';

interface RowProps {
  line: ScriptLine;
  color: string;
  caret: boolean;
  playing: boolean;
  fraction: number;
}

const LineRow = memo(function LineRow({ line, color, caret, playing, fraction, measure, start }: RowProps & { measure: (el: HTMLLIElement | null) => void; start: number }) {
  const silent = !line.text.trim();
  return (
    <li
      ref={measure}
      data-index={line.index}
      className={`line-row${caret ? ' is-caret' : ''}${playing ? ' is-playing' : ''}`}
      style={{ ...cssVars({ '--spk': color, '--fill': playing ? fraction : 0 }), transform: `translateY(${start}px)` }}
      data-testid={`line-row-${line.index}`}
    >
      <button
        type="button"
        className="line-play"
        data-testid={`line-play-${line.index}`}
        aria-label={`Play line ${line.index + 1}`}
        title={silent ? 'Nothing to say on this line' : 'Play this line (Ctrl+Enter in the editor)'}
        disabled={silent}
        onClick={() => playLine(line.index)}
      >
        {playing ? <span className="eq" aria-hidden="true"><i /><i /><i /></span> : <PlayIcon size={12} />}
      </button>
      <button type="button" className="line-body" onClick={() => jumpToLine(sourceLineOf(line))} title="Show in the editor">
        <span className="line-meta">
          <span className="line-no">{line.index + 1}</span>
          <span className="line-speaker">{line.speaker}</span>
          {line.pauseBeforeMs > 0 ? <span className="line-pause">+{line.pauseBeforeMs} ms</span> : null}
        </span>
        <span className="line-text">{silent ? <em className="muted">pause</em> : line.text}</span>
      </button>
      {playing ? <span className="line-progress" aria-hidden="true" /> : null}
    </li>
  );
});

export function LineList() {
  const parse = useParsedScript();
  const { lines } = parse;
  const roster = useRoster();
  const caretLine = useStudio(selectCaretLine);
  // The playing line only: the playback position changes ten times a second, the line rarely.
  const playingIndex = useStudio(selectPlayingLine);
  const playingFraction = useStudio(selectPlayingFraction);
  const colors = useMemo(() => new Map(roster.map((r) => [r.name, r.color])), [roster]);
  const caretIndex = lineAtSource(lines, caretLine)?.index ?? null;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => 46, overscan: 8 });

  useEffect(() => {
    if (playingIndex !== null && playingIndex < lines.length) virtual.scrollToIndex(playingIndex, { align: 'auto' });
  }, [playingIndex, lines.length, virtual]);

  return (
    <section className="panel-section lines" aria-labelledby="lines-heading">
      <div className="section-head">
        <h2 id="lines-heading" className="section-title">
          Lines <span className="count">{parse === READING ? '…' : lines.length}</span>
        </h2>
      </div>
      {parse === READING ? (
        <p className="empty">Reading the script…</p>
      ) : lines.length === 0 ? (
        <p className="empty">Lines appear here as you write. Each has its own play button.</p>
      ) : (
        <div ref={scroller} className="line-list">
          <ol className="line-list-space" aria-label="Script lines" style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((v) => {
              const l = lines[v.index]!;
              return (
                <LineRow
                  key={l.index}
                  line={l}
                  color={colors.get(l.speaker) ?? 'var(--text-2)'}
                  caret={l.index === caretIndex}
                  playing={l.index === playingIndex}
                  fraction={l.index === playingIndex ? playingFraction : 0}
                  measure={virtual.measureElement}
                  start={v.start}
                />
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
