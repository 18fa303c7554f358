// `koe models list | download | import | remove`: the model manager on the command line. These
// commands open the library and the manager directly instead of a whole Core: they need no speech
// engine, and loading espeak-ng first would only slow down every `koe models list`.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelAsset, ModelProgress } from '../contract/calls-models';
import { KoeError } from '../contract/errors';
import { defaultModelsDir } from '../core/paths';
import { openLibrary } from '../library/db';
import { ModelManager } from '../models/manager';
import { UsageError } from './errors';
import { dirs, parse } from './options';

const MODELS_DIR_OPTION = { 'models-dir': { type: 'string' } } as const;

export const MODELS_HELP = `  koe models list [--json]      Kokoro models, voices and lexicons: size, state, recommended variant
  koe models download <id>... [--progress] [--only]
                                download (with the voices and lexicons a model needs, unless --only);
                                an interrupted download resumes where it stopped
  koe models import <file|folder> [--id <id>]
                                copy in a file you already have, after verifying it
  koe models remove <id>        delete an installed or partial download
  Models live in --models-dir <folder> (default $KOE_MODELS_DIR, else <data folder>/models);
  $KOE_MODEL_HOST and $KOE_GITHUB_RAW_HOST point downloads at a mirror.
`;

export async function runModels(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return list(rest);
    case 'download':
      return download(rest);
    case 'import':
      return importFile(rest);
    case 'remove':
      return remove(rest);
    case undefined:
      throw new UsageError('models needs a subcommand: list, download, import or remove');
    default:
      if (sub.startsWith('-')) throw new UsageError('models needs a subcommand first: list, download, import or remove');
      throw new UsageError(`unknown models subcommand "${sub}" (use list, download, import or remove)`);
  }
}

type DirValues = { 'data-dir'?: string | boolean | (string | boolean)[]; 'models-dir'?: string | boolean | (string | boolean)[] };

async function withManager<T>(values: DirValues, fn: (m: ModelManager) => Promise<T>): Promise<T> {
  const { dataDir } = dirs(values);
  const raw = values['models-dir'];
  const modelsDir = typeof raw === 'string' ? resolve(raw) : defaultModelsDir(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const library = openLibrary(join(dataDir, 'library.db'));
  const manager = new ModelManager({ db: library.db, modelsDir });
  try {
    return await fn(manager);
  } finally {
    await manager.dispose();
    library.close();
  }
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

function stateText(a: ModelAsset): string {
  if (a.state === 'partial') return `partial ${formatBytes(a.bytesOnDisk)}`;
  if (a.state === 'installed' || a.fileCount === 1 || a.installedFiles === 0) return a.state;
  return `${a.state} (${a.installedFiles}/${a.fileCount})`;
}

async function list(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, ...MODELS_DIR_OPTION });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  await withManager(values, async (m) => {
    const models = await m.list();
    const disk = await m.diskUse();
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...models, diskUse: disk }, null, 2)}\n`);
      return;
    }
    const rows = models.assets.map((a) => [`${a.id}${a.recommended ? ' *' : ''}`, stateText(a), `${a.bytesEstimated ? '~' : ''}${formatBytes(a.bytes)}`, a.title]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) process.stdout.write(`${r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
    process.stderr.write(`* recommended: ${models.recommended.reason}\n`);
    process.stderr.write(`Models folder: ${models.modelsDir} (${formatBytes(disk.total)} used${disk.partial ? `, ${formatBytes(disk.partial)} in unfinished downloads` : ''})\n`);
  });
}

function progressLine(p: ModelProgress): string {
  const pct = p.total > 0 ? ` ${((100 * p.bytes) / p.total).toFixed(1)}%` : '';
  const rate = p.rate > 0 ? ` ${formatBytes(Math.round(p.rate))}/s` : '';
  const eta = p.etaSec !== null && p.phase === 'downloading' ? ` eta ${p.etaSec}s` : '';
  return `progress ${p.id} ${p.phase} ${p.bytes}/${p.total}${pct}${rate}${eta}\n`;
}

async function download(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { progress: { type: 'boolean' }, only: { type: 'boolean' }, ...MODELS_DIR_OPTION });
  if (positionals.length === 0) throw new UsageError('models download needs a model id (see "koe models list")');
  await withManager(values, async (m) => {
    const ids = [...new Set(positionals.flatMap((id) => (values.only ? [m.asset(id).id] : m.withRequired(id))))];
    if (values.progress) m.onProgress((p) => process.stderr.write(progressLine(p)));
    // Ctrl-C stops cleanly: the .part files stay, and running the command again resumes them.
    const onSigint = () => ids.forEach((id) => m.cancel(id));
    process.once('SIGINT', onSigint);
    try {
      const results = await Promise.allSettled(ids.map((id) => m.download(id)));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      for (const r of results) {
        if (r.status === 'fulfilled') process.stderr.write(`Installed ${r.value.title} (${formatBytes(r.value.bytes)})\n`);
      }
      if (failed.length) {
        const first = failed[0];
        const message = first instanceof Error ? first.message : String(first);
        const more = failed.length > 1 ? ` (and ${failed.length - 1} more download${failed.length > 2 ? 's' : ''} failed)` : '';
        throw new KoeError(first instanceof KoeError ? first.code : 'io', `${message}${more}`);
      }
      process.stderr.write(`Models folder: ${m.modelsDir}\n`);
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}

async function importFile(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { id: { type: 'string' }, ...MODELS_DIR_OPTION });
  const [source] = positionals;
  if (!source) throw new UsageError('models import needs a file or folder to import');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  await withManager(values, async (m) => {
    const imported = await m.import(source, { id: values.id });
    for (const f of imported) process.stderr.write(`Imported ${f.file} as ${f.id} (verified by ${f.verifiedBy === 'sha256' ? 'sha256' : 'size and a test load'}; ${f.id} is now ${f.state})\n`);
  });
}

async function remove(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, MODELS_DIR_OPTION);
  const [id] = positionals;
  if (!id) throw new UsageError('models remove needs a model id');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  await withManager(values, async (m) => {
    const title = m.asset(id).title;
    const r = await m.remove(id);
    process.stderr.write(r.removed ? `Removed ${title} (freed ${formatBytes(r.freedBytes)})\n` : `${title} was not installed; nothing to remove.\n`);
  });
}
