// Brings a library file's schema up to date. Each migration runs in its own transaction together
// with the user_version bump, so a crash or a failing step leaves the file at the last complete
// version rather than half-migrated.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/index';

/** Throws unless versions run 1, 2, 3… with unique names: a gap or a reordering is a build bug. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  const names = new Set<string>();
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1} (versions must increase by one from 1).`);
    }
    if (names.has(m.name)) throw new Error(`Two migrations are named "${m.name}".`);
    names.add(m.name);
  });
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the file's version, up to `target` (default: all). Returns the new version. */
export function applyMigrations(db: Database, migrations: readonly Migration[], target = Infinity): number {
  assertMigrationOrder(migrations);
  for (const m of migrations) {
    if (m.version > target) break;
    if (m.version <= schemaVersion(db)) continue;
    // IMMEDIATE: take the write lock first, so two processes opening an old library at once
    // serialize here instead of both running the same step.
    db.transaction(() => {
      if (m.version <= schemaVersion(db)) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
