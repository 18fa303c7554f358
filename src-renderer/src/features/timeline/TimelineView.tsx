// The Timeline screen: one lane per speaker with the script's lines as clips, a ruler, zoom, render
// with progress, drag to move, undo/redo, and the selected clip's takes in a side panel.
//
// Undo keys are handled on this screen's element, not the window: the script editor (kept mounted
// while hidden) has its own text undo, and a window-wide Ctrl+Z would have to guess which one the
// user meant.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { selectProjectId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { ClipPanel } from './ClipPanel';
import { EditTools } from './EditTools';
import { samplesToPx, zoomBy, ZOOM_MAX, ZOOM_MIN } from './geometry';
import { Lanes } from './Lanes';
import { addMarker, MarkerFlags } from './Markers';
import { Ruler } from './Ruler';
import { useMixPlayback } from './useMixPlayback';
import { PlayheadOverlay } from './Playhead';
import { onTransportKey, Transport, TransportError } from './Transport';
import { cancelRender, dismissMessage, openTimeline, redoTimeline, renderLines, selectClip, setZoom, undoTimeline, useTimeline } from './timeline-store';

/** Room after the last clip so a clip can be dragged past the end. */
const TAIL_SEC = 8;
/** Width of the lane heads: the wheel zoom needs it to find the time under the pointer. */
const HEAD_W = 200;

export function TimelineView() {
  const projectId = useStudio(selectProjectId);
  const view = useTimeline((s) => s.view);
  const loadError = useTimeline((s) => s.loadError);
  const message = useTimeline((s) => s.message);
  const pxPerSec = useTimeline((s) => s.pxPerSec);
  const selectedLineId = useTimeline((s) => s.selectedLineId);
  const takes = useTimeline((s) => s.takes);
  const progress = useTimeline((s) => s.progress);
  const busy = useTimeline((s) => s.busy);
  const scroller = useRef<HTMLDivElement>(null);
  useMixPlayback(projectId, scroller, HEAD_W);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => (projectId ? openTimeline(projectId) : undefined), [projectId]);
  // Focus the screen on open so the undo keys work without a click first.
  useEffect(() => root.current?.focus({ preventScroll: true }), []);

  // Ctrl+wheel zooms around the pointer. A native listener: React's wheel handler is passive and
  // cannot stop the browser from zooming the whole page.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const before = useTimeline.getState().pxPerSec;
      const after = zoomBy(before, e.deltaY < 0 ? 1.25 : 0.8);
      if (after === before) return;
      const lanesLeft = el.getBoundingClientRect().left + HEAD_W;
      const atSec = (el.scrollLeft + e.clientX - lanesLeft) / before;
      setZoom(after);
      requestAnimationFrame(() => (el.scrollLeft = Math.max(0, atSec * after - (e.clientX - lanesLeft))));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [view !== null]);

  const clips = view?.clips ?? [];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const t = e.target as HTMLElement;
    if (onTransportKey(e)) return;
    if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA') return; // their own undo
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && !e.altKey && key === 'z') {
      e.preventDefault();
      void (e.shiftKey ? redoTimeline() : undoTimeline());
    } else if (mod && !e.altKey && !e.shiftKey && key === 'y') {
      e.preventDefault();
      void redoTimeline();
    } else if (!mod && !e.altKey && key === 'm') {
      e.preventDefault();
      void addMarker();
    } else if (e.key === 'Escape' && selectedLineId !== null) {
      selectClip(null);
    }
  };

  if (!projectId) return <div className="tl-empty">Open a project to see its timeline.</div>;

  const endSamples = clips.reduce((m, c) => Math.max(m, c.startSample + c.samples), 0);
  const widthPx = Math.ceil(samplesToPx(endSamples, pxPerSec) + TAIL_SEC * pxPerSec);
  const selected = clips.find((c) => c.lineId === selectedLineId) ?? null;
  const renderable = clips.filter((c) => c.status !== 'ready' || c.render?.state === 'failed').length;

  return (
    <div className="tl-view" style={{ ['--tl-head-w' as string]: `${HEAD_W}px` }} ref={root} tabIndex={-1} onKeyDown={onKeyDown} data-testid="timeline">
      <div className="pane-head tl-head-bar">
        <h1 className="pane-title">Timeline</h1>
        <span className="pane-hint">Drag clips to move them, their edges to trim and their top corners to fade (Alt: no snapping). M adds a marker. Ctrl+wheel zooms. Ctrl+Z / Shift+Ctrl+Z undo and redo.</span>
      </div>

      <div className="tl-toolbar" role="toolbar" aria-label="Timeline">
        {progress ? (
          <>
            <button type="button" className="btn" data-testid="render-cancel" onClick={() => void cancelRender()}>
              Cancel
            </button>
            <div className="tl-progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="render-progress">
              <div className="tl-progress-fill" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
            </div>
            <span className="tl-progress-text">
              Rendering {progress.done} of {progress.total}
            </span>
          </>
        ) : (
          <button type="button" className="btn btn-primary" disabled={!view || clips.length === 0} data-testid="render-all" onClick={() => void renderLines()}>
            Render all{renderable > 0 ? ` (${renderable})` : ''}
          </button>
        )}
        <span className="tl-sep" />
        <Transport disabled={!view || clips.length === 0} />
        <span className="tl-sep" />
        <button type="button" className="btn" disabled={!view?.canUndo || busy} title="Undo (Ctrl+Z)" data-testid="tl-undo" onClick={() => void undoTimeline()}>
          Undo
        </button>
        <button type="button" className="btn" disabled={!view?.canRedo || busy} title="Redo (Shift+Ctrl+Z)" data-testid="tl-redo" onClick={() => void redoTimeline()}>
          Redo
        </button>
        <span className="tl-sep" />
        <EditTools />
        <span className="tl-spacer" />
        <span className="tl-length">{view ? `${(endSamples / SAMPLE_RATE).toFixed(1)} s · ${clips.length} clips` : ''}</span>
        <div className="tl-zoom" role="group" aria-label="Zoom">
          <button type="button" className="btn btn-small" aria-label="Zoom out" disabled={pxPerSec <= ZOOM_MIN} data-testid="zoom-out" onClick={() => setZoom(zoomBy(pxPerSec, 0.8))}>
            −
          </button>
          <span className="tl-zoom-value" data-testid="zoom-value">{pxPerSec} px/s</span>
          <button type="button" className="btn btn-small" aria-label="Zoom in" disabled={pxPerSec >= ZOOM_MAX} data-testid="zoom-in" onClick={() => setZoom(zoomBy(pxPerSec, 1.25))}>
            +
          </button>
        </div>
      </div>

      {message && (
        <div className={`tl-message is-${message.tone}`} role="status" data-testid="tl-message">
          <span>{message.text}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={dismissMessage}>
            Dismiss
          </button>
        </div>
      )}
      <TransportError />
      {loadError && (
        <div className="tl-message is-bad" role="alert">
          Could not load the timeline: {loadError}
        </div>
      )}

      <div className="tl-body">
        <div className="tl-scroller" ref={scroller} data-testid="tl-scroller">
          {!view ? (
            <div className="tl-empty">Loading the timeline…</div>
          ) : view.tracks.length === 0 ? (
            <div className="tl-empty">No lines yet. Write a script (“Anna: Hello.”) and its lines appear here, one lane per speaker.</div>
          ) : (
            <div className="tl-canvas" style={{ width: HEAD_W + widthPx }}>
              <div className="tl-row tl-ruler-row">
                <div className="tl-corner" />
                <Ruler widthPx={widthPx} pxPerSec={pxPerSec} scroller={scroller} headW={HEAD_W} />
                <MarkerFlags pxPerSec={pxPerSec} headW={HEAD_W} />
              </div>
              <Lanes projectId={projectId} tracks={view.tracks} clips={clips} pxPerSec={pxPerSec} widthPx={widthPx} headW={HEAD_W} selectedLineId={selectedLineId} busy={busy} scroller={scroller} />
              <PlayheadOverlay pxPerSec={pxPerSec} left={HEAD_W} />
            </div>
          )}
        </div>
        {selected && <ClipPanel clip={selected} takes={takes} busy={busy} />}
      </div>
    </div>
  );
}
