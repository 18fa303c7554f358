// SQL for the model manager: verified file records, the per-asset summary rows in `models`, and
// the user's host choices. Kept apart from the manager so the manager reads as policy, not SQL.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { isoNow } from '../library/clock';
import { statementCache, type Prepare } from '../library/statements';
import type { CatalogAsset, HostName } from './catalog';
import type { Hosts } from './hosts';

export interface FileRecord {
  path: string;
  assetId: string;
  bytes: number;
  sha256: string;
  verifiedBy: 'sha256' | 'size+check';
  mtimeMs: number;
  source: string;
  installedAt: string;
}

interface FileRow {
  path: string;
  asset_id: string;
  bytes: number;
  sha256: string;
  verified_by: 'sha256' | 'size+check';
  mtime_ms: number;
  source: string;
  installed_at: string;
}

export class ModelsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  filesOf(assetId: string): Map<string, FileRecord> {
    const rows = this.sql('SELECT * FROM model_files WHERE asset_id = ?').all(assetId) as FileRow[];
    return new Map(rows.map((r) => [r.path, fromRow(r)]));
  }

  fileRecord(path: string): FileRecord | undefined {
    const row = this.sql('SELECT * FROM model_files WHERE path = ?').get(path) as FileRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  putFile(rec: Omit<FileRecord, 'installedAt'>): void {
    this.sql(
      `INSERT INTO model_files (path, asset_id, bytes, sha256, verified_by, mtime_ms, source, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET asset_id = excluded.asset_id, bytes = excluded.bytes, sha256 = excluded.sha256,
         verified_by = excluded.verified_by, mtime_ms = excluded.mtime_ms, source = excluded.source, installed_at = excluded.installed_at`,
    ).run(rec.path, rec.assetId, rec.bytes, rec.sha256, rec.verifiedBy, Math.floor(rec.mtimeMs), rec.source, isoNow());
  }

  /**
   * Writes or clears the asset's summary row in `models` to match its file records: a row exists
   * exactly while every file of the asset has a record at `paths`.
   */
  syncAssetRow(asset: CatalogAsset, paths: string[]): void {
    this.db.transaction(() => {
      const files = this.filesOf(asset.id);
      const recs = paths.map((p) => files.get(p));
      if (recs.some((r) => !r)) {
        this.sql('DELETE FROM models WHERE id = ?').run(asset.id);
        return;
      }
      const list = recs as FileRecord[];
      // One file: its own checksum. A set: a checksum over the sorted "sha256  path" lines, so the
      // row still changes whenever any member does.
      const sha = list.length === 1 ? list[0]!.sha256 : digestOf(list.map((r) => `${r.sha256}  ${r.path}`).sort().join('\n'));
      const bytes = list.reduce((n, r) => n + r.bytes, 0);
      const path = list.length === 1 ? list[0]!.path : commonFolder(list.map((r) => r.path));
      this.sql(
        `INSERT INTO models (id, kind, version, path, bytes, sha256, installed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'installed')
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, version = excluded.version, path = excluded.path, bytes = excluded.bytes,
           sha256 = excluded.sha256, installed_at = excluded.installed_at, status = excluded.status`,
      ).run(asset.id, asset.kind, asset.version, path, bytes, sha, isoNow());
    })();
  }

  /** Forgets the asset's files under `paths` and its summary row, in one transaction. */
  forget(assetId: string, paths: string[]): void {
    this.db.transaction(() => {
      const del = this.sql('DELETE FROM model_files WHERE path = ?');
      for (const p of paths) del.run(p);
      this.sql('DELETE FROM models WHERE id = ?').run(assetId);
    })();
  }

  forgetFile(path: string): void {
    this.sql('DELETE FROM model_files WHERE path = ?').run(path);
  }

  assetRow(id: string): { id: string; path: string; bytes: number; sha256: string; status: string } | undefined {
    return this.sql('SELECT id, path, bytes, sha256, status FROM models WHERE id = ?').get(id) as never;
  }

  storedHosts(): Partial<Hosts> {
    const rows = this.sql('SELECT name, base_url FROM model_hosts').all() as { name: string; base_url: string }[];
    const out: Partial<Hosts> = {};
    for (const r of rows) if (r.name === 'huggingface' || r.name === 'github') out[r.name] = r.base_url;
    return out;
  }

  setHost(name: HostName, baseUrl: string | null): void {
    if (baseUrl === null) this.sql('DELETE FROM model_hosts WHERE name = ?').run(name);
    else this.sql('INSERT INTO model_hosts (name, base_url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET base_url = excluded.base_url').run(name, baseUrl);
  }
}

function fromRow(r: FileRow): FileRecord {
  return { path: r.path, assetId: r.asset_id, bytes: r.bytes, sha256: r.sha256, verifiedBy: r.verified_by, mtimeMs: r.mtime_ms, source: r.source, installedAt: r.installed_at };
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function commonFolder(paths: string[]): string {
  let folder = dirname(paths[0]!);
  while (!paths.every((p) => p.startsWith(folder))) folder = dirname(folder);
  return folder;
}
