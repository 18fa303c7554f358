// Markers: flags under the ruler and thin lines down through the lanes. M or the toolbar's Marker
// button adds one at the playhead; clicking a flag brings the playhead back to it; × removes it.
import { memo } from 'react';
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { formatTime } from './geometry';
import { editTimeline, useTimeline } from './timeline-store';
import { seek, useTransport } from './transport';

type Marker = TimelineView['markers'][number];

const selectMarkers = (s: { view: TimelineView | null }) => s.view?.markers ?? NONE;
const NONE: Marker[] = [];

/** "Marker N" with N one past the highest already numbered that way. */
export function nextMarkerLabel(markers: readonly Marker[]): string {
  let n = 0;
  for (const m of markers) {
    const k = /^Marker (\d+)$/.exec(m.label);
    if (k) n = Math.max(n, Number(k[1]));
  }
  return `Marker ${n + 1}`;
}

/** Adds a marker where the playhead stands. */
export function addMarker(): Promise<boolean> {
  const view = useTimeline.getState().view;
  if (!view) return Promise.resolve(false);
  const atMs = Math.max(0, Math.round((useTransport.getState().playhead / SAMPLE_RATE) * 1000));
  return editTimeline({ type: 'addMarker', atMs, label: nextMarkerLabel(view.markers) }, 'Adding a marker');
}

export const removeMarker = (markerId: number) => editTimeline({ type: 'removeMarker', markerId }, 'Removing the marker');

/** The flags, placed in the ruler row (which stays on top while the lanes scroll under it). */
export const MarkerFlags = memo(function MarkerFlags({ pxPerSec, headW }: { pxPerSec: number; headW: number }) {
  const markers = useTimeline(selectMarkers);
  if (markers.length === 0) return null;
  return (
    <div className="tl-marker-flags" style={{ left: headW }} data-testid="tl-markers">
      {markers.map((m) => (
        <div
          key={m.id}
          className="tl-marker-flag"
          style={{ left: (m.atMs / 1000) * pxPerSec }}
          tabIndex={0}
          role="group"
          aria-label={`${m.label} at ${formatTime(m.atMs / 1000, true)}`}
          title={`${m.label} · ${formatTime(m.atMs / 1000, true)}: click to move the playhead here; Delete removes it`}
          data-testid={`marker-${m.id}`}
          data-ms={m.atMs}
          onClick={(e) => {
            // The flag jumps the playhead to the marker; its × only removes it.
            if ((e.target as HTMLElement).closest('.tl-marker-remove')) return;
            seek(Math.round((m.atMs / 1000) * SAMPLE_RATE));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') seek(Math.round((m.atMs / 1000) * SAMPLE_RATE));
            if (e.key === 'Delete' || e.key === 'Backspace') {
              e.preventDefault();
              e.stopPropagation();
              void removeMarker(m.id);
            }
          }}
        >
          <span className="tl-marker-label">{m.label}</span>
          <button type="button" className="tl-marker-remove" aria-label={`Remove ${m.label}`} title="Remove marker" data-testid={`marker-remove-${m.id}`} onClick={() => void removeMarker(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
});

/** The lines through the lanes, under the lane heads and over the clips. */
export const MarkerLines = memo(function MarkerLines({ pxPerSec, headW }: { pxPerSec: number; headW: number }) {
  const markers = useTimeline(selectMarkers);
  return (
    <>
      {markers.map((m) => (
        <div key={m.id} className="tl-marker-line" style={{ left: headW + (m.atMs / 1000) * pxPerSec }} aria-hidden="true" />
      ))}
    </>
  );
});
