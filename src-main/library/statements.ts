// Prepares each SQL text once per connection. Repositories write their SQL inline where it is read,
// and still reuse compiled statements on hot paths (autosave, cache lookups).
import type { Database, Statement } from 'better-sqlite3';

export type Prepare = (sql: string) => Statement;

export function statementCache(db: Database): Prepare {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
