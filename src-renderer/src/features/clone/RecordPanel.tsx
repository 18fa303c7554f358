// Recording a reference: microphone picker, live meter, the prompt to read, a 3-2-1 count-in and the
// take with its timer. The timer's bar marks the 6 s the checks need; Stop works earlier (a false
// start should not force 6 s of waiting), and the checks then say the take is too short.
import { useEffect, useState } from 'react';
import { MAX_TAKE_SEC, MIN_TAKE_SEC, type Take } from '../../audio/recorder-take';
import { isTextEntry } from '../../keyboard/shortcuts';
import { cssVars } from '../../lib/css-vars';
import { CLONE_PROMPT } from './clone-prompt';
import { InputMeter } from './InputMeter';
import { useMicrophone } from './use-microphone';
import { AlertIcon, MicIcon, StopIcon } from '../../ui/Icons';

interface Props {
  onTake(take: Take, note: string | null): void;
  /** Open the microphone at once (the person pressed "Record again"). */
  autoOpen: boolean;
  desktop: boolean;
}

export function RecordPanel({ onTake, autoOpen, desktop }: Props) {
  const m = useMicrophone(onTake, desktop);
  const { phase, mics, deviceId, problem, notice, countdown } = m.view;
  const [elapsed, setElapsed] = useState(0);
  const on = phase !== 'off' && phase !== 'opening';

  useEffect(() => {
    if (autoOpen) void m.open(m.view.deviceId);
    // Only on arrival; later opens are the person's.
  }, []);

  useEffect(() => {
    if (phase !== 'recording') {
      setElapsed(0);
      return;
    }
    const t = setInterval(() => setElapsed(m.elapsed()), 100);
    return () => clearInterval(t);
  }, [phase, m]);

  // Space is the studio's play key. With the microphone on it records and stops instead: playing
  // the script now would put the studio's own voice into the take. Captured on the window before
  // the studio's handler; on a focused control Space stays that control's.
  const { record, stop } = m;
  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && isTextEntry({ tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable })) return;
      e.stopPropagation();
      if (el?.closest('button, a, input, select, [role="slider"], [role="tab"]')) return;
      e.preventDefault();
      if (e.repeat) return;
      if (phase === 'ready') record();
      else if (phase === 'countin' || phase === 'recording') stop();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [on, phase, record, stop]);

  const known = mics.some((x) => x.deviceId === deviceId);

  return (
    <div className="record-panel" data-testid="clone-recorder" data-capture={m.view.capture ?? undefined}>
      <div className="mic-row">
        <label className="mic-picker">
          <span className="field-label-text">Microphone</span>
          <select
            className="select"
            data-testid="clone-mic-select"
            value={known ? deviceId : ''}
            disabled={phase === 'countin' || phase === 'recording' || phase === 'opening'}
            onChange={(e) => m.selectDevice(e.target.value)}
          >
            {!mics.some((x) => x.deviceId === '' || x.deviceId === 'default') && <option value="">System default</option>}
            {mics.map((x) => (
              <option key={x.deviceId || 'default'} value={x.deviceId}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        {on ? (
          <button type="button" className="btn" data-testid="clone-mic-off" disabled={phase !== 'ready'} onClick={m.close}>
            Turn off
          </button>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="clone-mic-on" disabled={phase === 'opening'} onClick={() => void m.open(deviceId)}>
            <MicIcon size={14} />
            <span>{phase === 'opening' ? 'Waiting for the microphone…' : 'Turn on microphone'}</span>
          </button>
        )}
      </div>

      {problem && (
        <div className="clone-alert is-bad" role="alert" data-testid="clone-mic-problem" data-kind={problem.kind}>
          <AlertIcon size={15} />
          <div>
            <p className="clone-alert-title">{problem.title}</p>
            <p>{problem.help}</p>
          </div>
        </div>
      )}
      {notice && (
        <div className="clone-alert is-warn" role="status" data-testid="clone-mic-notice">
          <AlertIcon size={15} />
          <p>{notice}</p>
        </div>
      )}

      <InputMeter source={m.meter} onResetClip={m.resetClip} />
      {on && m.view.capture === 'script-processor' && <p className="muted small">Recording through the browser's older audio path; keep other tabs quiet while recording.</p>}

      <figure className="prompt-card">
        <figcaption className="prompt-caption">Read this aloud in your everyday voice, at your own pace. It is fine if the time runs out before the end.</figcaption>
        <blockquote className="prompt-text" data-testid="clone-prompt">
          {CLONE_PROMPT}
        </blockquote>
      </figure>

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
            <button type="button" className="btn btn-stop-rec" data-testid="clone-stop" onClick={m.stop}>
              <StopIcon size={12} />
              <span>{phase === 'countin' ? 'Cancel' : 'Stop'}</span>
            </button>
          ) : (
            <button type="button" className="btn btn-record" data-testid="clone-record" disabled={phase !== 'ready'} onClick={m.record}>
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
    </div>
  );
}
