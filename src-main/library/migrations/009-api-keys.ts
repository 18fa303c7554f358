// Keys for the OpenAI-compatible speech API. Only a SHA-256 of each key is kept: the key is 32 random
// bytes, so a fast unsalted hash is enough (there is nothing to guess from a dictionary, and a
// slow password hash would cost every request its latency for no gain), and a copied library file
// gives no one a working key. `prefix` is the key's first characters, shown in lists so a user can
// tell keys apart without the library holding the rest.
import type { Migration } from './types';

export const apiKeys: Migration = {
  version: 9,
  name: 'api-keys',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
    `);
  },
};
