// The take's clock: the 3-2-1 count-in, then the time recorded against the 20 s limit, a bar that
// marks the 6 s the checks need, Record or Stop, and a hint for where the take stands.
import { MAX_TAKE_SEC, MIN_TAKE_SEC } from '../../audio/recorder-take';
import { cssVars } from '../../lib/css-vars';
import { StopIcon } from '../../ui/Icons';
import type { MicPhase } from './useMicrophone';

interface Props {
  phase: MicPhase;
  countdown: number;
  /** Seconds recorded so far (0 outside a take). */
  elapsed: number;
  onRecord(): void;
  onStop(): void;
}

export function TakeClock({ phase, countdown, elapsed, onRecord, onStop }: Props) {
  return (
    <div className={`take-clock is-${phase}`} data-testid="clone-clock" data-phase={phase}>
      {phase === 'countin' ? (
        <div className="count-in" aria-live="assertive" data-testid="clone-countin">
          {countdown}
        </div>
      ) : (
        <div className="take-time" aria-live="off">
          <span className="take-time-now" data-testid="clone-timer">
            {elapsed.toFixed(1)}
          </span>
          <span className="take-time-max"> / {MAX_TAKE_SEC} s</span>
        </div>
      )}
      <div className="take-bar" style={cssVars({ '--done': Math.min(1, elapsed / MAX_TAKE_SEC), '--min': MIN_TAKE_SEC / MAX_TAKE_SEC })}>
        <div className="take-bar-fill" />
        <div className="take-bar-min" title={`${MIN_TAKE_SEC} s: the least the checks accept`} />
      </div>
      <div className="take-actions">
        {phase === 'recording' || phase === 'countin' ? (
          <button type="button" className="btn btn-stop-rec" data-testid="clone-stop" onClick={onStop}>
            <StopIcon size={12} />
            <span>{phase === 'countin' ? 'Cancel' : 'Stop'}</span>
          </button>
        ) : (
          <button type="button" className="btn btn-record" data-testid="clone-record" disabled={phase !== 'ready'} onClick={onRecord}>
            <span className="rec-dot" aria-hidden="true" />
            <span>Record</span>
          </button>
        )}
        <span className="muted small take-hint" data-testid="clone-take-hint">
          {phase === 'recording'
            ? elapsed < MIN_TAKE_SEC
              ? `Keep going: at least ${MIN_TAKE_SEC} s of speech is needed.`
              : `Good. Stop whenever you like; it stops by itself at ${MAX_TAKE_SEC} s.`
            : phase === 'ready'
              ? 'Record (or Space) starts a 3-2-1 count-in. Aim for peaks around −12 dBFS, in a quiet room, a hand’s width or two from the microphone.'
              : phase === 'countin'
                ? 'Get ready…'
                : 'Turn on the microphone to see its level before recording.'}
        </span>
      </div>
    </div>
  );
}
