// Step three: consent, a name, and the clone itself. The statement shown is the core's own
// (clone.consentText), and exactly that text is sent back and stored with who accepted it, so the
// record says what this person saw. Cloning shows the core's progress stages as they arrive.
import { useState, type Dispatch } from 'react';
import { errorMessage, newClientId } from '../../client';
import { addStyle, cancelClone, createClone, errorDetails, isCancelled } from './clone-actions';
import type { FlowAction, FlowState } from './clone-flow';
import { CloneProgress } from './CloneProgress';
import { CreateError } from './CreateError';
import { rememberedWho, rememberWho } from './remembered-who';
import { useConsentStatement } from './useConsentStatement';

interface Props {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  onOpenModels(): void;
  /** Adding a style to this voice rather than making a new one. */
  target?: { voiceId: string; name: string } | null;
  onStyleAdded?(voiceName: string, style: string): void;
}

export function ConsentStep({ state, dispatch, onOpenModels, target = null, onStyleAdded }: Props) {
  const { statement, statementError } = useConsentStatement();
  const [agreed, setAgreed] = useState(false);
  const [who, setWho] = useState(rememberedWho);
  const [name, setName] = useState('');
  const creating = state.creating;

  const ready = statement !== null && agreed && who.trim() !== '' && name.trim() !== '' && !creating;

  const clone = () => {
    if (!ready || !state.source) return;
    const jobId = newClientId();
    dispatch({ type: 'create-started', jobId });
    if (target) {
      addStyle({ voiceId: target.voiceId, source: state.source, name: name.trim(), consent: { statement: statement!, accepted: true, who: who.trim() }, acceptWarnings: state.acceptWarnings }, jobId, (stage, fraction) => dispatch({ type: 'progress', jobId, stage, fraction })).then(
        (added) => {
          rememberWho(who.trim());
          onStyleAdded?.(target.name, added.name);
        },
        (e: unknown) => dispatch(isCancelled(e) ? { type: 'create-cancelled', jobId } : { type: 'create-failed', jobId, message: errorMessage(e), details: errorDetails(e) }),
      );
      return;
    }
    createClone(
      { source: state.source, name: name.trim(), consent: { statement: statement!, accepted: true, who: who.trim() }, acceptWarnings: state.acceptWarnings },
      jobId,
      (stage, fraction) => dispatch({ type: 'progress', jobId, stage, fraction }),
    ).then(
      (created) => {
        rememberWho(who.trim());
        dispatch({ type: 'created', jobId, created });
      },
      (e: unknown) => dispatch(isCancelled(e) ? { type: 'create-cancelled', jobId } : { type: 'create-failed', jobId, message: errorMessage(e), details: errorDetails(e) }),
    );
  };

  const cancel = () => {
    if (creating) cancelClone(creating.jobId).catch(() => undefined); // the clone's own reply reports the outcome
  };

  return (
    <div className="consent-step" data-testid="clone-consent">
      <h2 className="step-title">Consent</h2>
      <p className="muted small">A voice belongs to a person. Koe Studio keeps this statement, who accepted it and when, with the voice and in every export of it.</p>
      {statementError ? (
        <div className="clone-alert is-bad" role="alert">
          <p>The consent statement could not be loaded: {statementError}</p>
        </div>
      ) : (
        <blockquote className="consent-text" data-testid="clone-consent-text">
          {statement ?? 'Loading…'}
        </blockquote>
      )}
      <label className="check-accept consent-agree">
        <input type="checkbox" data-testid="clone-consent-check" checked={agreed} disabled={!!creating} onChange={(e) => setAgreed(e.target.checked)} />
        <span>This is my voice, or I have the speaker’s permission, and I accept the statement above.</span>
      </label>
      <div className="consent-fields">
        <label className="consent-field">
          <span>Your name (who gives consent)</span>
          <input className="input" data-testid="clone-consent-who" value={who} maxLength={200} disabled={!!creating} autoComplete="name" onChange={(e) => setWho(e.target.value)} />
        </label>
        <label className="consent-field">
          <span>{target ? `Name of the style (a direction of the same name picks it)` : 'Name of the new voice'}</span>
          <input className="input" data-testid="clone-name" value={name} maxLength={target ? 40 : 80} disabled={!!creating} placeholder={target ? 'e.g. whisper, excited, sad' : 'e.g. Maya – warm narration'} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      {state.acceptWarnings && state.check.report && state.check.report.warnings > 0 && (
        <p className="muted small">Cloning with {state.check.report.warnings === 1 ? 'one accepted warning' : `${state.check.report.warnings} accepted warnings`}.</p>
      )}

      {creating && <CloneProgress creating={creating} onCancel={cancel} />}

      {state.createError && <CreateError error={state.createError} onOpenModels={onOpenModels} />}

      <div className="step-footer">
        <button type="button" className="btn btn-ghost" disabled={!!creating} onClick={() => dispatch({ type: 'back' })}>
          Back
        </button>
        <button type="button" className="btn btn-primary" data-testid="clone-create" disabled={!ready} onClick={clone}>
          {target ? (creating ? 'Adding…' : 'Add style') : creating ? 'Cloning…' : 'Clone voice'}
        </button>
      </div>
    </div>
  );
}
