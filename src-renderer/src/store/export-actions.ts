// Export the open project as one WAV. The script is saved first, because the core renders what it
// has stored, not what is in the editor. Desktop asks the native save dialog for a path; the browser
// gets a one-time download URL and clicks a link to it. Progress comes from `export.progress`.
import { flushEditorText } from './editor-bridge';
import { call, newClientId, on, RpcClientError } from '../client';
import { triggerDownload } from '../client/download';
import { parsed } from '../project/script-model';
import { flushSave } from './project-actions';
import { getStudio, setStudio } from './studio';
import { clearErrors, reportError } from './ui-actions';

let unsubscribe: (() => void) | null = null;

function patchJob(jobId: string, patch: Partial<NonNullable<ReturnType<typeof getStudio>['exportJob']>>): void {
  const job = getStudio().exportJob;
  if (job && job.jobId === jobId) setStudio({ exportJob: { ...job, ...patch } });
}

export function attachExportEvents(): void {
  unsubscribe?.();
  unsubscribe = on('export.progress', (p) => {
    const job = getStudio().exportJob;
    if (job && job.jobId === p.jobId && job.phase === 'running') patchJob(p.jobId, { fraction: p.fraction, stage: p.stage });
  });
}

/** Part of the timeline, in samples at 24 kHz, [start, end). */
export interface ExportRange {
  startSample: number;
  endSample: number;
}

/** Exports the open project, or only `range` of its timeline (the loop the person set). */
export async function startExport(range: ExportRange | null = null): Promise<void> {
  flushEditorText();
  const st = getStudio();
  if (!st.projectId || st.exportJob?.phase === 'running') return;
  if (parsed(st.script, st.notSpeakers).lines.length === 0) {
    reportError('export', 'Export', 'There is nothing to export yet: the script has no lines to speak.');
    return;
  }
  clearErrors('export');
  const projectId = st.projectId;
  const jobId = newClientId();
  setStudio({ exportJob: { jobId, phase: 'running', fraction: 0, stage: 'Saving', message: null, fileName: null } });
  try {
    await flushSave();
    const save = getStudio().save;
    if (save.kind === 'conflict' || save.kind === 'error') {
      throw new RpcClientError('conflict', 'The script is not saved, so the export would not match the editor. Resolve the save problem first.');
    }
    const settings = getStudio().settings;
    const bitDepth = settings?.exportBitDepth ?? 24;
    const format = settings?.exportFormat ?? 'wav';
    const defaultName = `${(getStudio().projectName || 'Koe Studio').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'export'}.${format}`;
    patchJob(jobId, { stage: 'Choosing where to save' });
    const dialog = await call('dialog.saveFile', { defaultName, extensions: [format] });
    if (dialog.supported && !dialog.path) {
      setStudio({ exportJob: null });
      return;
    }
    patchJob(jobId, { stage: 'Rendering' });
    const destination = dialog.supported && dialog.path ? { kind: 'file' as const, path: dialog.path } : { kind: 'download' as const };
    const result = await call('export.mix', {
      jobId,
      projectId,
      bitDepth,
      format,
      loudness: settings?.exportLoudness ?? null,
      stems: settings?.exportStems ?? false,
      subtitles: settings?.exportSubtitles ?? 'none',
      channels: settings?.exportChannels ?? 1,
      range,
      destination,
    });
    if (result.downloadUrl) triggerDownload(result.downloadUrl, result.fileName);
    for (const extra of result.extras) if (extra.downloadUrl) triggerDownload(extra.downloadUrl, extra.fileName);
    const seconds = result.durationSec.toFixed(1);
    const mb = (result.bytes / 1_048_576).toFixed(1);
    patchJob(jobId, {
      phase: 'done',
      fraction: 1,
      stage: 'Done',
      fileName: result.fileName,
      path: result.path,
      message: `${result.path ?? `${result.fileName} (in your browser's downloads)`} · ${seconds} s · ${mb} MB${result.lufs !== null ? ` · ${result.lufs.toFixed(1)} LUFS` : ''}${result.extras.length ? ` · +${result.extras.length} file${result.extras.length === 1 ? '' : 's'}` : ''}`,
    });
  } catch (e) {
    const cancelled = e instanceof RpcClientError && e.code === 'cancelled';
    patchJob(jobId, { phase: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'Export cancelled.' : e instanceof Error ? e.message : String(e) });
    if (!cancelled) reportError('export', 'Export', e);
  }
}

export async function cancelExport(): Promise<void> {
  const job = getStudio().exportJob;
  if (!job || job.phase !== 'running') return;
  patchJob(job.jobId, { stage: 'Cancelling' });
  try {
    await call('export.cancel', { jobId: job.jobId });
  } catch (e) {
    reportError('export', 'Cancel export', e);
  }
}

export function dismissExport(): void {
  if (getStudio().exportJob?.phase !== 'running') setStudio({ exportJob: null });
}
