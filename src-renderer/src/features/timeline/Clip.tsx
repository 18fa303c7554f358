// One line on its lane, with its waveform once rendered, its state and its grips: the body moves
// the clip, its edges trim it, the small corner handles set its fades. The gestures themselves are
// useClipGesture's; this draws the clip as the gesture previews it.
import { memo } from 'react';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { clipState } from './clip-state';
import { samplesToPx, type Span } from './geometry';
import { usePeaks } from './peaks';
import { shapeOf, useClipGesture } from './useClipGesture';
import { Waveform } from './Waveform';

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

export const Clip = memo(function Clip({ projectId, clip, pxPerSec, selected, others }: Props) {
  const take = clip.take;
  const editable = take !== null && !clip.estimated;
  const { preview, onPointerDown, onPointerMove, onPointerUp, onPointerCancel } = useClipGesture(clip, pxPerSec, others, editable);
  const peaks = usePeaks(projectId, clip.lineId, take?.id ?? null);
  const shape = preview?.shape ?? shapeOf(clip);
  // What plays, after trims: from the take while editing, else the core's figure.
  const samples = take && preview ? take.samples - shape.trimStart - shape.trimEnd : clip.samples;
  const widthPx = Math.max(6, samplesToPx(samples, pxPerSec));
  const state = clipState(clip);
  const title = [`${clip.speaker}: ${clip.text}`, `${(clip.startSample / SAMPLE_RATE).toFixed(2)} s · ${(clip.samples / SAMPLE_RATE).toFixed(2)} s${clip.estimated ? ' (estimated)' : ''}`, state.label, clip.render?.error ?? '', ...(clip.render?.warnings ?? [])].filter(Boolean).join('\n');
  const warnings = clip.render?.warnings?.length ?? 0;

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
          {warnings > 0 && (
            <span className="tl-clip-warning" data-testid={`clip-warning-${clip.lineId}`} title={clip.render!.warnings!.join('\n')}>
              ⚠ {warnings === 1 ? '1 part skipped' : `${warnings} parts skipped`}
            </span>
          )}
          {clip.direction && (
            <span className="tl-clip-direction" data-testid={`clip-direction-${clip.lineId}`} title="Directions that shape this line's delivery (see the README's Directions table)">
              {clip.direction.split('+').join(', ')}
            </span>
          )}
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
