// The Export button and its status: it opens the export dialog; while the export runs, the core's
// stage, the percentage and Cancel, and afterwards the outcome with Reveal and Play, in a panel that
// hangs under the bar. Inside the bar they pushed the buttons off a 1024 px window and ran over
// them. The outcome belongs to the project it was made in.
import { useCallback, useEffect, useState } from 'react';
import { cancelExport, dismissExport, exportProjectChanged, type ExportRange } from '../../store/export-actions';
import { selectExportJob, selectProjectId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { cssVars } from '../../lib/css-vars';
import { ExportIcon } from '../../ui/Icons';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { useLoopRange } from '../timeline';
import { ExportDialog } from './ExportDialog';
import { ExportNotice } from './ExportNotice';

const clock = (sample: number) => {
  const s = sample / SAMPLE_RATE;
  return `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;
};

export function ExportControl() {
  const job = useStudio(selectExportJob);
  const projectId = useStudio(selectProjectId);
  const running = job?.phase === 'running';
  const [dialog, setDialog] = useState<{ range: ExportRange | null } | null>(null);
  const close = useCallback(() => setDialog(null), []);
  useEffect(() => exportProjectChanged(projectId), [projectId]);
  // A loop set on the timeline can be exported on its own (a trailer, a retake for a client).
  const loop = useLoopRange();
  const loopLabel = loop ? `${clock(loop.start)}–${clock(loop.end)}` : null;
  const loopRange = loop ? { startSample: loop.start, endSample: loop.end } : null;
  return (
    <div className="export">
      {job && running && (
        <div className="export-notice is-running" data-testid="export-status" role="status" aria-live="polite">
          <div className="export-progress-line">
            <span className="export-stage">{job.stage}</span>
            <span className="export-percent">{Math.round(job.fraction * 100)}%</span>
          </div>
          <div className="export-progress-line">
            <span className="mini-progress" aria-hidden="true">
              <span className="mini-progress-fill" style={cssVars({ '--fill': job.fraction })} />
            </span>
            <button type="button" className="btn btn-small" data-testid="export-cancel" onClick={() => void cancelExport()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {job && !running && <ExportNotice job={job} onDismiss={dismissExport} />}
      {loop && !running && (
        <button type="button" className="btn" data-testid="export-loop" title={`Export only the loop range, ${loopLabel}`} onClick={() => setDialog({ range: loopRange })}>
          Export loop<span className="export-loop-range"> {loopLabel}</span>
        </button>
      )}
      <button type="button" className="btn btn-primary" data-testid="export" disabled={running} onClick={() => setDialog({ range: null })}>
        <ExportIcon />
        <span>{running ? `Exporting ${Math.round(job.fraction * 100)}%` : 'Export'}</span>
      </button>
      {dialog && <ExportDialog range={dialog.range ?? loopRange} rangeLabel={loopLabel} initialRange={dialog.range !== null} onClose={close} />}
    </div>
  );
}
