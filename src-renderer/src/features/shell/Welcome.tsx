// The first-run welcome, at the top of the work area of a new library: the two things a new creator
// came for, each one button. "Get natural voices" downloads the recommended Kokoro variant with its
// voices and lexicons (size shown, progress, offline afterwards) and makes a natural voice the
// default, so the script already open speaks with it. "Clone your voice" fetches Pocket TTS first,
// then opens the Clone screen. It is not a modal: the studio works underneath, and "Not now" (or
// either path finishing) puts it away for good.
import { useEffect, useState } from 'react';
import type { ModelList } from '../../../../src-main/contract/calls-models';
import { call } from '../../client';
import { formatBytes } from '../../lib/format';
import { getStudio, useStudio } from '../../store/studio';
import { selectSettings } from '../../store/selectors';
import { updateSettings } from '../../store/library-actions';
import { setView } from '../../store/ui-actions';
import { pendingOf, useGetModel, type GetState } from '../models';
import { CloseIcon } from '../../ui/Icons';

/** The natural voice a new library speaks in once Kokoro is here: the best-graded American one. */
function naturalDefault(): string | null {
  const voices = getStudio().voices.filter((v) => v.engine === 'kokoro' && v.available && v.kind === 'system');
  return (voices.find((v) => v.id === 'kokoro:af_heart') ?? voices.find((v) => v.language === 'en-us') ?? voices[0])?.id ?? null;
}

function Progress({ state, testId }: { state: GetState; testId: string }) {
  if (state.kind === 'running') {
    const f = state.total > 0 ? Math.min(1, state.bytes / state.total) : 0;
    return (
      <div className="welcome-progress" data-testid={`${testId}-progress`}>
        <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(f * 100)}>
          <span className="bar-fill" style={{ width: `${(f * 100).toFixed(1)}%` }} />
        </div>
        <span className="muted">{state.total > 0 ? `${formatBytes(state.bytes)} of ${formatBytes(state.total)}` : 'Starting…'}</span>
      </div>
    );
  }
  if (state.kind === 'failed')
    return (
      <p className="form-error" role="alert">
        {state.message} Models has the details and a Resume button.
      </p>
    );
  return null;
}

export function Welcome() {
  const settings = useStudio(selectSettings);
  const [list, setList] = useState<ModelList | null>(null);
  const [closed, setClosed] = useState(false);
  // Answered once the voices are here: the "ready" line stays for this session only.
  const natural = useGetModel(async () => {
    const id = naturalDefault();
    await updateSettings(id ? { defaultVoiceId: id, welcomeDone: true } : { welcomeDone: true });
  });
  const clone = useGetModel(async () => {
    await updateSettings({ welcomeDone: true });
    setView('clone');
  });
  const show = settings !== null && !closed && (!settings.welcomeDone || natural.state.kind === 'done');
  useEffect(() => {
    if (show) call('models.list', {}).then(setList, () => setList(null));
  }, [show]);
  if (!show) return null;

  const kokoro = list ? pendingOf(list, list.recommended.id) : null;
  const pocket = list?.assets.some((a) => a.id === 'pocket-tts-en') ? pendingOf(list, 'pocket-tts-en') : null;
  const size = (p: { bytes: number; estimated: boolean } | null) => (!p ? '' : p.bytes === 0 ? 'already here' : `${p.estimated ? 'about ' : ''}${formatBytes(p.bytes)}`);
  const dismiss = () => {
    setClosed(true);
    if (!settings.welcomeDone) void updateSettings({ welcomeDone: true });
  };

  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <div className="welcome-head">
        <h2 id="welcome-title" className="welcome-title">
          Welcome to Koe Studio
        </h2>
        <span className="muted">Your script already speaks with the built-in voices. For more:</span>
        <button type="button" className="icon-btn" aria-label="Close the welcome" data-testid="welcome-close" onClick={dismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
      <div className="welcome-choices">
        <div className="welcome-choice">
          <strong>Natural voices</strong>
          <span className="muted">
            Kokoro: 54 voices in 9 languages, with English pronunciation dictionaries. One download{kokoro ? ` (${size(kokoro)})` : ''}, then it all works offline.
          </span>
          {natural.state.kind === 'done' ? (
            <div className="welcome-done" data-testid="welcome-natural-done">
              Natural voices are ready; your script speaks in one now.
              <button type="button" className="btn btn-small" data-testid="welcome-finish" onClick={dismiss}>
                Start writing
              </button>
            </div>
          ) : (
            <button type="button" className="btn btn-primary" data-testid="welcome-natural" disabled={!list || natural.state.kind === 'running'} onClick={() => list && void natural.start(list.recommended.id)}>
              Get natural voices
            </button>
          )}
          <Progress state={natural.state} testId="welcome-natural" />
        </div>
        <div className="welcome-choice">
          <strong>Your own voice</strong>
          <span className="muted">Record six seconds, then type lines in your voice. Needs Pocket TTS first{pocket ? ` (${size(pocket)})` : ''}.</span>
          <button type="button" className="btn" data-testid="welcome-clone" disabled={!pocket || clone.state.kind === 'running'} onClick={() => void clone.start('pocket-tts-en')}>
            Clone your voice
          </button>
          <Progress state={clone.state} testId="welcome-clone" />
        </div>
      </div>
      <button type="button" className="btn btn-ghost btn-small welcome-later" data-testid="welcome-later" onClick={dismiss}>
        Not now
      </button>
    </section>
  );
}
