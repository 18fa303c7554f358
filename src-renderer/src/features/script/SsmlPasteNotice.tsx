// What a pasted SSML became: converted to script text (with what SSML said that a script cannot,
// each with its line in the pasted SSML, and Undo back to the raw paste), or pasted as plain text
// because it was not well-formed (with the line and column where it breaks). It stays until
// dismissed, so a long list can be read while looking at the script.
import type { SsmlPasteReport } from './editor/ssml-paste';
import { CloseIcon } from '../../ui/Icons';

interface Props {
  report: SsmlPasteReport;
  onUndo(): void;
  onDismiss(): void;
}

export function SsmlPasteNotice({ report, onUndo, onDismiss }: Props) {
  if (report.kind === 'plain') {
    return (
      <div className="banner banner-warn ssml-paste" role="status" data-testid="ssml-paste-notice" data-kind="plain">
        <span className="banner-text">
          <strong>Pasted as plain text.</strong> {report.message} Fix the SSML and paste it again to convert it.
        </span>
        <button type="button" className="icon-btn" aria-label="Dismiss" data-testid="ssml-paste-dismiss" onClick={onDismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
    );
  }
  const n = report.notices.length;
  return (
    <div className={`banner ${n ? 'banner-warn' : 'banner-info'} ssml-paste`} role="status" data-testid="ssml-paste-notice" data-kind="converted">
      <div className="banner-text">
        <strong>
          {report.undone ? 'The SSML was put back as pasted.' : `Pasted SSML as a script: ${report.lines} line${report.lines === 1 ? '' : 's'}.`}
        </strong>{' '}
        {!report.undone && (n ? `${n} thing${n === 1 ? '' : 's'} in it ${n === 1 ? 'has' : 'have'} no exact place in a script (lines of the pasted SSML):` : 'Everything in it has a place in the script.')}
        {!report.undone && n > 0 && (
          <ul className="ssml-paste-notices" data-testid="ssml-paste-notices">
            {report.notices.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        )}
        {report.undoLost && <span className="muted"> The script text was edited since, so Undo here would lose that; use Ctrl+Z to step back.</span>}
      </div>
      {!report.undone && (
        <button type="button" className="btn btn-small" data-testid="ssml-paste-undo" onClick={onUndo} title="Replace the converted script with the SSML exactly as pasted">
          Undo: keep the SSML
        </button>
      )}
      <button type="button" className="icon-btn" aria-label="Dismiss" data-testid="ssml-paste-dismiss" onClick={onDismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
