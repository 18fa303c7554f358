// The overview strip: the whole program at a glance — every clip as a sliver in its speaker's
// colour, chapter starts and markers — with the part the lanes show outlined. Press or drag on it
// to move the lanes there. One canvas, drawn again only when the clips change; the outline follows
// scrolling by style alone, so a 10,000-clip book costs one draw, not 10,000 elements.
import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { onScrollFrames, scrollToSec } from './timeline-scroll';

interface Props {
  view: TimelineView;
  endSamples: number;
  pxPerSec: number;
  scroller: RefObject<HTMLDivElement | null>;
  headW: number;
}

const HEIGHT = 34;

export function Overview({ view, endSamples, pxPerSec, scroller, headW }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const windowBox = useRef<HTMLDivElement>(null);
  const totalSec = Math.max(1, endSamples / SAMPLE_RATE);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const w = el.clientWidth;
      el.width = Math.max(1, Math.round(w * dpr));
      el.height = Math.round(HEIGHT * dpr);
      const g = el.getContext('2d');
      if (!g) return;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, w, HEIGHT);
      const rows = Math.max(1, view.tracks.length);
      const rowH = (HEIGHT - 6) / rows;
      const color = new Map(view.tracks.map((t, i) => [t.speaker, { color: t.color, row: i }] as const));
      const scale = w / (totalSec * SAMPLE_RATE);
      for (const c of view.clips) {
        const t = color.get(c.speaker);
        if (!t) continue;
        g.fillStyle = t.color;
        g.globalAlpha = c.status === 'ready' ? 0.9 : 0.45;
        g.fillRect(c.startSample * scale, 3 + t.row * rowH, Math.max(1, c.samples * scale), Math.max(1, rowH - 1));
      }
      g.globalAlpha = 1;
      g.fillStyle = getComputedStyle(el).getPropertyValue('--text-1') || '#aaa';
      for (const ch of view.chapters) g.fillRect(Math.round(ch.startSample * scale), 0, 1, HEIGHT);
      g.fillStyle = getComputedStyle(el).getPropertyValue('--warn') || '#e0a030';
      for (const m of view.markers) g.fillRect(Math.round((m.atMs / 1000) * SAMPLE_RATE * scale) - 1, 0, 3, 4);
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el);
    return () => ro.disconnect();
  }, [view, totalSec]);

  // The outline of what the lanes show, moved on scroll without re-rendering.
  useEffect(() => {
    const el = scroller.current;
    const box = windowBox.current;
    const strip = canvas.current;
    if (!el || !box || !strip) return;
    return onScrollFrames(el, () => {
      const w = strip.clientWidth;
      const fromSec = el.scrollLeft / pxPerSec;
      const spanSec = Math.max(0, el.clientWidth - headW) / pxPerSec;
      const left = Math.min(w, (fromSec / totalSec) * w);
      box.style.left = `${left}px`;
      box.style.width = `${Math.max(4, Math.min(w - left, (spanSec / totalSec) * w))}px`;
    });
  }, [scroller, pxPerSec, totalSec, headW]);

  const moveTo = (e: PointerEvent<HTMLDivElement>) => {
    const strip = canvas.current;
    const el = scroller.current;
    if (!strip || !el) return;
    const r = strip.getBoundingClientRect();
    const sec = ((e.clientX - r.left) / r.width) * totalSec;
    const spanSec = Math.max(0, el.clientWidth - headW) / pxPerSec;
    scrollToSec(Math.max(0, sec - spanSec / 2));
  };

  return (
    <div
      className="tl-overview"
      data-testid="tl-overview"
      title="The whole program: press or drag to move there"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e);
      }}
    >
      <canvas ref={canvas} className="tl-overview-canvas" style={{ height: HEIGHT }} />
      <div ref={windowBox} className="tl-overview-window" data-testid="tl-overview-window" />
    </div>
  );
}
