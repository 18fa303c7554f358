// Rendered audio, keyed by everything that determines it, so replaying or exporting an unchanged
// line costs a lookup instead of a synthesis. Small columns come before the PCM blob, and the LRU
// index covers (last_used_at, bytes, key), so sizing and eviction never read the audio itself.
import type { Migration } from './types';

export const audioCache: Migration = {
  version: 2,
  name: 'audio-cache',
  up(db) {
    db.exec(`
      CREATE TABLE audio_cache (
        key TEXT PRIMARY KEY,
        engine TEXT NOT NULL,
        model_version TEXT NOT NULL,
        voice_id TEXT NOT NULL,
        params TEXT NOT NULL,
        sample_rate INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        -- Milliseconds since the epoch, kept strictly increasing by the writer so LRU order is exact.
        last_used_at INTEGER NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0,
        -- Little-endian float32 mono samples.
        pcm BLOB NOT NULL
      ) STRICT;
      CREATE INDEX audio_cache_lru ON audio_cache (last_used_at, bytes, key);
      CREATE INDEX audio_cache_model ON audio_cache (engine, model_version);
      CREATE INDEX audio_cache_voice ON audio_cache (voice_id);
    `);
  },
};
