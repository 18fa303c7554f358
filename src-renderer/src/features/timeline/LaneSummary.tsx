// A lane zoomed out too far for clips to be told apart (a book fitted to the window puts thousands
// of clips in a lane): canvases with a sliver per clip instead of thousands of clip elements, each
// with its own canvas and handles, which took seconds to mount and draw. Zoom in and the clips
// come back as elements.
//
// The canvases are tiles as wide as the scroll window's step (CHUNK_PX), keyed by their place, so a
// scroll that moves the window draws the one tile coming into it and keeps the rest; one canvas as
// wide as the window was redrawn whole, thousands of slivers, at every step.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { samplesToPx } from './geometry';
import { spansInPx, type SpanIndex } from './span-index';
import { CHUNK_PX } from './useScrollWindow';

interface Props {
  lane: SpanIndex<TimelineClip>;
  pxPerSec: number;
  from: number;
  to: number;
  color: string;
}

export function LaneSummary({ lane, pxPerSec, from, to, color }: Props) {
  const tiles: number[] = [];
  for (let t = Math.floor(from / CHUNK_PX); t * CHUNK_PX < to; t++) tiles.push(t);
  return (
    <>
      {tiles.map((t) => (
        <SummaryTile key={t} lane={lane} tile={t} pxPerSec={pxPerSec} color={color} />
      ))}
    </>
  );
}

const SummaryTile = memo(function SummaryTile({ lane, tile, pxPerSec, color }: { lane: SpanIndex<TimelineClip>; tile: number; pxPerSec: number; color: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const left = tile * CHUNK_PX;
  const clips = useMemo(() => spansInPx(lane, left, left + CHUNK_PX, pxPerSec), [lane, left, pxPerSec]);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = window.devicePixelRatio || 1;
    const h = el.clientHeight || 40;
    el.width = Math.round(CHUNK_PX * dpr);
    el.height = Math.round(h * dpr);
    const g = el.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, CHUNK_PX, h);
    g.fillStyle = color;
    for (const c of clips) {
      const x = samplesToPx(c.startSample, pxPerSec) - left;
      const w = samplesToPx(c.samples, pxPerSec);
      g.globalAlpha = c.status === 'ready' ? 0.85 : 0.4;
      g.fillRect(x, 6, Math.max(1, w - 0.5), h - 12);
    }
  }, [clips, pxPerSec, left, color]);
  return <canvas ref={canvas} className="tl-lane-summary" data-testid="tl-lane-summary" data-clips={clips.length} style={{ left, width: CHUNK_PX }} />;
});
