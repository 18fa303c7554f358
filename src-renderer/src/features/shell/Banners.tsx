// Messages across the top of the work area, most urgent first: the connection, a recovered library, a save conflict,
// errors from the core, an unsaved draft from another session, and passing notices. All errors share
// one container (`error-banner`) so there is one place to look, for users and tests alike.
import { getClient } from '../../client';
import { acceptDraftOffer, discardDraftOffer, reloadAfterConflict, snapshotOf } from '../../store/project-actions';
import { selectConnection, selectDraftOffer, selectErrors, selectNotice, selectSave } from '../../store/selectors';
import { getStudio, useStudio } from '../../store/studio';
import { dismissAllErrors, dismissError, showNotice } from '../../store/ui-actions';
import { AlertIcon, CloseIcon } from '../../ui/Icons';
import { RecoveryBanner } from './RecoveryBanner';

function ConnectionBanner() {
  const c = useStudio(selectConnection);
  if (c.kind === 'open') return null;
  if (c.kind === 'connecting') return null;
  const stale = !c.everConnected && c.attempt >= 3;
  return (
    <div className="banner banner-warn" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      <span className="banner-text">
        <strong>Reconnecting…</strong>{' '}
        {stale
          ? 'The server does not accept this page. If koe serve was restarted, open the new URL it printed.'
          : 'Lost the connection to Koe Studio. Your text is kept on this computer and saves once it is back.'}
      </span>
      <button type="button" className="btn btn-small" onClick={() => getClient().transport.reconnectNow()}>
        Retry now
      </button>
    </div>
  );
}

async function copyMyText(): Promise<void> {
  try {
    await navigator.clipboard.writeText(snapshotOf(getStudio()).script);
    showNotice('Your text is on the clipboard.');
  } catch {
    showNotice('Could not use the clipboard; select the text in the editor and copy it.');
  }
}

function ErrorBanner() {
  const save = useStudio(selectSave);
  const errors = useStudio(selectErrors);
  const conflict = save.kind === 'conflict';
  if (!conflict && errors.length === 0) return null;
  return (
    <div className="banner-stack" data-testid="error-banner" role="alert">
      {conflict && (
        <div className="banner banner-bad">
          <AlertIcon />
          <span className="banner-text">
            <strong>Changed in another window.</strong> Autosave is paused so neither version is overwritten; your text here is
            kept on this computer.
          </span>
          <button type="button" className="btn btn-small" onClick={() => void copyMyText()}>
            Copy my text
          </button>
          <button type="button" className="btn btn-small btn-primary" data-testid="conflict-reload" onClick={() => void reloadAfterConflict()}>
            Reload
          </button>
        </div>
      )}
      {errors.map((e) => (
        <div key={e.id} className="banner banner-bad">
          <AlertIcon />
          <span className="banner-text">
            <span className="banner-context">{e.context}</span> {e.message}
          </span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismissError(e.id)}>
            <CloseIcon size={14} />
          </button>
        </div>
      ))}
      {errors.length > 1 && (
        <button type="button" className="banner-clear" onClick={dismissAllErrors}>
          Dismiss all
        </button>
      )}
    </div>
  );
}

function DraftBanner() {
  const draft = useStudio(selectDraftOffer);
  if (!draft) return null;
  const when = new Date(draft.savedAt);
  return (
    <div className="banner banner-info" role="status" data-testid="draft-banner">
      <span className="banner-text">
        <strong>Unsaved text found</strong> from {Number.isNaN(when.getTime()) ? 'an earlier session' : when.toLocaleString()}, written on
        an older version of this project.
      </span>
      <button type="button" className="btn btn-small" onClick={discardDraftOffer}>
        Discard it
      </button>
      <button type="button" className="btn btn-small btn-primary" onClick={acceptDraftOffer}>
        Use my text
      </button>
    </div>
  );
}

function Notice() {
  const notice = useStudio(selectNotice);
  if (!notice) return null;
  return (
    <div className="toast" role="status" data-testid="notice">
      {notice}
    </div>
  );
}

export function Banners() {
  return (
    <div className="banners">
      <ConnectionBanner />
      <RecoveryBanner />
      <ErrorBanner />
      <DraftBanner />
      <Notice />
    </div>
  );
}
