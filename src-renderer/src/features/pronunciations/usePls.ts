// PLS lexicons in and out of the Pronunciations screen. The desktop asks its dialogs for paths; a
// browser uploads the picked file (PUT /upload) and downloads the export. What came in (added,
// replaced, skipped with the first problems by line) or why nothing did stays on screen until the
// next try, so a skipped lexeme can be fixed in the file and imported again.
import { useState } from 'react';
import { call } from '../../client';
import { triggerDownload } from '../../client/download';
import { discardUpload, uploadFile } from '../../client/upload';
import { errorMessage } from '../../client/rpc-error';
import { getStudio } from '../../store/studio';

export type PlsScope = 'global' | 'project';

export type PlsReport =
  | { kind: 'imported'; fileName: string; scope: PlsScope; language: string; added: number; replaced: number; skipped: number; problems: string[] }
  | { kind: 'exported'; fileName: string; where: string; entries: number }
  | { kind: 'failed'; what: 'import' | 'export'; fileName: string | null; message: string };

const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

export function usePls(projectId: string | null, afterImport: () => Promise<void>) {
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<PlsReport | null>(null);
  const desktop = () => getStudio().info?.face === 'electron';
  const target = (scope: PlsScope) => (scope === 'project' && projectId ? { scope, projectId } : { scope: 'global' as const });

  /** `file`: what the browser's picker gave; absent on the desktop, whose dialog is asked. */
  const importPls = async (scope: PlsScope, file?: File): Promise<void> => {
    if (busy) return;
    let fileName: string | null = file?.name ?? null;
    let uploadId: string | null = null;
    setBusy(file ? `Importing ${file.name}…` : 'Importing…');
    try {
      let path: string;
      if (file) {
        const up = await uploadFile(file);
        uploadId = up.id;
        path = up.path;
      } else {
        const picked = await call('dialog.openFile', { title: 'Import a PLS lexicon', extensions: ['pls', 'xml'], label: 'Pronunciation lexicons' });
        if (!picked.supported || !picked.path) return;
        path = picked.path;
        fileName = baseName(path);
      }
      const r = await call('pronunciations.importPls', { path, ...target(scope) });
      setReport({ kind: 'imported', fileName: fileName ?? baseName(path), scope, ...r });
      await afterImport();
    } catch (e) {
      setReport({ kind: 'failed', what: 'import', fileName, message: errorMessage(e) });
    } finally {
      if (uploadId) void discardUpload(uploadId);
      setBusy(null);
    }
  };

  const exportPls = async (scope: PlsScope, language: string): Promise<void> => {
    if (busy) return;
    setBusy('Exporting…');
    try {
      const defaultName = `${scope === 'global' ? 'pronunciations' : `${getStudio().projectName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'project'} pronunciations`}-${language}.pls`;
      let destination: { kind: 'file'; path: string } | { kind: 'download' } = { kind: 'download' };
      if (desktop()) {
        const picked = await call('dialog.saveFile', { defaultName, extensions: ['pls'], label: 'Pronunciation lexicon' });
        if (picked.supported && !picked.path) return;
        if (picked.path) destination = { kind: 'file', path: picked.path };
      }
      const r = await call('pronunciations.exportPls', { destination, language, ...target(scope) });
      if (r.downloadUrl) triggerDownload(r.downloadUrl, r.path ? r.fileName : defaultName);
      setReport({ kind: 'exported', fileName: r.path ? r.fileName : defaultName, where: r.path ?? "your browser's downloads", entries: r.entries });
    } catch (e) {
      setReport({ kind: 'failed', what: 'export', fileName: null, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return { busy, report, dismiss: () => setReport(null), importPls, exportPls };
}
