// The Timeline screen's toolbar: Render all (or its progress and Cancel), the transport, undo and
// redo, the editing modes, the timeline's length, and zoom.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { EditTools } from './EditTools';
import { formatZoom, zoomBy, ZOOM_MAX, ZOOM_MIN } from './geometry';
import { Navigator } from './Navigator';
import { fitToView } from './timeline-scroll';
import { Transport } from './Transport';
import { cancelRender, pauseRender, renderLines, setZoom, useTimeline, type TimelineData } from './timeline-store';
import { redo, undo, useUndo } from '../../store/undo-actions';

const selectProgress = (s: TimelineData) => s.progress;

interface Props {
  view: TimelineView | null;
  endSamples: number;
  pxPerSec: number;
  busy: boolean;
}

export function TimelineToolbar({ view, endSamples, pxPerSec, busy }: Props) {
  const clips = view?.clips ?? [];
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline">
      <RenderControl view={view} />
      <span className="tl-sep" />
      <Transport disabled={!view || clips.length === 0} />
      <span className="tl-sep" />
      <UndoButtons busy={busy} />
      <span className="tl-sep" />
      <EditTools />
      <span className="tl-sep" />
      <Navigator view={view} />
      <span className="tl-spacer" />
      <span className="tl-length">{view ? `${(endSamples / SAMPLE_RATE).toFixed(1)} s · ${clips.length} clips` : ''}</span>
      <div className="tl-zoom" role="group" aria-label="Zoom">
        <button type="button" className="btn btn-small" aria-label="Zoom out" disabled={pxPerSec <= ZOOM_MIN} data-testid="zoom-out" onClick={() => setZoom(zoomBy(pxPerSec, 0.8))}>
          −
        </button>
        <span className="tl-zoom-value" data-testid="zoom-value">{formatZoom(pxPerSec)}</span>
        <button type="button" className="btn btn-small" aria-label="Zoom in" disabled={pxPerSec >= ZOOM_MAX} data-testid="zoom-in" onClick={() => setZoom(zoomBy(pxPerSec, 1.25))}>
          +
        </button>
        <button type="button" className="btn btn-small" title="Zoom to fit the whole program" data-testid="zoom-fit" disabled={!view || clips.length === 0} onClick={() => fitToView()}>
          Fit
        </button>
      </div>
    </div>
  );
}

/**
 * The studio's one undo history, not the timeline's alone: the most recent change, in the script or
 * here, is what Undo takes back, and its name is on the button's tooltip ("Undo Move clip").
 */
function UndoButtons({ busy }: { busy: boolean }) {
  const next = useUndo();
  return (
    <>
      <button type="button" className="btn" disabled={!next.undo || next.busy || busy} title={next.undo ? `Undo ${next.undo} (Ctrl+Z)` : 'Nothing to undo'} aria-label={next.undo ? `Undo ${next.undo}` : 'Undo'} data-testid="tl-undo" onClick={() => void undo()}>
        Undo
      </button>
      <button type="button" className="btn" disabled={!next.redo || next.busy || busy} title={next.redo ? `Redo ${next.redo} (Shift+Ctrl+Z)` : 'Nothing to redo'} aria-label={next.redo ? `Redo ${next.redo}` : 'Redo'} data-testid="tl-redo" onClick={() => void redo()}>
        Redo
      </button>
    </>
  );
}

/** Render all, counting the clips that need it; while rendering, its progress and Cancel instead. */
function RenderControl({ view }: { view: TimelineView | null }) {
  const progress = useTimeline(selectProgress);
  const clips = view?.clips ?? [];
  const renderable = clips.filter((c) => c.status !== 'ready' || c.render?.state === 'failed').length;
  if (progress) {
    return (
      <>
        <button type="button" className="btn" data-testid="render-pause" onClick={() => void pauseRender(!progress.paused)}>
          {progress.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="btn" data-testid="render-cancel" onClick={() => void cancelRender()}>
          Cancel
        </button>
        <div className="tl-progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="render-progress">
          <div className="tl-progress-fill" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
        </div>
        <span className="tl-progress-text">
          {progress.paused ? 'Paused at' : 'Rendering'} {progress.done} of {progress.total}
          {!progress.paused && progress.etaSec !== null ? ` · ${timeLeft(progress.etaSec)}` : ''}
        </span>
      </>
    );
  }
  return (
    <button type="button" className="btn btn-primary" disabled={!view || clips.length === 0} data-testid="render-all" onClick={() => void renderLines()}>
      Render all{renderable > 0 ? ` (${renderable})` : ''}
    </button>
  );
}

/** "about 1 h 20 min left": an estimate, so no seconds once it is over a minute. */
export function timeLeft(sec: number): string {
  if (sec < 60) return 'under a minute left';
  const min = Math.round(sec / 60);
  if (min < 60) return `about ${min} min left`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `about ${h} h${m ? ` ${m} min` : ''} left`;
}
