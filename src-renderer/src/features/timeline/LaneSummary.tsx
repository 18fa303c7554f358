// A lane zoomed out too far for clips to be told apart (a book fitted to the window puts thousands
// of clips in a lane): one canvas with a sliver per clip instead of thousands of clip elements, each
// with its own canvas and handles, which took seconds to mount and draw. Zoom in and the clips
// come back as elements.
import { memo, useEffect, useRef } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { samplesToPx } from './geometry';

interface Props {
  clips: readonly TimelineClip[];
  pxPerSec: number;
  from: number;
  to: number;
  color: string;
}

export const LaneSummary = memo(function LaneSummary({ clips, pxPerSec, from, to, color }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = Math.max(1, Math.round(to - from));
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = window.devicePixelRatio || 1;
    const h = el.clientHeight || 40;
    el.width = Math.round(width * dpr);
    el.height = Math.round(h * dpr);
    const g = el.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, h);
    g.fillStyle = color;
    for (const c of clips) {
      const x = samplesToPx(c.startSample, pxPerSec) - from;
      const w = samplesToPx(c.samples, pxPerSec);
      if (x + w < 0 || x > width) continue;
      g.globalAlpha = c.status === 'ready' ? 0.85 : 0.4;
      g.fillRect(x, 6, Math.max(1, w - 0.5), h - 12);
    }
  }, [clips, pxPerSec, from, width, color]);
  return <canvas ref={canvas} className="tl-lane-summary" data-testid="tl-lane-summary" data-clips={clips.length} style={{ left: from, width }} />;
});
