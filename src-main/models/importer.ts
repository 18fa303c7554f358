// Importing a model, voice pack or lexicon the user already has (a kokoro-js voices folder, a file
// from a colleague). The file is copied into a staging .part in the models folder while it is
// hashed, identified by checksum (or, for files without a published checksum, by name or --id plus
// exact size and a test load), and renamed into place only then. A file that is not what it
// claims is refused and nothing changes; a file whose name we cannot place is refused rather than
// guessed.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { KoeError } from '../contract/errors';
import type { ImportedFile, ModelState } from '../contract/calls-models';
import { sizeHint, sizeLimit, type CatalogAsset, type CatalogFile } from './catalog';
import { lockAsset } from './lock';
import type { ModelsRepo } from './models-repo';
import { commitFile, removeIfPresent, writeError, type OpenPart, type PartFile } from './part-file';
import type { Verifier } from './verify';

export interface ImportContext {
  modelsDir: string;
  catalog: readonly CatalogAsset[];
  repo: ModelsRepo;
  openPart: OpenPart;
  verifierFor(asset: CatalogAsset): Verifier;
  absPath(file: CatalogFile): string;
  lockPath(asset: CatalogAsset): string;
  /** Throws `conflict` while the asset is downloading or being removed. */
  assertIdle(asset: CatalogAsset): void;
  /** Updates the asset's summary row after a file landed and reports the asset's state. */
  afterInstall(asset: CatalogAsset): Promise<ModelState>;
}

interface Candidate {
  asset: CatalogAsset;
  file: CatalogFile;
}

const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${n.toLocaleString('en')} bytes`);

/** Imports one file, or every catalog-named file directly inside a folder. */
export async function importPath(ctx: ImportContext, source: string, id?: string): Promise<ImportedFile[]> {
  const abs = resolve(source);
  const info = await stat(abs).catch((e: NodeJS.ErrnoException) => {
    throw new KoeError(e.code === 'ENOENT' ? 'not_found' : 'io', e.code === 'ENOENT' ? `There is no file at ${abs}.` : `Cannot read ${abs}: ${e.message}`);
  });
  const wanted = id === undefined ? undefined : ctx.catalog.find((a) => a.id === id);
  if (id !== undefined && !wanted) throw new KoeError('not_found', `Unknown model "${id}". Run "koe models list" to see the ids.`);
  if (info.isFile()) return [await importFile(ctx, abs, info.size, wanted)];
  if (!info.isDirectory()) throw new KoeError('invalid_args', `${abs} is not a regular file.`);

  const known = new Set((wanted ? [wanted] : ctx.catalog).flatMap((a) => a.files.map((f) => basename(f.path))));
  // A Pocket TTS manifest first: the set's other files are then also checked against it.
  const entries = (await readdir(abs, { withFileTypes: true }))
    .filter((e) => e.isFile() && known.has(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a === 'manifest.json' ? -1 : b === 'manifest.json' ? 1 : a.localeCompare(b)));
  if (entries.length === 0) throw new KoeError('not_found', `${abs} has no files the catalog knows (such as model.onnx, af_heart.bin or us_gold.json).`);
  const done: ImportedFile[] = [];
  const failed: string[] = [];
  for (const name of entries) {
    const path = join(abs, name);
    try {
      done.push(await importFile(ctx, path, (await stat(path)).size, wanted));
    } catch (e) {
      failed.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failed.length) throw new KoeError('invalid_args', `Imported ${done.length} of ${entries.length} files from ${abs}; ${failed.length} failed. First: ${failed[0]}`);
  return done;
}

async function importFile(ctx: ImportContext, src: string, size: number, wanted: CatalogAsset | undefined): Promise<ImportedFile> {
  const pool: Candidate[] = (wanted ? [wanted] : ctx.catalog).flatMap((asset) => asset.files.map((file) => ({ asset, file })));
  const name = basename(src);
  // What the user says it is: --id of a one-file asset, else a catalog file of the same name (two
  // share "model.onnx": Kokoro's fp32 and Pocket TTS's step graph; the size tells them apart, and a
  // file of unknown size is the fallback claim).
  const named = pool.filter((c) => basename(c.file.path) === name);
  const claimed = wanted && wanted.files.length === 1 ? pool[0] : (named.find((c) => c.file.bytes === size) ?? named.find((c) => c.file.bytes === null) ?? named[0]);
  if (claimed && claimed.file.bytes !== null && claimed.file.bytes !== size) {
    throw new KoeError('invalid_args', `${src} is not ${describe(claimed)}: it is ${size.toLocaleString('en')} bytes, ${describe(claimed)} is ${claimed.file.bytes.toLocaleString('en')}.`);
  }
  if (claimed && claimed.file.bytes === null && size > sizeLimit(claimed.file)) {
    throw new KoeError('invalid_args', `${src} is not ${describe(claimed)}: it is ${fmt(size)}, far more than the ${fmt(sizeHint(claimed.file))} that file is about.`);
  }
  // A file of unknown size can only be what it is claimed to be; the rest are matched by size.
  const sized = pool.filter((c) => c.file.bytes === size || (c === claimed && c.file.bytes === null));
  if (sized.length === 0) {
    throw new KoeError('invalid_args', `${src} (${fmt(size)}) is not a file the catalog knows${wanted ? ` as ${wanted.title}` : ''}: no Kokoro model, voice pack or misaki lexicon has that size.`);
  }

  await mkdir(ctx.modelsDir, { recursive: true }).catch((e) => {
    throw writeError(e, join(ctx.modelsDir, name));
  });
  const staged = join(ctx.modelsDir, `.import-${randomBytes(6).toString('hex')}.part`);
  try {
    const sha256 = await copyHashing(src, size, staged, ctx.openPart, join(ctx.modelsDir, name));
    let pick = sized.find((c) => c.file.sha256 === sha256);
    let verifiedBy: ImportedFile['verifiedBy'] = 'sha256';
    if (!pick) {
      if (claimed?.file.sha256) {
        throw new KoeError('invalid_args', `${src} is not ${describe(claimed)}: its sha256 is ${sha256}, the published one is ${claimed.file.sha256}. Nothing was imported.`);
      }
      const unpinned = sized.filter((c) => !c.file.sha256);
      pick = claimed ?? (unpinned.length === 1 ? unpinned[0] : undefined);
      if (!pick) {
        const hint = unpinned.length > 1 ? ` Name it as the catalog does (e.g. ${basename(unpinned[0]!.file.path)}) to say which it is.` : '';
        throw new KoeError('invalid_args', `${src} is not a file the catalog knows: its sha256 ${sha256} matches nothing.${hint}`);
      }
      try {
        await ctx.verifierFor(pick.asset)(staged, { file: pick.file, dest: ctx.absPath(pick.file) });
      } catch (e) {
        throw new KoeError('invalid_args', `${src} has the size of ${describe(pick)} but failed its test load (${e instanceof Error ? e.message : String(e)}). Nothing was imported.`);
      }
      verifiedBy = 'size+check';
    }

    ctx.assertIdle(pick.asset);
    const dest = ctx.absPath(pick.file);
    const unlock = await lockAsset(ctx.lockPath(pick.asset), pick.asset.title);
    try {
      await mkdir(dirname(dest), { recursive: true }).catch((e) => {
        throw writeError(e, dest);
      });
      await commitFile(staged, dest);
      const info = await stat(dest);
      ctx.repo.putFile({ path: dest, assetId: pick.asset.id, bytes: size, sha256, verifiedBy, mtimeMs: info.mtimeMs, source: src });
      // A stale .part of an earlier download is now pointless.
      await removeIfPresent(`${dest}.part`).catch(() => {});
      return { id: pick.asset.id, file: pick.file.path, verifiedBy, state: await ctx.afterInstall(pick.asset) };
    } finally {
      await unlock();
    }
  } finally {
    await removeIfPresent(staged).catch(() => {});
  }
}

function describe(c: Candidate): string {
  return c.asset.files.length === 1 ? c.asset.title : `${basename(c.file.path)} of ${c.asset.title}`;
}

async function copyHashing(src: string, size: number, staged: string, openPart: OpenPart, nameForErrors: string): Promise<string> {
  const hash = createHash('sha256');
  let out: PartFile;
  try {
    out = await openPart(staged, 'truncate');
  } catch (e) {
    throw writeError(e, nameForErrors, 'Nothing was imported.');
  }
  let ok = false;
  try {
    // Read no further than the size that was matched, should the file grow or be swapped meanwhile.
    for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20, start: 0, end: Math.max(0, size - 1) })) {
      try {
        await out.write(chunk as Buffer);
      } catch (e) {
        throw writeError(e, nameForErrors, 'Nothing was imported.');
      }
      hash.update(chunk as Buffer);
    }
    ok = true;
  } catch (e) {
    if (e instanceof KoeError) throw e;
    throw new KoeError('io', `Cannot read ${src}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await out.close({ sync: ok }).catch((e) => {
      if (ok) throw writeError(e, nameForErrors, 'Nothing was imported.');
    });
  }
  return hash.digest('hex');
}
