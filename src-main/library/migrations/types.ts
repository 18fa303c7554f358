// The shape every schema migration has. Kept apart from the list so a migration file can import it
// without importing every other migration.
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; strictly increasing from 1 with no gaps. */
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration's transaction; must not commit, roll back or change foreign_keys. */
  up(db: Database): void;
}

/** 'Koe1' as a big-endian int: marks the file as ours so another app's SQLite file is never migrated. */
export const KOE_APPLICATION_ID = 0x4b6f6531;
