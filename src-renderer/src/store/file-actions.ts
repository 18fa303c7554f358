// Projects as files: Save as .koe, Open .koe, Import a manuscript, the recent list, and showing a
// written file in the file manager. The desktop app asks its native dialogs for paths; a browser
// has no paths, so it downloads what it saves and uploads what it opens (PUT /upload, whose
// answer is a path on the core's side), and its recent entries lead back to the project instead.
import type { RecentFile } from '../../../src-main/contract/calls-files';
import { call, RpcClientError } from '../client';
import { triggerDownload } from '../client/download';
import { discardUpload, uploadFile } from '../client/upload';
import { flushSave, openProject, refreshProjects } from './project-actions';
import { getStudio, setStudio } from './studio';
import { clearErrors, reportError, setView, showNotice } from './ui-actions';

export const MANUSCRIPT_EXTENSIONS = ['epub', 'docx', 'md', 'markdown', 'txt', 'ssml'];
const isDesktop = (): boolean => getStudio().info?.face === 'electron';
const baseName = (path: string): string => path.split(/[\\/]/).pop() || path;

export async function loadRecentFiles(): Promise<void> {
  try {
    setStudio({ recentFiles: await call('recentFiles.list', {}) });
  } catch (e) {
    reportError('project', 'Recent files', e);
  }
}

async function remember(file: Omit<RecentFile, 'at'>): Promise<void> {
  try {
    setStudio({ recentFiles: await call('recentFiles.add', file) });
  } catch {
    // The list is a convenience; the file itself was saved or opened.
  }
}

/** Runs one file operation at a time, with its label shown while it runs and its failure reported. */
async function task(label: string, context: string, work: () => Promise<void>): Promise<void> {
  if (getStudio().fileBusy) return;
  clearErrors('project');
  setStudio({ fileBusy: label });
  try {
    await work();
  } catch (e) {
    if (!(e instanceof DOMException && e.name === 'AbortError')) reportError('project', context, e);
  } finally {
    setStudio({ fileBusy: null });
  }
}

/** A path for the core to read: the desktop's open dialog, or the browser's file uploaded. Null: cancelled. */
async function sourcePath(file: File | undefined, title: string, extensions: string[], label: string): Promise<{ path: string; fileName: string; uploadId: string | null } | null> {
  if (file) {
    const up = await uploadFile(file);
    return { path: up.path, fileName: file.name, uploadId: up.id };
  }
  const picked = await call('dialog.openFile', { title, extensions, label });
  if (!picked.supported || !picked.path) return null;
  return { path: picked.path, fileName: baseName(picked.path), uploadId: null };
}

async function adoptNewProject(projectId: string): Promise<void> {
  await refreshProjects();
  setView('script');
  await openProject(projectId);
}

/** File → Save as .koe: the open project, its timeline and the audio of its selected takes. */
export function saveProjectFile(): Promise<void> {
  return task('Saving the project file', 'Save project file', async () => {
    const { projectId, projectName } = getStudio();
    if (!projectId) return;
    await flushSave();
    const save = getStudio().save;
    if (save.kind === 'conflict' || save.kind === 'error') throw new RpcClientError('conflict', 'The script is not saved, so the file would not match the editor. Resolve the save problem first.');
    const defaultName = `${projectName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Koe project'}.koe`;
    let destination: { kind: 'file'; path: string } | { kind: 'download' } = { kind: 'download' };
    if (isDesktop()) {
      const picked = await call('dialog.saveFile', { defaultName, extensions: ['koe'], label: 'Koe project' });
      if (picked.supported && !picked.path) return;
      if (picked.path) destination = { kind: 'file', path: picked.path };
    }
    const r = await call('project.exportKoe', { projectId, destination });
    if (r.downloadUrl) triggerDownload(r.downloadUrl, r.fileName);
    await remember({ kind: 'koe', fileName: r.path ? baseName(r.path) : r.fileName, path: r.path, projectId });
    showNotice(r.path ? `Saved ${r.path}` : `Downloaded ${r.fileName}; it is in your browser's downloads folder.`, 6000);
  });
}

/** File → Open .koe: the file becomes a new project, with its takes. */
export function openProjectFile(file?: File): Promise<void> {
  return task(file ? `Opening ${file.name}` : 'Opening a project file', 'Open project file', async () => {
    await flushSave();
    const src = await sourcePath(file, 'Open a Koe project', ['koe'], 'Koe project');
    if (!src) return;
    try {
      const r = await call('project.importKoe', { source: { kind: 'file', path: src.path } });
      await remember({ kind: 'koe', fileName: src.fileName, path: src.uploadId ? null : src.path, projectId: r.projectId });
      await adoptNewProject(r.projectId);
      showNotice(`Opened ${src.fileName} as “${r.name}”.`);
    } finally {
      if (src.uploadId) void discardUpload(src.uploadId);
    }
  });
}

/** File → Import manuscript: a book becomes a new project; what was found and dropped is shown. */
export function importManuscriptFile(file?: File): Promise<void> {
  return task(file ? `Importing ${file.name}` : 'Importing a manuscript', 'Import manuscript', async () => {
    await flushSave();
    const src = await sourcePath(file, 'Import a manuscript', MANUSCRIPT_EXTENSIONS, 'Manuscripts');
    if (!src) return;
    try {
      const r = await call('manuscript.import', { path: src.path, fileName: src.fileName });
      await remember({ kind: 'manuscript', fileName: src.fileName, path: src.uploadId ? null : src.path, projectId: r.projectId });
      await adoptNewProject(r.projectId);
      setStudio({ importReport: { ...r, fileName: src.fileName } });
    } finally {
      if (src.uploadId) void discardUpload(src.uploadId);
    }
  });
}

export function closeImportReport(): void {
  setStudio({ importReport: null });
}

/**
 * A recent entry: the project it became, if it is still in the library (the working copy, with
 * everything done since); else the file again from its path (desktop). A browser entry whose
 * project is gone has no path to read: the person is asked to pick the file again.
 */
export async function openRecent(entry: RecentFile, pickAgain: () => void): Promise<void> {
  if (entry.projectId && getStudio().projects.some((p) => p.id === entry.projectId)) {
    setView('script');
    await openProject(entry.projectId);
    await remember({ kind: entry.kind, fileName: entry.fileName, path: entry.path, projectId: entry.projectId });
    return;
  }
  if (!entry.path) {
    showNotice(`The project from ${entry.fileName} was deleted; choose the file again to open it.`, 6000);
    pickAgain();
    return;
  }
  const path = entry.path;
  await task(`Opening ${entry.fileName}`, 'Open recent file', async () => {
    await flushSave();
    const projectId =
      entry.kind === 'koe'
        ? (await call('project.importKoe', { source: { kind: 'file', path } })).projectId
        : await call('manuscript.import', { path }).then((r) => {
            setStudio({ importReport: { ...r, fileName: entry.fileName } });
            return r.projectId;
          });
    await remember({ kind: entry.kind, fileName: entry.fileName, path, projectId });
    await adoptNewProject(projectId);
  });
}

export async function clearRecentFiles(): Promise<void> {
  try {
    setStudio({ recentFiles: await call('recentFiles.clear', {}) });
  } catch (e) {
    reportError('project', 'Recent files', e);
  }
}

/** Shows a written file in the system file manager (desktop). */
export async function revealFile(path: string): Promise<void> {
  try {
    const r = await call('file.reveal', { path });
    if (!r.supported) showNotice(`The file is at ${path}.`, 6000);
  } catch (e) {
    reportError('export', 'Reveal file', e);
  }
}
