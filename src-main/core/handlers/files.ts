// Files beyond the library: a manuscript imported as a project, the recent-files list, and showing
// a written file in the system's file manager (a hook only the desktop face lends).
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { importManuscript, MAX_MANUSCRIPT_BYTES } from '../../manuscript/import';
import type { Services } from '../services';

type FileCallName = Extract<keyof Handlers, 'manuscript.import' | `recentFiles.${string}` | 'file.reveal'>;

async function existingFile(path: string, what: string): Promise<{ size: number }> {
  // The core reads the file, not the page: a relative path would depend on the core's working folder.
  if (!isAbsolute(path)) throw new KoeError('invalid_args', `The path must be absolute: "${path}".`);
  const info = await stat(path).catch(() => null);
  if (!info) throw new KoeError('not_found', `${what} not found: ${path}`);
  if (info.isDirectory()) throw new KoeError('invalid_args', `${path} is a folder, not a file.`);
  return { size: info.size };
}

export function createFileHandlers(s: Pick<Services, 'library' | 'face'>): Pick<Handlers, FileCallName> {
  const { library } = s;
  return {
    'manuscript.import': async (args) => {
      const fileName = args.fileName ?? basename(args.path);
      const { size } = await existingFile(args.path, 'Manuscript');
      if (size > MAX_MANUSCRIPT_BYTES) throw new KoeError('too_large', `${fileName} is larger than the ${MAX_MANUSCRIPT_BYTES / 2 ** 20} MB Koe Studio imports. Nothing was imported.`);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(args.path));
      } catch (e) {
        throw new KoeError('io', `Cannot read ${args.path}: ${(e as Error).message}`);
      }
      const m = await importManuscript(bytes, fileName);
      // Everything above only read; the project appears whole (one transaction) or not at all.
      const project = library.projects.createProject((args.name ?? m.title).slice(0, 200).trim() || 'Imported manuscript', m.script);
      return { projectId: project.id, name: project.name, format: m.format, chapters: m.chapters, dropped: m.dropped, notices: m.notices };
    },
    'recentFiles.list': async () => library.recentFiles.list(),
    'recentFiles.add': async (args) => library.recentFiles.add(args),
    'recentFiles.clear': async () => library.recentFiles.clear(),
    'file.reveal': async (args) => {
      await existingFile(args.path, 'File');
      if (!s.face.revealFile) return { supported: false, revealed: false };
      s.face.revealFile(args.path);
      return { supported: true, revealed: true };
    },
  };
}
