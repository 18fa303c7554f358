// Getting around a long program: jump to a chapter (the script's `## ` headings) or to the
// previous / next marker from the playhead. Each jump moves the playhead and scrolls it into view.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { goTo } from './timeline-scroll';
import { useTransport } from './transport';

export function Navigator({ view }: { view: TimelineView | null }) {
  const playhead = useTransport((s) => s.playhead);
  const chapters = view?.chapters ?? [];
  const markers = (view?.markers ?? []).map((m) => ({ ...m, at: Math.round((m.atMs / 1000) * SAMPLE_RATE) })).sort((a, b) => a.at - b.at);
  // A marker within 10 ms of the playhead is the one it is on, not the next.
  const slack = SAMPLE_RATE / 100;
  const prev = [...markers].reverse().find((m) => m.at < playhead - slack);
  const next = markers.find((m) => m.at > playhead + slack);
  const current = chapters.reduce((found, c, i) => (c.startSample <= playhead + slack ? i : found), -1);

  return (
    <div className="tl-nav" role="group" aria-label="Go to">
      {chapters.length > 0 && (
        <select
          className="tl-chapter-jump"
          aria-label="Go to chapter"
          data-testid="tl-chapter-jump"
          value={current >= 0 ? String(current) : ''}
          onChange={(e) => {
            const c = chapters[Number(e.target.value)];
            if (c) goTo(c.startSample);
          }}
        >
          {current < 0 && <option value="">Chapter…</option>}
          {chapters.map((c, i) => (
            <option key={i} value={String(i)}>
              {i + 1}. {c.title}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="btn btn-small" disabled={!prev} title="Previous marker" aria-label="Previous marker" data-testid="tl-prev-marker" onClick={() => prev && goTo(prev.at)}>
        ◂ Marker
      </button>
      <button type="button" className="btn btn-small" disabled={!next} title="Next marker" aria-label="Next marker" data-testid="tl-next-marker" onClick={() => next && goTo(next.at)}>
        Marker ▸
      </button>
    </div>
  );
}
