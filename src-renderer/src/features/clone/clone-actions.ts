// The cloning calls as the screen uses them: what is sent for a source, a clone with its progress
// events, and the management verbs (export as a download or to a chosen file, import, delete), each
// refreshing the library afterwards so the Voices screen and the voice pickers see the change.
import type { AudioSource, CloneInfo, QualityReport } from '../../../../src-main/contract/calls-clone';
import { call, isRpcClientError, on } from '../../client';
import { triggerDownload } from '../../client/download';
import { bytesToBase64, pcmSource, trimmed } from '../../audio/recorder-take';
import { refreshLibrary } from '../../store/library-actions';
import type { CloneStage, CreatedVoice, Source } from './clone-flow';

export function audioSource(source: Source): AudioSource {
  if (source.kind === 'file') return source.send;
  return pcmSource(trimmed(source.take, source.trim));
}

export function checkSource(source: Source): Promise<QualityReport> {
  return call('clone.check', { source: audioSource(source) });
}

/** Per-check messages a refusal carries (`details`), beyond its one-line summary. */
export function errorDetails(e: unknown): string[] {
  return isRpcClientError(e) && e.details ? Object.values(e.details) : [];
}

export interface CreateRequest {
  source: Source;
  name: string;
  consent: { statement: string; accepted: boolean; who: string };
  acceptWarnings: boolean;
}

/** Clones, reporting `clone.progress` for this job; refreshes the library once the voice exists. */
export async function createClone(req: CreateRequest, jobId: string, onProgress: (stage: CloneStage, fraction: number) => void): Promise<CreatedVoice> {
  const off = on('clone.progress', (p) => {
    if (p.jobId === jobId) onProgress(p.stage, p.fraction);
  });
  try {
    const r = await call('clone.create', { source: audioSource(req.source), name: req.name, consent: req.consent, acceptWarnings: req.acceptWarnings, jobId });
    await refreshLibrary();
    return { voice: r.voice, previewText: r.previewText, totalMs: r.timings.totalMs, warningsAccepted: req.acceptWarnings ? r.report.warnings : 0 };
  } finally {
    off();
  }
}

/** Adds a style to a cloned voice, with the same progress events (and cancel) as a clone. */
export async function addStyle(req: CreateRequest & { voiceId: string }, jobId: string, onProgress: (stage: CloneStage, fraction: number) => void): Promise<{ name: string }> {
  const off = on('clone.progress', (p) => {
    if (p.jobId === jobId) onProgress(p.stage, p.fraction);
  });
  try {
    const r = await call('clone.addStyle', { voiceId: req.voiceId, name: req.name, source: audioSource(req.source), consent: req.consent, acceptWarnings: req.acceptWarnings, jobId });
    await refreshLibrary();
    return { name: r.style.name };
  } finally {
    off();
  }
}

export async function renameStyle(voiceId: string, from: string, to: string): Promise<void> {
  await call('clone.renameStyle', { voiceId, from, to });
}

export async function deleteStyle(voiceId: string, name: string): Promise<void> {
  await call('clone.deleteStyle', { voiceId, name });
}

/** Asks the core to stop a clone; the pending createClone then fails with code `cancelled`. */
export async function cancelClone(jobId: string): Promise<void> {
  await call('clone.cancel', { jobId });
}

export function isCancelled(e: unknown): boolean {
  return isRpcClientError(e) && e.code === 'cancelled';
}

export async function listClones(): Promise<CloneInfo[]> {
  return call('clone.list', {});
}

export async function renameClone(voiceId: string, name: string): Promise<void> {
  await call('clone.rename', { voiceId, name });
  await refreshLibrary();
}

/** Splits what the person typed ("warm, narration") into tags, refusing what the core would refuse. */
export function parseTags(text: string): string[] {
  const tags = [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
  const long = tags.find((t) => t.length > 32);
  if (long) throw new Error(`“${long.slice(0, 40)}…” is too long for a tag (32 characters at most).`);
  if (tags.length > 16) throw new Error(`A voice can have 16 tags at most; this list has ${tags.length}.`);
  return tags;
}

export async function tagClone(voiceId: string, tags: string[]): Promise<void> {
  await call('clone.tag', { voiceId, tags });
  await refreshLibrary();
}

export async function deleteClone(voiceId: string): Promise<void> {
  await call('clone.delete', { voiceId });
  await refreshLibrary();
}

export async function reencodeClones(voiceId?: string): Promise<string[]> {
  const r = await call('clone.reencode', voiceId ? { voiceId } : {});
  await refreshLibrary();
  return r.reencoded;
}

/** Imports a .koevoice file; returns the new voice's name and whether it had to be re-encoded. */
export async function importVoiceFile(file: File): Promise<{ name: string; reencoded: boolean }> {
  const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
  const r = await call('clone.import', { source: { kind: 'bytes', base64, name: file.name.slice(0, 255) } });
  await refreshLibrary();
  return { name: r.voice.name, reencoded: r.reencoded };
}

/**
 * Exports a clone: the desktop asks where to save it; the browser downloads it. Returns where it
 * went, or null when the person cancelled the save dialog.
 */
export async function exportClone(info: Pick<CloneInfo, 'voiceId' | 'name'>): Promise<string | null> {
  const defaultName = `${info.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'voice'}.koevoice`;
  const dialog = await call('dialog.saveFile', { defaultName, extensions: ['koevoice'] });
  if (dialog.supported && !dialog.path) return null;
  const destination = dialog.supported && dialog.path ? { kind: 'file' as const, path: dialog.path } : { kind: 'download' as const };
  const r = await call('clone.export', { voiceId: info.voiceId, destination });
  if (r.downloadUrl) triggerDownload(r.downloadUrl, r.fileName);
  return r.path ?? r.fileName;
}
