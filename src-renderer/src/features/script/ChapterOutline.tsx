// The script's chapters (`## Title` lines) as an outline: click a title to go there in the editor,
// or the clock to go there on the timeline. Shown only when the script has chapters.
import { useParsedScript, selectCaretLine } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { jumpToLine, showChapterOnTimeline } from '../../store/ui-actions';

export function ChapterOutline() {
  const { chapters } = useParsedScript();
  const caretLine = useStudio(selectCaretLine);
  if (chapters.length === 0) return null;
  let current = -1;
  chapters.forEach((c, i) => {
    if (c.sourceLine <= caretLine) current = i;
  });
  return (
    <section className="panel-section chapters" aria-labelledby="chapters-heading" data-testid="chapter-outline">
      <div className="section-head">
        <h2 id="chapters-heading" className="section-title">
          Chapters <span className="count">{chapters.length}</span>
        </h2>
      </div>
      <ol className="chapter-list">
        {chapters.map((c, i) => (
          <li key={`${i}-${c.sourceLine}`} className={`chapter-row${i === current ? ' is-current' : ''}`}>
            <button type="button" className="chapter-title" data-testid={`chapter-${i}`} title="Show in the editor" onClick={() => jumpToLine(c.sourceLine)}>
              <span className="chapter-no">{i + 1}</span>
              <span className="chapter-name">{c.title}</span>
              <span className="chapter-lines">{c.lineCount} {c.lineCount === 1 ? 'line' : 'lines'}</span>
            </button>
            <button type="button" className="icon-btn" aria-label={`Show ${c.title} on the timeline`} title="Show on the timeline" data-testid={`chapter-timeline-${i}`} onClick={() => showChapterOnTimeline(i)}>
              ⟶
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
