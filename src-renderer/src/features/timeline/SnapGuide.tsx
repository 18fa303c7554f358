// The line through all lanes that shows which clip edge a dragged clip or trimmed edge has stuck
// to. Its own tiny store: the dragged clip sets it on each move, and only this line re-renders.
import { create } from 'zustand';
import { samplesToPx, type Span } from './geometry';

const useGuide = create<{ at: number | null }>()(() => ({ at: null }));

export function setSnapGuide(at: number | null): void {
  if (useGuide.getState().at !== at) useGuide.setState({ at });
}

/** The other-clip edge one of `edges` sits exactly on, if any (what snapping landed on). */
export function touchedEdge(edges: readonly number[], others: readonly Span[]): number | null {
  for (const o of others) {
    for (const e of edges) if (e === o.start || e === o.start + o.length) return e;
  }
  return null;
}

export function SnapGuide({ pxPerSec, headW }: { pxPerSec: number; headW: number }) {
  const at = useGuide((s) => s.at);
  if (at === null) return null;
  return <div className="tl-snap-guide" style={{ left: headW + samplesToPx(at, pxPerSec) }} data-testid="tl-snap-guide" aria-hidden="true" />;
}
