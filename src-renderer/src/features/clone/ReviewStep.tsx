// Step two: the recording as it will be sent. A take can be listened to, trimmed at either end and
// recorded again; a file shows its waveform when the browser can decode it. The quality checks run
// on exactly what would be cloned (the trimmed part), again after every trim, and the step only
// lets the person continue when they pass or the warnings are accepted.
import type { Dispatch } from 'react';
import { clampTrim, type Take } from '../../audio/recorder-take';
import { PlayIcon, StopIcon } from '../../ui/Icons';
import { extensionOf } from './import-file';
import { canContinue, type FlowAction, type FlowState, type Source } from './clone-flow';
import { QualityList } from './QualityList';
import { TrimInput } from './TrimInput';
import { useSourceCheck } from './useSourceCheck';
import { useTakePlayback } from './useTakePlayback';
import { Waveform } from './Waveform';

interface Props {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  onRedo(source: Source): void;
}

function formatLabel(source: Source): string | undefined {
  if (source.kind === 'recording') return 'Microphone';
  if (source.send.kind === 'pcm') return `${extensionOf(source.fileName).toUpperCase() || 'Audio'} decoded in the browser`;
  return undefined;
}

function previewOf(source: Source): Take | null {
  return source.kind === 'recording' ? source.take : source.preview;
}

export function ReviewStep({ state, dispatch, onRedo }: Props) {
  const source = state.source!;
  const { check } = state;
  const take = previewOf(source);
  useSourceCheck(check, source, dispatch);
  const { playing, togglePlay, cursor } = useTakePlayback(source, take);
  const duration = take ? take.pcm.length / take.sampleRate : 0;

  return (
    <div className="review-step" data-testid="clone-review">
      <div className="review-head">
        <div>
          <h2 className="step-title">{source.kind === 'recording' ? 'Your recording' : source.fileName}</h2>
          <p className="muted small">
            {source.kind === 'recording'
              ? `${duration.toFixed(1)} s recorded at ${take!.sampleRate} Hz · ${(source.trim.endSec - source.trim.startSec).toFixed(1)} s selected`
              : `${(source.bytes / 1e6).toFixed(2)} MB${take ? ` · ${duration.toFixed(1)} s` : ''}`}
          </p>
        </div>
        <div className="review-actions">
          {take && (
            <button type="button" className={`btn${playing ? ' is-on' : ''}`} data-testid="clone-play-take" onClick={togglePlay}>
              {playing ? <StopIcon size={12} /> : <PlayIcon size={12} />}
              <span>{playing ? 'Stop' : source.kind === 'recording' ? 'Play selection' : 'Play'}</span>
            </button>
          )}
          <button type="button" className="btn" data-testid="clone-redo" onClick={() => onRedo(source)}>
            {source.kind === 'recording' ? 'Record again' : 'Choose another file'}
          </button>
        </div>
      </div>

      {source.note && (
        <p className="clone-alert is-warn" role="status" data-testid="clone-source-note">
          {source.note}
        </p>
      )}

      {take ? (
        <Waveform
          take={take}
          {...(source.kind === 'recording' ? { trim: source.trim, onTrim: (trim) => dispatch({ type: 'trim', trim }) } : {})}
          cursor={cursor}
        />
      ) : (
        <p className="muted small">This browser cannot draw this file's waveform; Koe Studio itself reads it (see the checks below).</p>
      )}

      {source.kind === 'recording' && (
        <div className="trim-row">
          <TrimInput
            label="Start"
            value={source.trim.startSec}
            max={duration}
            testId="clone-trim-start"
            onCommit={(s) => dispatch({ type: 'trim', trim: clampTrim({ startSec: Math.min(s, source.trim.endSec - 0.5), endSec: source.trim.endSec }, duration) })}
          />
          <TrimInput
            label="End"
            value={source.trim.endSec}
            max={duration}
            testId="clone-trim-end"
            onCommit={(s) => dispatch({ type: 'trim', trim: clampTrim({ startSec: source.trim.startSec, endSec: Math.max(s, source.trim.startSec + 0.5) }, duration) })}
          />
          <span className="muted small">Drag the handles or type the times to cut a cough, a click or a long silence at either end.</span>
        </div>
      )}

      <div className="review-checks" aria-live="polite">
        {check.status === 'running' || check.status === 'idle' ? (
          <p className="muted checking" data-testid="clone-checking">
            <span className="spinner" /> Checking the recording…
          </p>
        ) : check.status === 'failed' ? (
          <div className="clone-alert is-bad" role="alert" data-testid="clone-check-error">
            <p>{check.error}</p>
          </div>
        ) : check.report ? (
          <QualityList report={check.report} formatLabel={formatLabel(source)} acceptWarnings={state.acceptWarnings} onAcceptWarnings={(accept) => dispatch({ type: 'accept-warnings', accept })} />
        ) : null}
      </div>

      <div className="step-footer">
        <button type="button" className="btn btn-ghost" onClick={() => dispatch({ type: 'back' })}>
          Back
        </button>
        <button type="button" className="btn btn-primary" data-testid="clone-continue" disabled={!canContinue(state)} onClick={() => dispatch({ type: 'to-consent' })}>
          Continue to consent
        </button>
      </div>
    </div>
  );
}
