// The Export button and its status: progress with the core's stage name, Cancel while it runs, and
// the outcome (file path or download) when it is done, and on the desktop "Show in folder" for it.
import { cancelExport, dismissExport, startExport } from '../../store/export-actions';
import { revealFile } from '../../store/file-actions';
import { selectExportJob, selectIsDesktop } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { cssVars } from '../../lib/css-vars';
import { CloseIcon, ExportIcon } from '../../ui/Icons';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { useLoopRange } from '../timeline';

const clock = (sample: number) => {
  const s = sample / SAMPLE_RATE;
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;
};

export function ExportControl() {
  const job = useStudio(selectExportJob);
  const desktop = useStudio(selectIsDesktop);
  const running = job?.phase === 'running';
  // A loop set on the timeline can be exported on its own (a trailer, a retake for a client).
  const loop = useLoopRange();
  return (
    <div className="export">
      {job && (
        <div className={`export-status is-${job.phase}`} data-testid="export-status" role="status" aria-live="polite">
          {running ? (
            <>
              <span className="export-stage">
                {job.stage} · {Math.round(job.fraction * 100)}%
              </span>
              <span className="mini-progress" aria-hidden="true">
                <span className="mini-progress-fill" style={cssVars({ '--fill': job.fraction })} />
              </span>
              <button type="button" className="btn btn-small" data-testid="export-cancel" onClick={() => void cancelExport()}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <span className="export-message" title={job.message ?? ''}>
                {job.phase === 'done' ? 'Exported' : job.phase === 'cancelled' ? 'Cancelled' : 'Export failed'}
                {job.message && job.phase !== 'cancelled' ? <span className="muted"> · {job.message}</span> : null}
              </span>
              {job.phase === 'done' && job.path && desktop ? (
                <button type="button" className="btn btn-small export-reveal" data-testid="export-reveal" onClick={() => void revealFile(job.path!)}>
                  Show in folder
                </button>
              ) : null}
              <button type="button" className="icon-btn" aria-label="Dismiss export status" onClick={dismissExport}>
                <CloseIcon size={14} />
              </button>
            </>
          )}
        </div>
      )}
      {loop && !running && (
        <button type="button" className="btn" data-testid="export-loop" title={`Export only the loop range, ${clock(loop.start)}–${clock(loop.end)}`} onClick={() => void startExport({ startSample: loop.start, endSample: loop.end })}>
          Export loop {clock(loop.start)}–{clock(loop.end)}
        </button>
      )}
      <button type="button" className="btn btn-primary" data-testid="export" disabled={running} onClick={() => void startExport()}>
        <ExportIcon />
        <span>Export</span>
      </button>
    </div>
  );
}
