// `koe import <manuscript> --out <project.koe>`: a book (EPUB, DOCX, Markdown, plain text) made into
// a project file, printing the chapters found and what was left out. `koe export` then renders it.
//
// The project is built in a scratch library that is deleted afterwards, as `koe export` opens one:
// the command's product is the file, and it must not add a project to the person's library.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallResult } from '../../contract/calls';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { CliFace } from '../face';
import { dirs, parse } from '../options';

export const importCommand: Command = {
  name: 'import',
  calls: ['manuscript.import', 'project.exportKoe'],
  usage: `  koe import <book.epub|.docx|.md|.txt|.ssml> --out <project.koe> [--name <project name>] [--json]
      Reads a manuscript into a project file: one "## Title" chapter per chapter found (an EPUB's
      table of contents, headings elsewhere), every paragraph the Narrator's. Prints the chapters;
      images, tables and footnotes are left out and listed.
`,
  run: runImport,
};

async function runImport(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { out: { type: 'string', short: 'o' }, name: { type: 'string' }, json: { type: 'boolean' } });
  const [file] = positionals;
  if (!file) throw new UsageError('import needs a manuscript file (EPUB, DOCX, Markdown or plain text)');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (!values.out) throw new UsageError('import needs --out <project.koe>');
  if (!/\.koe$/i.test(values.out)) throw new UsageError(`--out must name a .koe file (got "${values.out}")`);
  if (values.name !== undefined && !values.name.trim()) throw new UsageError('--name must not be empty');
  const out = resolve(values.out);

  const scratch = await mkdtemp(join(tmpdir(), 'koe-import-'));
  try {
    const face = await CliFace.open({ dataDir: scratch, modelsDir: dirs(values).modelsDir });
    try {
      const r = await face.call('manuscript.import', { path: resolve(file), ...(values.name ? { name: values.name } : {}) });
      const saved = await face.call('project.exportKoe', { projectId: r.projectId, destination: { kind: 'file', path: out } });
      if (values.json) process.stdout.write(`${JSON.stringify({ ...r, projectId: undefined, path: saved.path, bytes: saved.bytes }, null, 2)}\n`);
      else process.stdout.write(chapterList(r, saved.path ?? out));
      if (!values.json) for (const n of r.notices) process.stderr.write(`koe: note: ${n}\n`);
    } finally {
      await face.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  }
}

const FORMAT_NAMES = { epub: 'EPUB', docx: 'DOCX', markdown: 'Markdown', text: 'plain text', ssml: 'SSML' } as const;

/** The chapters found, numbered, with their line counts; then where the project went. */
export function chapterList(r: CallResult<'manuscript.import'>, path: string): string {
  const lines = r.chapters.reduce((n, c) => n + c.lines, 0);
  const width = String(r.chapters.length).length;
  const rows = r.chapters.map((c, i) => `  ${String(i + 1).padStart(width)}. ${c.title} (${c.lines} line${c.lines === 1 ? '' : 's'})`);
  return `${r.name} (${FORMAT_NAMES[r.format]}): ${r.chapters.length} chapter${r.chapters.length === 1 ? '' : 's'}, ${lines.toLocaleString('en')} line${lines === 1 ? '' : 's'}\n${rows.join('\n')}\nWrote ${path}\n`;
}
