// Export the open project with the export dialog's choices. The script is saved first, because the
// core renders what it has stored, not what is in the editor. Desktop asks the native save dialog
// for a path (a folder for one file per chapter); the browser gets one-time download URLs and clicks
// a link to each. Progress comes from `export.progress`.
import { flushEditorText } from './editor-bridge';
import { call, newClientId, on, RpcClientError } from '../client';
import { triggerDownload } from '../client/download';
import { parsed } from '../project/script-model';
import { flushSave } from './project-actions';
import { getStudio, setStudio } from './studio';
import { clearErrors, reportError } from './ui-actions';
import { DEFAULT_EXPORT_PREFS, type ExportPrefs } from '../../../src-main/contract/schemas';

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

/** Where the person left the export dialog for this project, else the Settings defaults. */
export async function exportPrefsFor(projectId: string): Promise<ExportPrefs> {
  const stored = await call('projects.exportPrefs', { id: projectId });
  if (stored) return stored;
  const s = getStudio().settings;
  if (!s) return { ...DEFAULT_EXPORT_PREFS };
  // Settings name a loudness; the dialog offers it as the preset with that target (and its check).
  const preset = s.exportLoudness === -16 ? 'podcast' : s.exportLoudness === -14 ? 'streaming' : s.exportLoudness === -23 ? 'broadcast' : null;
  return { ...DEFAULT_EXPORT_PREFS, format: s.exportFormat, preset, stems: s.exportStems, subtitles: s.exportSubtitles, channels: s.exportChannels, bitDepth: s.exportBitDepth };
}

/** The export call's choices from the dialog's: a preset sets the level and the fields it requires. */
export function choicesOf(p: ExportPrefs) {
  const acx = p.preset === 'acx';
  return {
    bitDepth: p.bitDepth,
    format: acx ? undefined : p.format,
    preset: p.preset,
    loudness: p.preset ? null : p.loudness,
    ...(acx || p.format === 'wav' || p.format === 'flac' ? {} : p.format === 'mp3' && p.vbr !== null ? { vbr: p.vbr } : p.bitrate !== null ? { bitrate: p.bitrate } : {}),
    ...(acx || p.sampleRate === null ? {} : { sampleRate: p.sampleRate }),
    stems: acx ? false : p.stems,
    subtitles: p.subtitles,
    channels: acx ? (1 as const) : p.channels,
    ...(acx ? {} : { chapters: p.chapters === 'marks' && p.format !== 'm4b' ? ('none' as const) : p.chapters }),
  };
}

/** The file extension the export will have. */
const extensionOf = (p: ExportPrefs) => (p.preset === 'acx' ? 'mp3' : p.format);

/**
 * Exports the open project with the dialog's choices, or only `range` of its timeline (the loop the
 * person set). The choices are kept with the project first, so the next export starts from them.
 */
export async function startExport(prefs: ExportPrefs, range: ExportRange | null = null): Promise<void> {
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
  setStudio({ exportJob: { jobId, projectId, phase: 'running', fraction: 0, stage: 'Saving', message: null, fileName: null } });
  try {
    await call('projects.setExportPrefs', { id: projectId, prefs });
    await flushSave();
    const save = getStudio().save;
    if (save.kind === 'conflict' || save.kind === 'error') {
      throw new RpcClientError('conflict', 'The script is not saved, so the export would not match the editor. Resolve the save problem first.');
    }
    const format = extensionOf(prefs);
    const perChapter = prefs.preset === 'acx' || prefs.chapters === 'files';
    const base = (getStudio().projectName || 'Koe Studio').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'export';
    patchJob(jobId, { stage: 'Choosing where to save' });
    // One file per chapter goes into a folder: the name given in the save dialog becomes the folder.
    const dialog = await call('dialog.saveFile', { defaultName: perChapter ? `${base} chapters` : `${base}.${format}`, extensions: perChapter ? [] : [format] });
    if (dialog.supported && !dialog.path) {
      setStudio({ exportJob: null });
      return;
    }
    patchJob(jobId, { stage: 'Rendering' });
    const destination = dialog.supported && dialog.path ? (perChapter ? { kind: 'folder' as const, path: dialog.path } : { kind: 'file' as const, path: dialog.path }) : { kind: 'download' as const };
    const result = await call('export.mix', { jobId, projectId, ...choicesOf(prefs), range, destination });
    if (result.downloadUrl) triggerDownload(result.downloadUrl, result.fileName);
    for (const extra of result.extras) if (extra.downloadUrl) triggerDownload(extra.downloadUrl, extra.fileName);
    const seconds = result.durationSec.toFixed(1);
    const mb = (result.bytes / 1_048_576).toFixed(1);
    const check = result.report ? ` · ${result.report.preset} check ${result.report.pass ? 'passed' : 'failed'}` : '';
    patchJob(jobId, {
      phase: 'done',
      fraction: 1,
      stage: 'Done',
      fileName: result.fileName,
      path: result.path,
      downloadUrl: result.downloadUrl,
      message: `${result.path ?? `${result.fileName} (in your browser's downloads)`} · ${seconds} s · ${mb} MB${result.lufs !== null ? ` · ${result.lufs.toFixed(1)} LUFS` : ''}${result.extras.length ? ` · +${result.extras.length} file${result.extras.length === 1 ? '' : 's'}` : ''}${check}`,
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

/** The outcome of an export belongs to its project: opening another one clears it (a running job stays). */
export function exportProjectChanged(projectId: string | null): void {
  const job = getStudio().exportJob;
  if (job && job.phase !== 'running' && job.projectId !== projectId) setStudio({ exportJob: null });
}
