// Files beyond the library: a manuscript imported as a project, the recent-files list, and showing
// a written file in the system's file manager or opening it in its app (hooks only the desktop face lends).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { importManuscript, MAX_MANUSCRIPT_BYTES } from '../../manuscript/import';
import type { Services } from '../services';
import { readBoundedFile } from '../../fs/bounded-read';
import { filePaths } from './file-paths';

type FileCallName = Extract<keyof Handlers, 'manuscript.import' | `recentFiles.${string}` | 'file.reveal' | 'file.open'>;

export function createFileHandlers(s: Pick<Services, 'library' | 'face'>): Pick<Handlers, FileCallName> {
  const { library } = s;
  const paths = filePaths(s.face);
  return {
    'manuscript.import': async (args) => {
      const fileName = args.fileName ?? basename(args.path);
      const bytes = await readBoundedFile(await paths.forReading(args.path), {
        maxBytes: MAX_MANUSCRIPT_BYTES,
        what: 'a manuscript',
        label: 'Manuscript',
        tooLarge: () => `${fileName} is larger than the ${MAX_MANUSCRIPT_BYTES / 2 ** 20} MB Koe Studio imports. Nothing was imported.`,
      });
      const m = await importManuscript(bytes, fileName);
      // Everything above only read; the project appears whole (one transaction) or not at all.
      const project = library.projects.createProject((args.name ?? m.title).slice(0, 200).trim() || 'Imported manuscript', m.script);
      return { projectId: project.id, name: project.name, format: m.format, chapters: m.chapters, dropped: m.dropped, notices: m.notices };
    },
    'recentFiles.list': async () => library.recentFiles.list(),
    'recentFiles.add': async (args) => library.recentFiles.add(args),
    'recentFiles.clear': async () => library.recentFiles.clear(),
    'file.reveal': async (args) => {
      const path = await paths.forReading(args.path);
      if (!(await stat(path).catch(() => null))) throw new KoeError('not_found', `File not found: ${path}`);
      if (!s.face.revealFile) return { supported: false, revealed: false };
      s.face.revealFile(path);
      return { supported: true, revealed: true };
    },
    'file.open': async (args) => {
      const path = await paths.forReading(args.path);
      if (!(await stat(path).catch(() => null))) throw new KoeError('not_found', `File not found: ${path}`);
      if (!s.face.openFile) return { supported: false, opened: false };
      await s.face.openFile(path);
      return { supported: true, opened: true };
    },
  };
}
