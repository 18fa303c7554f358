// The Timeline screen's keys: the transport's first, then undo/redo, M for a marker and Escape to
// deselect. Bound on the screen's element, not the window: the script editor (kept mounted while
// hidden) has its own text undo, and a window-wide Ctrl+Z would have to guess which one was meant.
import type { KeyboardEvent } from 'react';
import { addMarker } from './Markers';
import { onTransportKey } from './Transport';
import { redoTimeline, selectClip, undoTimeline } from './timeline-store';

export function onTimelineKey(e: KeyboardEvent<HTMLDivElement>, selectedLineId: number | null): void {
  const t = e.target as HTMLElement;
  if (onTransportKey(e)) return;
  if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA') return; // their own undo
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === 'z') {
    e.preventDefault();
    void (e.shiftKey ? redoTimeline() : undoTimeline());
  } else if (mod && !e.altKey && !e.shiftKey && key === 'y') {
    e.preventDefault();
    void redoTimeline();
  } else if (!mod && !e.altKey && key === 'm') {
    e.preventDefault();
    void addMarker();
  } else if (e.key === 'Escape' && selectedLineId !== null) {
    selectClip(null);
  }
}
