// The Timeline screen's keys: the transport's first, then M for a marker and Escape to deselect.
// Undo and redo are the window's (keyboard/shortcuts): one history for the script and the
// timeline, the same whichever has the focus.
import type { KeyboardEvent } from 'react';
import { addMarker } from './Markers';
import { onTransportKey } from './Transport';
import { selectClip } from './timeline-store';

export function onTimelineKey(e: KeyboardEvent<HTMLDivElement>, selectedLineId: number | null): void {
  const t = e.target as HTMLElement;
  if (onTransportKey(e)) return;
  if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA') return; // their own keys
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (!mod && !e.altKey && key === 'm') {
    e.preventDefault();
    void addMarker();
  } else if (e.key === 'Escape' && selectedLineId !== null) {
    selectClip(null);
  }
}
