// One line on its lane. Dragging is handled here with pointer capture: the clip follows the pointer
// locally (snapped) and the core hears about it once, on drop, so a drag is one undo step and a
// hundred pointer moves cost no calls.
import { useRef, useState, type PointerEvent } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { samplesToPx, snapStart, type Span } from './geometry';
import { editTimeline, selectClip } from './timeline-store';

/** Below this a press is a click (select), not a drag: a hand never holds perfectly still. */
const DRAG_THRESHOLD_PX = 3;

interface Props {
  clip: TimelineClip;
  pxPerSec: number;
  selected: boolean;
  /** Every other clip's span, for edge snapping across lanes. */
  others: () => Span[];
}

export function clipState(clip: TimelineClip): { key: string; label: string } {
  const r = clip.render?.state;
  if (r === 'failed') return { key: 'failed', label: 'Failed' };
  if (r === 'rendering') return { key: 'rendering', label: 'Rendering' };
  if (r === 'queued') return { key: 'queued', label: 'Queued' };
  if (clip.status === 'stale') return { key: 'stale', label: 'Stale' };
  if (clip.status === 'missing' || clip.estimated) return { key: 'missing', label: 'Not rendered' };
  return { key: 'ready', label: 'Ready' };
}

export function Clip({ clip, pxPerSec, selected, others }: Props) {
  const drag = useRef<{ pointerX: number; origin: number; spans: Span[]; moved: boolean } | null>(null);
  const [dragStart, setDragStart] = useState<number | null>(null);
  const start = dragStart ?? clip.startSample;
  const state = clipState(clip);
  const title = [`${clip.speaker}: ${clip.text}`, `${(clip.startSample / SAMPLE_RATE).toFixed(2)} s · ${(clip.samples / SAMPLE_RATE).toFixed(2)} s${clip.estimated ? ' (estimated)' : ''}`, state.label, clip.render?.error ?? ''].filter(Boolean).join('\n');

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointerX: e.clientX, origin: clip.startSample, spans: others(), moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.pointerX;
    if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    d.moved = true;
    const raw = d.origin + (dx / pxPerSec) * SAMPLE_RATE;
    setDragStart(snapStart(raw, clip.samples, d.spans, pxPerSec, e.altKey));
  };
  const onPointerUp = async () => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (!d.moved || dragStart === null || dragStart === d.origin) {
      setDragStart(null);
      selectClip(clip.lineId);
      return;
    }
    selectClip(clip.lineId);
    // Keep the clip where it was dropped until the reloaded view places it, so it does not flicker back.
    await editTimeline({ type: 'move', lineId: clip.lineId, startSample: dragStart }, 'Moving the clip');
    setDragStart(null);
  };
  const onPointerCancel = () => {
    drag.current = null;
    setDragStart(null);
  };

  return (
    <div
      className={`tl-clip is-${state.key}${selected ? ' is-selected' : ''}${dragStart !== null ? ' is-dragging' : ''}${clip.manual ? ' is-manual' : ''}`}
      style={{ left: samplesToPx(start, pxPerSec), width: Math.max(6, samplesToPx(clip.samples, pxPerSec)) }}
      title={title}
      role="button"
      tabIndex={-1}
      aria-pressed={selected}
      aria-label={`${clip.speaker}: ${clip.text}`}
      data-testid={`clip-${clip.lineId}`}
      data-state={state.key}
      data-start={clip.startSample}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => void onPointerUp()}
      onPointerCancel={onPointerCancel}
    >
      <span className="tl-clip-text">{clip.text}</span>
      <span className="tl-clip-meta">
        {state.key !== 'ready' && <span className="tl-clip-badge">{state.label}</span>}
        {clip.takeCount > 1 && <span className="tl-clip-takes" data-testid={`clip-takes-${clip.lineId}`}>{clip.takeCount} takes</span>}
      </span>
    </div>
  );
}
