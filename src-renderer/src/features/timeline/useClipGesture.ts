// A clip's pointer gestures, with pointer capture: the body moves the clip (snapped), its edges trim
// it, the corner handles set its fades. The clip follows the pointer through a local preview and the
// core hears about it once, on release, so a gesture is one undo step and a hundred pointer moves
// cost no calls and re-render no other clip.
import { useRef, useState, type PointerEvent } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { dragGrip, snapEdge, snapStart, type ClipShape, type Grip, type Span } from './geometry';
import { setSnapGuide, touchedEdge } from './SnapGuide';
import { editTimeline, selectClip } from './timeline-store';

/** Below this a press is a click (select), not a drag: a hand never holds perfectly still. */
const DRAG_THRESHOLD_PX = 3;

export const shapeOf = (c: TimelineClip): ClipShape => ({ start: c.startSample, trimStart: c.trimStartSamples, trimEnd: c.trimEndSamples, fadeIn: c.fadeInSamples, fadeOut: c.fadeOutSamples });
const same = (a: ClipShape, b: ClipShape) => a.start === b.start && a.trimStart === b.trimStart && a.trimEnd === b.trimEnd && a.fadeIn === b.fadeIn && a.fadeOut === b.fadeOut;

const GESTURE_WHAT: Record<Grip, string> = { move: 'Moving the clip', 'trim-start': 'Trimming the clip', 'trim-end': 'Trimming the clip', 'fade-in': 'Fade', 'fade-out': 'Fade' };

/**
 * `others` gives every other clip's span for edge snapping, read once per gesture; `editable` says
 * whether the clip has a take to trim and fade (any clip can be moved).
 */
export function useClipGesture(clip: TimelineClip, pxPerSec: number, others: (lineId: number) => Span[], editable: boolean) {
  const drag = useRef<{ grip: Grip; pointerX: number; origin: ClipShape; spans: Span[]; moved: boolean; to: ClipShape } | null>(null);
  const [preview, setPreview] = useState<{ grip: Grip; shape: ClipShape } | null>(null);
  const take = clip.take;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const grip = ((e.target as HTMLElement).dataset.grip as Grip | undefined) ?? 'move';
    if (grip !== 'move' && !editable) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const origin = shapeOf(clip);
    drag.current = { grip, pointerX: e.clientX, origin, spans: others(clip.lineId), moved: false, to: origin };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.pointerX;
    if (!d.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    d.moved = true;
    const delta = (dx / pxPerSec) * SAMPLE_RATE;
    const shape =
      d.grip === 'move'
        ? { ...d.origin, start: snapStart(d.origin.start + delta, clip.samples, d.spans, pxPerSec, e.altKey) }
        : dragGrip(d.grip, d.origin, take!.samples, delta, (edge) => snapEdge(edge, d.spans, pxPerSec, e.altKey));
    d.to = shape;
    setPreview({ grip: d.grip, shape });
    const end = shape.start + (take ? take.samples - shape.trimStart - shape.trimEnd : clip.samples);
    const edges = d.grip === 'move' ? [shape.start, end] : d.grip === 'trim-start' ? [shape.start] : d.grip === 'trim-end' ? [end] : [];
    setSnapGuide(e.altKey ? null : touchedEdge(edges, d.spans));
  };
  const onPointerUp = async () => {
    const d = drag.current;
    drag.current = null;
    setSnapGuide(null);
    if (!d) return;
    selectClip(clip.lineId);
    const to = d.to;
    if (!d.moved || same(to, d.origin)) {
      setPreview(null);
      return;
    }
    const lineId = clip.lineId;
    // Keep the preview until the reloaded view has it, so the clip does not flicker back.
    if (d.grip === 'move') await editTimeline({ type: 'move', lineId, startSample: to.start }, GESTURE_WHAT.move);
    else if (d.grip === 'fade-in' || d.grip === 'fade-out') await editTimeline({ type: 'fade', lineId, inSamples: to.fadeIn, outSamples: to.fadeOut }, GESTURE_WHAT[d.grip]);
    else {
      // A clip placed by hand keeps its audio where it is (it moves by what the head trim cut); one
      // the layout places is placed again after its gap, so only the cut is sent.
      const op = { type: 'trim' as const, lineId, startSamples: to.trimStart, endSamples: to.trimEnd };
      await editTimeline(clip.manual && to.start !== d.origin.start ? { ...op, startSample: to.start } : op, GESTURE_WHAT[d.grip]);
    }
    setPreview(null);
  };
  const onPointerCancel = () => {
    drag.current = null;
    setSnapGuide(null);
    setPreview(null);
  };

  return { preview, onPointerDown, onPointerMove, onPointerUp, onPointerCancel };
}
