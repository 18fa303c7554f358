// What is really installed, from the verification records and the disk together. Neither alone is
// enough: a record does not notice a file deleted or truncated behind our back, and a file on disk
// (copied in by hand, or left by a crash between the rename and the record) is not yet verified.
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

export async function fileStatus(file: CatalogFile, absPath: string, rec: FileRecord | undefined): Promise<FileStatus> {
  const disk = await stat(absPath).then(
    (s) => (s.isFile() ? s : null),
    () => null,
  );
  const partBytes = (await sizeOf(absPath + PART_SUFFIX).catch(() => null)) ?? 0;
  const status = (state: FileState, problem: string | null = null): FileStatus => ({ file, absPath, state, bytesOnDisk: (disk?.size ?? 0) + partBytes, partBytes, problem });
  const wrongSize = () => `${absPath} is ${disk!.size.toLocaleString('en')} bytes; ${file.bytes.toLocaleString('en')} expected`;
  if (rec) {
    if (!disk) return status(partBytes > 0 ? 'partial' : 'corrupt', `${absPath} was deleted after it was installed`);
    if (disk.size !== rec.bytes || disk.size !== file.bytes) return status('corrupt', wrongSize());
    if (file.sha256 && rec.sha256 !== file.sha256) return status('unverified', 'the catalog expects a different version of this file');
    if (Math.floor(disk.mtimeMs) !== rec.mtimeMs) return status('unverified', 'it changed on disk after it was verified');
    return status('installed');
  }
  if (disk) return disk.size === file.bytes ? status('unverified', 'found on disk but not verified yet') : status('corrupt', wrongSize());
  return status(partBytes > 0 ? 'partial' : 'missing');
}

export function assetState(files: readonly FileStatus[]): AssetState {
  if (files.every((f) => f.state === 'installed')) return 'installed';
  if (files.some((f) => f.state === 'corrupt')) return 'corrupt';
  if (files.every((f) => f.state === 'installed' || f.state === 'unverified')) return 'unverified';
  if (files.some((f) => f.state !== 'missing')) return 'partial';
  return 'missing';
}
