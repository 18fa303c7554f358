// The File menu's recent list. Kept as one JSON row in the settings table rather than a table of its
// own: ten small entries need no migration, and a row a newer build wrote that this one cannot read
// only empties the list.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { MAX_RECENT_FILES, RecentFile } from '../contract/calls-files';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

const KEY = 'recentFiles';

export class RecentFilesRepo {
  private readonly sql: Prepare;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  list(): RecentFile[] {
    const row = this.sql('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return [];
    try {
      const r = z.array(RecentFile).safeParse(JSON.parse(row.value));
      return r.success ? r.data : [];
    } catch {
      return [];
    }
  }

  /** Puts a file first; the same file (by path, else by name and project) moves up rather than repeating. */
  add(file: Omit<RecentFile, 'at'>): RecentFile[] {
    const same = (f: RecentFile) => f.kind === file.kind && (file.path !== null ? f.path === file.path : f.path === null && f.fileName === file.fileName && f.projectId === file.projectId);
    const next = [{ ...file, at: isoNow() }, ...this.list().filter((f) => !same(f))].slice(0, MAX_RECENT_FILES);
    this.write(next);
    return next;
  }

  clear(): RecentFile[] {
    this.write([]);
    return [];
  }

  private write(files: RecentFile[]): void {
    this.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(files));
  }
}
