// Ctrl+wheel (Cmd+wheel) over the timeline zooms around the pointer: the time under it stays under
// it. A native listener, because React's wheel handler is passive and cannot stop the browser from
// zooming the whole page.
import { useEffect, type RefObject } from 'react';
import { zoomBy } from './geometry';
import { setZoom, useTimeline } from './timeline-store';

/** `ready` turns true once the scroller is mounted (the view has loaded). */
export function useWheelZoom(scroller: RefObject<HTMLDivElement | null>, headW: number, ready: boolean): void {
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const before = useTimeline.getState().pxPerSec;
      const after = zoomBy(before, e.deltaY < 0 ? 1.25 : 0.8);
      if (after === before) return;
      const lanesLeft = el.getBoundingClientRect().left + headW;
      const atSec = (el.scrollLeft + e.clientX - lanesLeft) / before;
      setZoom(after);
      requestAnimationFrame(() => (el.scrollLeft = Math.max(0, atSec * after - (e.clientX - lanesLeft))));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ready]);
}
