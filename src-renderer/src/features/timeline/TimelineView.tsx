// The Timeline screen: one lane per speaker with the script's lines as clips, a ruler, zoom, render
// with progress, drag to move, undo/redo, and the selected clip's takes in a side panel. This lays
// the screen out; the toolbar, the messages, the keys (screen-keys.ts) and the wheel zoom are apart.
import { useEffect, useRef } from 'react';
import { selectProjectId, selectSettings, selectTimelineChapterJump } from '../../store/selectors';
import { clearTimelineChapterJump } from '../../store/ui-actions';
import { useStudio } from '../../store/studio';
import { ClipPanel } from './ClipPanel';
import { MasterStrip } from './MasterStrip';
import { samplesToPx } from './geometry';
import { Lanes } from './Lanes';
import { MarkerFlags } from './Markers';
import { Ruler } from './Ruler';
import { useMixPlayback } from './useMixPlayback';
import { PlayheadOverlay } from './Playhead';
import { onTimelineKey } from './screen-keys';
import { openTimeline, useTimeline, type TimelineData } from './timeline-store';
import { TimelineMessages } from './TimelineMessages';
import { TimelineToolbar } from './TimelineToolbar';
import { Overview } from './Overview';
import { goTo, registerTimelineScroller } from './timeline-scroll';
import { useWheelZoom } from './useWheelZoom';

/** Room after the last clip so a clip can be dragged past the end. */
const TAIL_SEC = 8;
/** Width of the lane heads: the wheel zoom needs it to find the time under the pointer. */
const HEAD_W = 200;

const selectView = (s: TimelineData) => s.view;
const selectPxPerSec = (s: TimelineData) => s.pxPerSec;
const selectSelectedLineId = (s: TimelineData) => s.selectedLineId;
const selectTakes = (s: TimelineData) => s.takes;
const selectBusy = (s: TimelineData) => s.busy;

export function TimelineView() {
  const projectId = useStudio(selectProjectId);
  // Lines of a speaker without a voice of their own speak with the Settings' default, as the core renders them.
  const defaultVoiceId = useStudio(selectSettings)?.defaultVoiceId ?? null;
  const view = useTimeline(selectView);
  const pxPerSec = useTimeline(selectPxPerSec);
  const selectedLineId = useTimeline(selectSelectedLineId);
  const takes = useTimeline(selectTakes);
  const busy = useTimeline(selectBusy);
  const scroller = useRef<HTMLDivElement>(null);
  useMixPlayback(projectId, scroller, HEAD_W);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => (projectId ? openTimeline(projectId) : undefined), [projectId]);
  useEffect(() => {
    registerTimelineScroller(scroller.current, HEAD_W);
    return () => registerTimelineScroller(null, HEAD_W);
  }, [view !== null]);
  // A chapter picked in the script's outline: go there once the view (with its chapters) is in.
  const chapterJump = useStudio(selectTimelineChapterJump);
  const chapters = view?.chapters;
  useEffect(() => {
    const c = chapterJump && chapters?.[chapterJump.index];
    if (!c) return;
    requestAnimationFrame(() => goTo(c.startSample));
    clearTimelineChapterJump();
  }, [chapterJump, chapters]);
  // Focus the screen on open so the undo keys work without a click first.
  useEffect(() => root.current?.focus({ preventScroll: true }), []);
  useWheelZoom(scroller, HEAD_W, view !== null);

  const clips = view?.clips ?? [];

  if (!projectId) return <div className="tl-empty">Open a project to see its timeline.</div>;

  const endSamples = clips.reduce((m, c) => Math.max(m, c.startSample + c.samples), 0);
  const widthPx = Math.ceil(samplesToPx(endSamples, pxPerSec) + TAIL_SEC * pxPerSec);
  const selected = clips.find((c) => c.lineId === selectedLineId) ?? null;

  return (
    <div className="tl-view" style={{ ['--tl-head-w' as string]: `${HEAD_W}px` }} ref={root} tabIndex={-1} onKeyDown={(e) => onTimelineKey(e, selectedLineId)} data-testid="timeline">
      <div className="pane-head tl-head-bar">
        <h1 className="pane-title">Timeline</h1>
        <span className="pane-hint">Drag clips to move them, their edges to trim and their top corners to fade (Alt: no snapping). M adds a marker. Ctrl+wheel zooms. Ctrl+Z / Shift+Ctrl+Z undo and redo.</span>
      </div>

      <TimelineToolbar view={view} endSamples={endSamples} pxPerSec={pxPerSec} busy={busy} />
      <TimelineMessages />
      {view && clips.length > 0 && <Overview view={view} endSamples={endSamples} pxPerSec={pxPerSec} scroller={scroller} headW={HEAD_W} />}

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
        {selected && <ClipPanel clip={selected} takes={takes} busy={busy} voiceId={view?.tracks.find((t) => t.speaker === selected.speaker)?.voiceId ?? defaultVoiceId} />}
      </div>
      {view && view.tracks.length > 0 && <MasterStrip master={view.master} busy={busy} />}
    </div>
  );
}
