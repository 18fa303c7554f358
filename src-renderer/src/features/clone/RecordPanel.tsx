// Recording a reference: microphone picker, live meter, the prompt to read, a 3-2-1 count-in and the
// take with its timer. The timer's bar marks the 6 s the checks need; Stop works earlier (a false
// start should not force 6 s of waiting), and the checks then say the take is too short.
import { useEffect, useState } from 'react';
import type { Take } from '../../audio/recorder-take';
import { AlertIcon, MicIcon } from '../../ui/Icons';
import { CLONE_PROMPT } from './clone-prompt';
import { InputMeter } from './InputMeter';
import { TakeClock } from './TakeClock';
import { useMicrophone } from './useMicrophone';
import { useSpaceToRecord } from './useSpaceToRecord';

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

  useSpaceToRecord(on, phase, m.record, m.stop);

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

      <TakeClock phase={phase} countdown={countdown} elapsed={elapsed} onRecord={m.record} onStop={m.stop} />
    </div>
  );
}
