// Where each model's self-test result is kept: one JSON row in the settings table (like the recent
// files list), keyed by asset id and tied to the digest of the files it tested, so a replaced model
// is tested again rather than inheriting the old verdict. Needs no migration; a row a newer build
// wrote that this one cannot read counts as "not tested", which only means the test runs again.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { SelfTestResult } from '../contract/calls-models';
import { statementCache, type Prepare } from '../library/statements';

const KEY = 'modelSelfTests';
const Stored = z.record(z.string(), SelfTestResult.extend({ digest: z.string() }));
type Stored = z.infer<typeof Stored>;

export class SelfTestRepo {
  private readonly sql: Prepare;

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  all(): Stored {
    const row = this.sql('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return {};
    try {
      const r = Stored.safeParse(JSON.parse(row.value));
      return r.success ? r.data : {};
    } catch {
      return {};
    }
  }

  put(assetId: string, digest: string, result: SelfTestResult): void {
    const next = { ...this.all(), [assetId]: { ...result, digest } };
    this.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
  }
}
