// The model manager's records. `models` (001) keeps one summary row per installed asset; a Kokoro
// voice set is 54 files and each is verified and can go missing on its own, so the verified facts
// live per file here. Paths are absolute: the models folder can move (KOE_MODELS_DIR), and a record
// must never vouch for a same-named file in another folder. `model_hosts` holds the user's mirror
// choices; they are the model manager's own settings, not typed app settings.
import type { Migration } from './types';

export const modelFiles: Migration = {
  version: 3,
  name: 'model-files',
  up(db) {
    db.exec(`
      CREATE TABLE model_files (
        path TEXT PRIMARY KEY,
        asset_id TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        -- Of the bytes that were verified, computed while they were written.
        sha256 TEXT NOT NULL,
        verified_by TEXT NOT NULL CHECK (verified_by IN ('sha256', 'size+check')),
        -- Whole milliseconds; a later change means the file must be checked again before use.
        mtime_ms INTEGER NOT NULL,
        -- The URL it was downloaded from, or the local file it was imported from.
        source TEXT NOT NULL,
        installed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_files_asset ON model_files (asset_id);

      CREATE TABLE model_hosts (
        name TEXT PRIMARY KEY,
        base_url TEXT NOT NULL
      ) STRICT;
    `);
  },
};
