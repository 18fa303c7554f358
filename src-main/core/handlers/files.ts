// Files beyond the library: a manuscript imported as a project (and SSML converted for a paste),
// PLS lexicons in and out, the recent-files list, and showing a written file in the system's file
// manager or opening it in its app (hooks only the desktop face lends).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { importManuscript, MAX_MANUSCRIPT_BYTES } from '../../manuscript/import';
import type { Services } from '../services';
import { readBoundedFile } from '../../fs/bounded-read';
import { filePaths } from './file-paths';
import { readPls, writePls } from '../../text/pls';
import { writeFileAtomic } from '../../fs/atomic';
import { ssmlToScript } from '../../manuscript/ssml';

type FileCallName = Extract<keyof Handlers, 'manuscript.import' | `recentFiles.${string}` | 'file.reveal' | 'file.open' | 'pronunciations.importPls' | 'pronunciations.exportPls' | 'ssml.toScript'>;

/** A PLS of 100,000 entries is about 15 MB; anything much larger is not a pronunciation lexicon. */
const MAX_PLS_BYTES = 64 * 1024 * 1024;

export function createFileHandlers(s: Pick<Services, 'library' | 'face' | 'downloads'>): Pick<Handlers, FileCallName> {
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
    'pronunciations.importPls': async (args) => {
      const fileName = basename(args.path);
      const bytes = await readBoundedFile(await paths.forReading(args.path), {
        maxBytes: MAX_PLS_BYTES,
        what: 'a pronunciation lexicon',
        label: 'Lexicon',
        tooLarge: () => `${fileName} is larger than the ${MAX_PLS_BYTES / 2 ** 20} MB Koe Studio imports as a lexicon. Nothing was imported.`,
      });
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new KoeError('invalid_args', `${fileName} is not UTF-8 text, so it is not a PLS lexicon. Nothing was imported.`);
      }
      const pls = readPls(text, fileName);
      if (pls.entries.length === 0) throw new KoeError('invalid_args', `${fileName} has no usable entries${pls.skipped ? ` (${pls.skipped} skipped; ${pls.problems[0]})` : ''}. Nothing was imported.`);
      const language = args.language ?? pls.language ?? 'en';
      const { added, replaced } = library.pronunciations.importMany(args.scope, args.projectId ?? null, language, pls.entries);
      return { language, added, replaced, skipped: pls.skipped, problems: pls.problems };
    },
    'pronunciations.exportPls': async (args) => {
      const language = args.language ?? 'en';
      const entries = library.pronunciations
        .list(args.scope === 'project' ? (args.projectId ?? null) : null)
        .filter((p) => p.language === language && (args.scope === 'global' ? p.scope === 'global' : p.scope === 'project'))
        .map((p) => ({ word: p.word, ...(p.phonemes ? { phonemes: p.phonemes } : { respelling: p.respelling ?? '' }) }));
      const xml = writePls(entries, language);
      const fileName = `${args.scope === 'global' ? 'pronunciations' : 'project-pronunciations'}-${language}.pls`;
      if (args.destination.kind === 'file') {
        const path = await paths.forWriting(args.destination.path);
        await writeFileAtomic(path, xml);
        return { path, downloadUrl: null, fileName: basename(path), entries: entries.length };
      }
      const id = s.downloads.add({ bytes: new TextEncoder().encode(xml), fileName, contentType: 'application/pls+xml' });
      return { path: null, downloadUrl: `/download/${id}`, fileName, entries: entries.length };
    },
    'ssml.toScript': async (args) => {
      try {
        const { script, notices } = ssmlToScript(args.ssml, 'This text');
        return { ok: true as const, script, notices };
      } catch (e) {
        if (!(e instanceof KoeError) || e.code !== 'invalid_args') throw e;
        const line = e.details?.line ? Number(e.details.line) : null;
        const column = e.details?.column ? Number(e.details.column) : null;
        return { ok: false as const, message: e.message.replace(/ Nothing was imported\.$/, ''), line, column };
      }
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
