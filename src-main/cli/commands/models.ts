// `koe models list | download | import | remove`: the model manager on the command line, through
// the same models.* calls as the Models screen; downloads report through models.progress events.
import { resolve } from 'node:path';
import type { ModelAsset, ModelProgress } from '../../contract/calls-models';
import { ERROR_CODES, KoeError, type ErrorCode } from '../../contract/errors';
import { defaultModelsDir } from '../../core/paths';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace, type CliFace } from '../face';
import { dirs, parse } from '../options';

const MODELS_DIR_OPTION = { 'models-dir': { type: 'string' } } as const;

export const modelsCommand: Command = {
  name: 'models',
  calls: ['models.list', 'models.download', 'models.import', 'models.remove', 'models.diskUse'],
  usage: `  koe models list [--json]      Kokoro models, voices and lexicons: size, state, recommended variant
  koe models download <id>... [--progress] [--only]
                                download (with the voices and lexicons a model needs, unless --only);
                                an interrupted download resumes where it stopped
  koe models import <file|folder> [--id <id>]
                                copy in a file you already have, after verifying it
  koe models remove <id>        delete an installed or partial download
  Models live in --models-dir <folder> (default $KOE_MODELS_DIR, else <data folder>/models);
  $KOE_MODEL_HOST and $KOE_GITHUB_RAW_HOST point downloads at a mirror.
`,
  run: runModels,
};

async function runModels(args: string[]): Promise<void> {
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

function withModels<T>(values: DirValues, fn: (face: CliFace) => Promise<T>): Promise<T> {
  const { dataDir } = dirs(values);
  const raw = values['models-dir'];
  return withFace({ dataDir, modelsDir: typeof raw === 'string' ? resolve(raw) : defaultModelsDir(dataDir) }, fn);
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

async function assetOf(face: CliFace, id: string): Promise<ModelAsset> {
  const asset = (await face.call('models.list', {})).assets.find((a) => a.id === id);
  if (!asset) throw new KoeError('not_found', `Unknown model "${id}". Run "koe models list" to see the ids.`);
  return asset;
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
  await withModels(values, async (face) => {
    const models = await face.call('models.list', {});
    const disk = await face.call('models.diskUse', {});
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
  await withModels(values, async (face) => {
    // Every job's last word (done, failed or cancelled) arrives as an event; listen before starting.
    const ends = new Map<string, ModelProgress>();
    let settled: (() => void) | null = null;
    face.on('models.progress', (p) => {
      if (values.progress) process.stderr.write(progressLine(p));
      if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled') {
        ends.set(p.id, p);
        settled?.();
      }
    });
    const ids: string[] = [];
    for (const id of positionals) {
      const r = await face.call('models.download', { id, withRequired: !values.only });
      for (const started of [...r.started, ...r.joined]) if (!ids.includes(started)) ids.push(started);
    }
    // Ctrl-C stops cleanly: the .part files stay, and running the command again resumes them.
    const onSigint = () => ids.forEach((id) => void face.call('models.cancel', { id }).catch(() => {}));
    process.once('SIGINT', onSigint);
    try {
      while (ids.some((id) => !ends.has(id))) await new Promise<void>((r) => (settled = r));
      const assets = (await face.call('models.list', {})).assets;
      const failed = ids.map((id) => ends.get(id)!).filter((p) => p.phase !== 'done');
      for (const id of ids) {
        const a = assets.find((x) => x.id === id);
        if (ends.get(id)!.phase === 'done' && a) process.stderr.write(`Installed ${a.title} (${formatBytes(a.bytes)})\n`);
      }
      if (failed.length) {
        const first = failed[0]!.error ?? { code: 'io', message: `${failed[0]!.id} did not finish` };
        const more = failed.length > 1 ? ` (and ${failed.length - 1} more download${failed.length > 2 ? 's' : ''} failed)` : '';
        throw new KoeError(isErrorCode(first.code) ? first.code : 'io', `${first.message}${more}`);
      }
      process.stderr.write(`Models folder: ${(await face.call('models.list', {})).modelsDir}\n`);
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
  await withModels(values, async (face) => {
    const { imported } = await face.call('models.import', { path: resolve(source), ...(values.id ? { id: values.id } : {}) });
    for (const f of imported) process.stderr.write(`Imported ${f.file} as ${f.id} (verified by ${f.verifiedBy === 'sha256' ? 'sha256' : 'size and a test load'}; ${f.id} is now ${f.state})\n`);
  });
}

async function remove(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, MODELS_DIR_OPTION);
  const [id] = positionals;
  if (!id) throw new UsageError('models remove needs a model id');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  await withModels(values, async (face) => {
    const { title } = await assetOf(face, id);
    const r = await face.call('models.remove', { id });
    process.stderr.write(r.removed ? `Removed ${title} (freed ${formatBytes(r.freedBytes)})\n` : `${title} was not installed; nothing to remove.\n`);
  });
}
