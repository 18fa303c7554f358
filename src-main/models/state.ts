// What is really installed, from the verification records and the disk together. Neither alone is
// enough: a record does not notice a file deleted or truncated behind our back, and a file on disk
// (copied in by hand, or left by a crash between the rename and the record) is not yet verified.
import { statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { CatalogFile } from './catalog';
import type { FileRecord } from './models-repo';
import { PART_SUFFIX, sizeOf } from './part-file';

/**
 * installed: verified and unchanged since. unverified: present with the right size but not (or no
 * longer) vouched for; downloading adopts it after a checksum or test load, without the network.
 * partial: a .part file waits to resume. corrupt: a verified file went missing, changed size, or a
 * stranger file of the wrong size sits at the path. missing: nothing.
 */
export type FileState = 'installed' | 'unverified' | 'partial' | 'corrupt' | 'missing';
export type AssetState = FileState;

export interface FileStatus {
  file: CatalogFile;
  absPath: string;
  state: FileState;
  /** The final file's size plus its .part file's, whatever their state. */
  bytesOnDisk: number;
  partBytes: number;
  problem: string | null;
}

/**
 * What a models folder may vouch for by itself: files listed by path with size and sha256 in its
 * `fixtures.json` (as `npm run fixtures` writes for its stand-in models). A listed file is trusted
 * when its bytes hash to the listed value, in place of the catalog's own checksum.
 */
export interface StandIn {
  bytes: number;
  sha256: string;
}

export async function fileStatus(file: CatalogFile, absPath: string, rec: FileRecord | undefined, standIn?: StandIn): Promise<FileStatus> {
  const disk = await stat(absPath).then(
    (s) => (s.isFile() ? s : null),
    () => null,
  );
  const partBytes = (await sizeOf(absPath + PART_SUFFIX).catch(() => null)) ?? 0;
  return classify(file, absPath, disk, partBytes, rec, standIn);
}

/** The same judgement without awaiting (two stat calls), for the engines' per-request lookups. */
export function fileStatusSync(file: CatalogFile, absPath: string, rec: FileRecord | undefined, standIn?: StandIn): FileStatus {
  let disk: Stats | null = null;
  try {
    const s = statSync(absPath);
    disk = s.isFile() ? s : null;
  } catch {
    disk = null;
  }
  let partBytes = 0;
  try {
    partBytes = statSync(absPath + PART_SUFFIX).size;
  } catch {
    partBytes = 0;
  }
  return classify(file, absPath, disk, partBytes, rec, standIn);
}

function classify(catalogFile: CatalogFile, absPath: string, disk: Stats | null, partBytes: number, rec: FileRecord | undefined, standIn: StandIn | undefined): FileStatus {
  const status = (state: FileState, problem: string | null = null): FileStatus => ({ file: catalogFile, absPath, state, bytesOnDisk: (disk?.size ?? 0) + partBytes, partBytes, problem });
  // A record of the stand-in is judged against the stand-in; anything else against the catalog.
  const file = standIn && rec && rec.sha256 === standIn.sha256 ? { ...catalogFile, bytes: standIn.bytes, sha256: standIn.sha256 } : catalogFile;
  // A file of unknown size (catalog bytes null) is held to the size it had when it was verified.
  const wrongSize = (expected: number) => `${absPath} is ${disk!.size.toLocaleString('en')} bytes; ${expected.toLocaleString('en')} expected`;
  if (rec) {
    if (!disk) return status(partBytes > 0 ? 'partial' : 'corrupt', `${absPath} was deleted after it was installed`);
    if (disk.size !== rec.bytes || (file.bytes !== null && disk.size !== file.bytes)) return status('corrupt', wrongSize(file.bytes ?? rec.bytes));
    if (file.sha256 && rec.sha256 !== file.sha256) return status('unverified', 'the catalog expects a different version of this file');
    if (Math.floor(disk.mtimeMs) !== rec.mtimeMs) return status('unverified', 'it changed on disk after it was verified');
    return status('installed');
  }
  if (disk) {
    const fits = file.bytes === null || disk.size === file.bytes || disk.size === standIn?.bytes;
    return fits ? status('unverified', 'found on disk but not verified yet') : status('corrupt', wrongSize(file.bytes!));
  }
  return status(partBytes > 0 ? 'partial' : 'missing');
}

export function assetState(files: readonly FileStatus[]): AssetState {
  if (files.every((f) => f.state === 'installed')) return 'installed';
  if (files.some((f) => f.state === 'corrupt')) return 'corrupt';
  if (files.every((f) => f.state === 'installed' || f.state === 'unverified')) return 'unverified';
  if (files.some((f) => f.state !== 'missing')) return 'partial';
  return 'missing';
}
