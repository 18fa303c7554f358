// One line on its lane, with its waveform once rendered. Every gesture is handled here with pointer
// capture: the body moves the clip (snapped), its edges trim it, the small corner handles set its
// fades. The clip follows the pointer locally and the core hears about it once, on release, so a
// gesture is one undo step and a hundred pointer moves cost no calls and re-render no other clip.
import { memo, useRef, useState, type PointerEvent } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { dragGrip, samplesToPx, snapEdge, snapStart, type ClipShape, type Grip, type Span } from './geometry';
import { usePeaks } from './peaks';
import { setSnapGuide, touchedEdge } from './SnapGuide';
import { editTimeline, selectClip } from './timeline-store';
import { Waveform } from './Waveform';

/** Below this a press is a click (select), not a drag: a hand never holds perfectly still. */
const DRAG_THRESHOLD_PX = 3;
/** A clip narrower than this (zoomed far out) has no grips: they would leave nothing to move it by. */
const GRIPS_MIN_PX = 28;

interface Props {
  projectId: string | null;
  clip: TimelineClip;
  pxPerSec: number;
  selected: boolean;
  /** Every other clip's span, for edge snapping across lanes; called once per gesture. */
  others: (lineId: number) => Span[];
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

const shapeOf = (c: TimelineClip): ClipShape => ({ start: c.startSample, trimStart: c.trimStartSamples, trimEnd: c.trimEndSamples, fadeIn: c.fadeInSamples, fadeOut: c.fadeOutSamples });
const same = (a: ClipShape, b: ClipShape) => a.start === b.start && a.trimStart === b.trimStart && a.trimEnd === b.trimEnd && a.fadeIn === b.fadeIn && a.fadeOut === b.fadeOut;

const GESTURE_WHAT: Record<Grip, string> = { move: 'Moving the clip', 'trim-start': 'Trimming the clip', 'trim-end': 'Trimming the clip', 'fade-in': 'Fade', 'fade-out': 'Fade' };

export const Clip = memo(function Clip({ projectId, clip, pxPerSec, selected, others }: Props) {
  const drag = useRef<{ grip: Grip; pointerX: number; origin: ClipShape; spans: Span[]; moved: boolean; to: ClipShape } | null>(null);
  const [preview, setPreview] = useState<{ grip: Grip; shape: ClipShape } | null>(null);
  const take = clip.take;
  const peaks = usePeaks(projectId, clip.lineId, take?.id ?? null);
  const shape = preview?.shape ?? shapeOf(clip);
  const editable = take !== null && !clip.estimated;
  // What plays, after trims: from the take while editing, else the core's figure.
  const samples = take && preview ? take.samples - shape.trimStart - shape.trimEnd : clip.samples;
  const widthPx = Math.max(6, samplesToPx(samples, pxPerSec));
  const state = clipState(clip);
  const title = [`${clip.speaker}: ${clip.text}`, `${(clip.startSample / SAMPLE_RATE).toFixed(2)} s · ${(clip.samples / SAMPLE_RATE).toFixed(2)} s${clip.estimated ? ' (estimated)' : ''}`, state.label, clip.render?.error ?? ''].filter(Boolean).join('\n');

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

  const fadeInPx = samplesToPx(shape.fadeIn, pxPerSec);
  const fadeOutPx = samplesToPx(shape.fadeOut, pxPerSec);
  return (
    <div
      className={`tl-clip is-${state.key}${selected ? ' is-selected' : ''}${preview ? ` is-dragging is-${preview.grip}` : ''}${clip.manual ? ' is-manual' : ''}${peaks && editable ? ' has-wave' : ''}`}
      style={{ left: samplesToPx(shape.start, pxPerSec), width: widthPx }}
      title={title}
      role="button"
      tabIndex={-1}
      aria-pressed={selected}
      aria-label={`${clip.speaker}: ${clip.text}`}
      data-testid={`clip-${clip.lineId}`}
      data-state={state.key}
      data-start={clip.startSample}
      data-samples={clip.samples}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => void onPointerUp()}
      onPointerCancel={onPointerCancel}
    >
      {peaks && editable && peaks.takeId === take.id && (
        <Waveform peaks={peaks} widthPx={widthPx} trimStartSamples={shape.trimStart} samples={samples} gainDb={clip.gainDb} fadeInSamples={shape.fadeIn} fadeOutSamples={shape.fadeOut} pxPerSec={pxPerSec} />
      )}
      <span className="tl-clip-label">
        <span className="tl-clip-text">{clip.text}</span>
        <span className="tl-clip-meta">
          {state.key !== 'ready' && <span className="tl-clip-badge">{state.label}</span>}
          {clip.takeCount > 1 && <span className="tl-clip-takes" data-testid={`clip-takes-${clip.lineId}`}>{clip.takeCount} takes</span>}
          {clip.gainDb !== 0 && <span className="tl-clip-gain">{clip.gainDb > 0 ? '+' : ''}{clip.gainDb} dB</span>}
        </span>
      </span>
      {editable && widthPx >= GRIPS_MIN_PX && (
        <>
          <span className="tl-grip is-trim is-start" data-grip="trim-start" data-testid={`trim-start-${clip.lineId}`} title="Drag to trim the start (Alt: no snapping)" />
          <span className="tl-grip is-trim is-end" data-grip="trim-end" data-testid={`trim-end-${clip.lineId}`} title="Drag to trim the end (Alt: no snapping)" />
          <span className="tl-grip is-fade is-in" style={{ left: fadeInPx }} data-grip="fade-in" data-testid={`fade-in-${clip.lineId}`} title={`Fade in ${Math.round((shape.fadeIn / SAMPLE_RATE) * 1000)} ms: drag to change`} />
          <span className="tl-grip is-fade is-out" style={{ right: fadeOutPx }} data-grip="fade-out" data-testid={`fade-out-${clip.lineId}`} title={`Fade out ${Math.round((shape.fadeOut / SAMPLE_RATE) * 1000)} ms: drag to change`} />
        </>
      )}
    </div>
  );
});
