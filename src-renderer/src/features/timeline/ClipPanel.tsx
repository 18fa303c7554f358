// The selected clip's side panel: its takes to compare and pick, a re-render that adds a take
// (the old ones stay, so a worse new take costs nothing), and the clip's own gain, fades and trims
// as numbers (the same edits the clip's handles make by dragging). The line's own speed and the
// pause after it are timeline settings too: the script says what is spoken, the timeline how.
import type { TakeInfo, TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { clipState } from './clip-state';
import { MIN_CLIP_SAMPLES } from './geometry';
import { LineStylePicker } from './LineStylePicker';
import { NumberField } from './NumberField';
import { editTimeline, renderLines, selectClip, selectTake, useTimeline } from './timeline-store';
import { selectSettings } from '../../store/selectors';
import { useStudio } from '../../store/studio';

const toMs = (samples: number) => Math.round((samples / SAMPLE_RATE) * 1000);
const toSamples = (ms: number) => Math.round((ms / 1000) * SAMPLE_RATE);

/** A head trim typed in: a clip placed by hand keeps its audio where it is, as when its edge is dragged. */
function trimHead(clip: TimelineClip, startSamples: number): Promise<boolean> {
  const op = { type: 'trim' as const, lineId: clip.lineId, startSamples, endSamples: clip.trimEndSamples };
  const startSample = clip.startSample + (startSamples - clip.trimStartSamples);
  return editTimeline(clip.manual && startSample >= 0 ? { ...op, startSample } : op, 'Trimming the clip');
}

function takeTime(t: TakeInfo): string {
  const d = new Date(t.createdAt);
  return Number.isNaN(d.getTime()) ? t.createdAt : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** `voiceId`: the voice that speaks the clip's speaker (for the style picker). */
export function ClipPanel({ clip, takes, busy, voiceId }: { clip: TimelineClip; takes: TakeInfo[]; busy: boolean; voiceId: string | null }) {
  const state = clipState(clip);
  const rendering = state.key === 'queued' || state.key === 'rendering';
  const lineId = clip.lineId;
  const projectSpeed = useStudio(selectSettings)?.speed ?? 1;
  // A take from the voice alone, to compare, when the project continues from the previous line.
  const continuing = useTimeline((s) => s.view?.options.contextMode ?? 'off') !== 'off';
  return (
    <aside className="tl-panel" aria-label="Selected clip" data-testid="clip-panel">
      <div className="tl-panel-head">
        <span className="tl-panel-speaker">{clip.speaker}</span>
        <span className={`tl-state is-${state.key}`}>{state.label}</span>
        <button type="button" className="icon-btn tl-panel-close" aria-label="Close" title="Close" onClick={() => selectClip(null)}>
          ×
        </button>
      </div>
      <p className="tl-panel-text">{clip.text}</p>
      {clip.render?.error && <p className="tl-panel-error">{clip.render.error}</p>}
      {clip.render?.warnings?.length ? (
        <ul className="tl-panel-warnings" data-testid="clip-panel-warnings" aria-label="What the voice could not read">
          {clip.render.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}

      <div className="tl-panel-section">
        <div className="tl-panel-row">
          <h2 className="tl-panel-title">Takes</h2>
          <button type="button" className="btn btn-small" disabled={rendering} data-testid="rerender" onClick={() => void renderLines([lineId])}>
            {rendering ? 'Rendering…' : 'Re-render'}
          </button>
          {continuing && (
            <button type="button" className="btn btn-small" disabled={rendering} data-testid="rerender-no-context" title="Render a take from the voice alone, to compare with the take that continues from the previous line" onClick={() => void renderLines([lineId], { withoutContext: true })}>
              Without context
            </button>
          )}
        </div>
        {takes.length === 0 ? (
          <p className="tl-panel-empty">No takes yet. Render the line to hear it.</p>
        ) : (
          <ul className="tl-takes" data-testid="take-list">
            {takes.map((t, i) => (
              <li key={t.id}>
                <button
                  type="button"
                  className={`tl-take${t.selected ? ' is-selected' : ''}`}
                  aria-pressed={t.selected}
                  disabled={busy || t.selected}
                  data-testid={`take-${t.id}`}
                  onClick={() => void selectTake(lineId, t.id)}
                >
                  <span className="tl-take-name">Take {takes.length - i}</span>
                  <span className="tl-take-meta">
                    {(t.samples / SAMPLE_RATE).toFixed(2)} s · {takeTime(t)}
                  </span>
                  {(continuing || t.params.context) && (
                    <span className="tl-take-context" data-testid={`take-context-${t.id}`} title={t.params.context ? 'Continues from the previous line' : 'From the voice alone'}>
                      {t.params.context ? 'continues' : 'alone'}
                    </span>
                  )}
                  {t.stale && <span className="tl-take-stale" title="Made from other text, voice, speed or context than the line has now">stale</span>}
                  {t.selected && <span className="tl-take-check">In use</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="tl-panel-section tl-panel-fields">
        <h2 className="tl-panel-title">Line</h2>
        <div className="tl-field">
          <span>Speed</span>
          <NumberField value={clip.speed ?? projectSpeed} min={0.5} max={2} step={0.05} unit="×" label="Line speed (re-render to hear it)" testId="line-speed" onCommit={(speed) => void editTimeline({ type: 'lineSpeed', lineId, speed }, 'Line speed')} />
        </div>
        {clip.speed !== null && (
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} data-testid="line-speed-reset" onClick={() => void editTimeline({ type: 'lineSpeed', lineId, speed: null }, 'Line speed')}>
            Use the project speed ({projectSpeed}×)
          </button>
        )}
        <LineStylePicker clip={clip} voiceId={voiceId} busy={busy} />
        <div className="tl-field">
          <span>Pause after</span>
          <NumberField value={clip.pauseAfterMs} min={0} max={60_000} step={50} unit="ms" label="Silence after this line, before the next" testId="line-pause-after" onCommit={(afterMs) => void editTimeline({ type: 'linePause', lineId, afterMs }, 'Pause after the line')} />
        </div>
      </div>

      <div className="tl-panel-section tl-panel-fields">
        <h2 className="tl-panel-title">Clip</h2>
        <div className="tl-field">
          <span>Gain</span>
          <NumberField value={clip.gainDb} min={-60} max={24} step={0.5} unit="dB" label="Clip gain" testId="clip-gain" onCommit={(db) => void editTimeline({ type: 'gain', lineId, db }, 'Clip gain')} />
        </div>
        <div className="tl-field">
          <span>Fade in</span>
          <NumberField value={toMs(clip.fadeInSamples)} min={0} max={10_000} step={10} unit="ms" label="Fade in" testId="clip-fade-in" onCommit={(ms) => void editTimeline({ type: 'fade', lineId, inSamples: toSamples(ms), outSamples: clip.fadeOutSamples }, 'Fade')} />
        </div>
        <div className="tl-field">
          <span>Fade out</span>
          <NumberField value={toMs(clip.fadeOutSamples)} min={0} max={10_000} step={10} unit="ms" label="Fade out" testId="clip-fade-out" onCommit={(ms) => void editTimeline({ type: 'fade', lineId, inSamples: clip.fadeInSamples, outSamples: toSamples(ms) }, 'Fade')} />
        </div>
        {clip.take && (
          <>
            <div className="tl-field">
              <span>Trim start</span>
              <NumberField value={toMs(clip.trimStartSamples)} min={0} max={Math.max(0, toMs(clip.take.samples - clip.trimEndSamples - MIN_CLIP_SAMPLES))} step={10} unit="ms" label="Trim start" testId="clip-trim-start" onCommit={(ms) => void trimHead(clip, toSamples(ms))} />
            </div>
            <div className="tl-field">
              <span>Trim end</span>
              <NumberField value={toMs(clip.trimEndSamples)} min={0} max={Math.max(0, toMs(clip.take.samples - clip.trimStartSamples - MIN_CLIP_SAMPLES))} step={10} unit="ms" label="Trim end" testId="clip-trim-end" onCommit={(ms) => void editTimeline({ type: 'trim', lineId, startSamples: clip.trimStartSamples, endSamples: toSamples(ms) }, 'Trimming the clip')} />
            </div>
          </>
        )}
        <div className="tl-field">
          <span>Length</span>
          <span className="tl-field-value" data-testid="clip-length">{(clip.samples / SAMPLE_RATE).toFixed(2)} s{clip.take && clip.samples !== clip.take.samples ? ` of ${(clip.take.samples / SAMPLE_RATE).toFixed(2)} s` : ''}</span>
        </div>
        <div className="tl-field">
          <span>Start</span>
          <span className="tl-field-value">{(clip.startSample / SAMPLE_RATE).toFixed(2)} s{clip.manual ? ' · placed by hand' : ''}</span>
        </div>
        {clip.manual && (
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void editTimeline({ type: 'move', lineId, startSample: clip.startSample, manual: false }, 'Returning the clip to the layout')}>
            Return to automatic layout
          </button>
        )}
      </div>
    </aside>
  );
}
