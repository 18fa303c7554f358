// The part of the timeline's lanes the scroller shows, plus a margin, for drawing only that: clips
// (Lanes.tsx) and anything else whose count grows with the scene's length, such as ruler ticks.
// The window moves in whole chunks, so scrolling within a chunk re-renders nothing.
import { useEffect, useState, type RefObject } from 'react';
import { onScrollFrames } from './timeline-scroll';

/** The window snaps to multiples of this many px… */
export const CHUNK_PX = 1024;
/** …and reaches at least this far past each side of the view, so a fast scroll finds clips drawn. */
const MARGIN_PX = 800;

/** The lanes' x range (lane px, not scroller px) to draw, updated on scroll and resize. */
export function useScrollWindow(scroller: RefObject<HTMLDivElement | null>, headW: number): { from: number; to: number } {
  const [win, setWin] = useState({ from: 0, to: CHUNK_PX * 3 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    return onScrollFrames(el, () => {
      const from = Math.max(0, Math.floor((el.scrollLeft - MARGIN_PX) / CHUNK_PX) * CHUNK_PX);
      const to = Math.ceil((el.scrollLeft + Math.max(0, el.clientWidth - headW) + MARGIN_PX) / CHUNK_PX) * CHUNK_PX;
      setWin((w) => (w.from === from && w.to === to ? w : { from, to }));
    });
  }, [scroller, headW]);
  return win;
}
