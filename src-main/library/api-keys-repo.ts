// API keys for the speech API, kept as SHA-256 hashes (see migration 009 for why a fast hash).
// Lookup is by hash, so checking a key is one indexed read; revoking marks the row, and a revoked
// key never matches again, from the very next request.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiKey } from '../contract/calls-api-keys';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

/** Every key starts so, which lets secret scanners and users recognise one. */
export const API_KEY_PREFIX = 'koe-';
/** last_used_at is written at most this often per key, so a busy client does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

interface Row {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

const toKey = (r: Row): ApiKey => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at });

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export class ApiKeysRepo {
  private readonly sql: Prepare;
  private readonly touched = new Map<string, number>();

  constructor(db: Database) {
    this.sql = statementCache(db);
  }

  /** A new key: 32 random bytes; the secret is returned here and nowhere else. */
  create(name: string): { key: ApiKey; secret: string } {
    const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID().slice(0, 8);
    const row: Row = { id, name, prefix: secret.slice(0, API_KEY_PREFIX.length + 4), created_at: isoNow(), last_used_at: null };
    this.sql('INSERT INTO api_keys (id, name, hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)').run(id, name, hashApiKey(secret), row.prefix, row.created_at);
    return { key: toKey(row), secret };
  }

  list(): ApiKey[] {
    return (this.sql('SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC').all() as Row[]).map(toKey);
  }

  /** Keys that work now. */
  count(): number {
    return this.sql('SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL').pluck().get() as number;
  }

  revoke(id: string): boolean {
    return this.sql('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(isoNow(), id).changes > 0;
  }

  /** The key a secret belongs to, or null for an unknown or revoked one; records its use. */
  verify(secret: string): ApiKey | null {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return null;
    const row = this.sql('SELECT id, name, prefix, created_at, last_used_at FROM api_keys WHERE hash = ? AND revoked_at IS NULL').get(hashApiKey(secret)) as Row | undefined;
    if (!row) return null;
    const now = Date.now();
    if (now - (this.touched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(row.id, now);
      row.last_used_at = isoNow();
      this.sql('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(row.last_used_at, row.id);
    }
    return toKey(row);
  }
}
