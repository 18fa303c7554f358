// Moving the timeline's view from outside the lanes: zoom to fit, the overview strip, and jumps to
// a chapter or a marker. The screen registers its scroller here once; the toolbar and the
// navigator only ask for a place in time.
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { samplesToPx, zoomToFit } from './geometry';
import { setZoom, useTimeline } from './timeline-store';
import { seek, timelineEnd } from './transport';

let scroller: HTMLDivElement | null = null;
let headW = 0;

export function registerTimelineScroller(el: HTMLDivElement | null, head: number): void {
  scroller = el;
  headW = head;
}

/** Width of the lanes in view, in px. */
export function lanesWidth(): number {
  return scroller ? Math.max(1, scroller.clientWidth - headW) : 1;
}

/** Zooms so the whole program fits the window, and scrolls to its start. */
export function fitToView(): void {
  const end = timelineEnd();
  setZoom(zoomToFit(end, lanesWidth() - 16));
  if (scroller) scroller.scrollLeft = 0;
}

/** Scrolls so `sample` sits a third of the way into the window (if it is not in view already). */
export function revealSample(sample: number, pxPerSec = useTimeline.getState().pxPerSec): void {
  if (!scroller) return;
  const x = samplesToPx(sample, pxPerSec);
  const w = lanesWidth();
  if (x >= scroller.scrollLeft && x <= scroller.scrollLeft + w - 40) return;
  scroller.scrollLeft = Math.max(0, x - w / 3);
}

/** Moves the playhead to `sample` and brings it into view. */
export function goTo(sample: number): void {
  seek(sample);
  revealSample(sample);
}

/** Scrolls the window so its left edge is at `sec` (the overview strip). */
export function scrollToSec(sec: number): void {
  if (!scroller) return;
  scroller.scrollLeft = Math.max(0, sec * useTimeline.getState().pxPerSec);
}

export const samplesOfSec = (sec: number): number => Math.round(sec * SAMPLE_RATE);

/**
 * Calls `measure` now and once per animation frame after the scroller scrolls or resizes (several
 * events in one frame cost one call). Returns the unsubscribe.
 */
export function onScrollFrames(el: HTMLElement, measure: () => void): () => void {
  let frame = 0;
  const run = () => {
    frame = 0;
    measure();
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(run);
  };
  measure();
  el.addEventListener('scroll', schedule, { passive: true });
  const ro = new ResizeObserver(schedule);
  ro.observe(el);
  return () => {
    el.removeEventListener('scroll', schedule);
    ro.disconnect();
    if (frame) cancelAnimationFrame(frame);
  };
}
