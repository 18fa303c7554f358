// The speakers' lanes, drawing only the clips the scroller shows. A 1,000-line scene is an hour of
// timeline; mounting every clip (and its canvas) made opening and zooming slow and every reload
// re-render them all, so each lane keeps the clips that meet the visible window plus a margin
// (useScrollWindow).
import { memo, useCallback, useMemo, type RefObject } from 'react';
import type { TimelineClip, TimelineView } from '../../../../src-main/contract/calls-timeline';
import { Clip } from './Clip';
import { LaneSummary } from './LaneSummary';
import type { Span } from './geometry';
import { indexSpans, spansInPx, type SpanIndex } from './span-index';
import { MarkerLines } from './Markers';
import { TrackHeader } from './TrackHeader';
import { useScrollWindow } from './useScrollWindow';
import { selectClip, useTimeline } from './timeline-store';
import { sampleAtPointer } from './Playhead';
import { SnapGuide } from './SnapGuide';
import { seek } from './transport';

type Track = TimelineView['tracks'][number];

interface LanesProps {
  projectId: string | null;
  tracks: Track[];
  clips: TimelineClip[];
  pxPerSec: number;
  widthPx: number;
  headW: number;
  selectedLineId: number | null;
  busy: boolean;
  scroller: RefObject<HTMLDivElement | null>;
}

export function Lanes({ projectId, tracks, clips, pxPerSec, widthPx, headW, selectedLineId, busy, scroller }: LanesProps) {
  const win = useScrollWindow(scroller, headW);
  const bySpeaker = useMemo(() => {
    const m = new Map<string, TimelineClip[]>();
    for (const c of clips) {
      let list = m.get(c.speaker);
      if (!list) m.set(c.speaker, (list = []));
      list.push(c);
    }
    return new Map([...m].map(([speaker, list]) => [speaker, indexSpans(list)]));
  }, [clips]);
  // Read at the start of a gesture, not passed as data: a new array on every reload would re-render every clip.
  const others = useCallback((lineId: number): Span[] => {
    const all = useTimeline.getState().view?.clips ?? [];
    return all.filter((c) => c.lineId !== lineId).map((c) => ({ start: c.startSample, length: c.samples }));
  }, []);
  return (
    <>
      <MarkerLines pxPerSec={pxPerSec} headW={headW} />
      <SnapGuide pxPerSec={pxPerSec} headW={headW} />
      {tracks.map((track) => (
        <Lane key={track.speaker} projectId={projectId} track={track} lane={bySpeaker.get(track.speaker) ?? EMPTY} pxPerSec={pxPerSec} widthPx={widthPx} from={win.from} to={win.to} selectedLineId={selectedLineId} busy={busy} others={others} />
      ))}
    </>
  );
}

const EMPTY: SpanIndex<TimelineClip> = indexSpans<TimelineClip>([]);
/** Above this many clips in a lane's window, the lane is drawn as one canvas (LaneSummary). */
const DENSE_CLIPS = 300;

interface LaneProps {
  projectId: string | null;
  track: Track;
  lane: SpanIndex<TimelineClip>;
  pxPerSec: number;
  widthPx: number;
  from: number;
  to: number;
  selectedLineId: number | null;
  busy: boolean;
  others: (lineId: number) => Span[];
}

const Lane = memo(function Lane({ projectId, track, lane, pxPerSec, widthPx, from, to, selectedLineId, busy, others }: LaneProps) {
  const clips = lane.sorted;
  const { shown, dense } = useMemo(() => {
    const visible = spansInPx(lane, from, to, pxPerSec);
    // The selected clip stays mounted off screen: its panel and a gesture in progress hold on to it.
    const sel = selectedLineId === null ? undefined : clips.find((c) => c.lineId === selectedLineId);
    if (visible.length > DENSE_CLIPS) return { shown: sel ? [sel] : [], dense: true };
    return { shown: sel && !visible.includes(sel) ? [...visible, sel] : visible, dense: false };
  }, [lane, clips, from, to, pxPerSec, selectedLineId]);
  return (
    <div className="tl-row" data-testid={`lane-${track.speaker}`}>
      <TrackHeader track={track} busy={busy} />
      <div
        className={`tl-lane${track.mute ? ' is-muted' : ''}`}
        style={{ width: widthPx, ['--clip-color' as string]: track.color }}
        data-clips={clips.length}
        onPointerDown={(e) => {
          if (e.target !== e.currentTarget || e.button !== 0) return;
          selectClip(null);
          seek(sampleAtPointer(e, pxPerSec)); // empty lane space moves the playhead, like the ruler
        }}
      >
        {dense && <LaneSummary lane={lane} pxPerSec={pxPerSec} from={from} to={to} color={track.color} />}
        {shown.map((c) => (
          <Clip key={c.lineId} projectId={projectId} clip={c} pxPerSec={pxPerSec} selected={c.lineId === selectedLineId} others={others} />
        ))}
      </div>
    </div>
  );
});
