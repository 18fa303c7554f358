// The first schema: everything the studio stores except rendered audio. Tables are STRICT so a
// wrong type from a bug is refused at the write instead of surfacing later as a corrupt project.
import { KOE_APPLICATION_ID, type Migration } from './types';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${KOE_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE voices (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('system', 'preset', 'blend', 'clone')),
        engine TEXT NOT NULL,
        name TEXT NOT NULL,
        language TEXT NOT NULL,
        language_name TEXT NOT NULL DEFAULT '',
        gender TEXT NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female', 'male', 'neutral', 'unknown')),
        tags TEXT NOT NULL DEFAULT '[]',
        grade TEXT,
        -- Blends: the component voices and weights (JSON), so a blend can be rebuilt after a model update.
        recipe TEXT,
        -- Presets and blends: the style vector; clones: the encoder's conditioning.
        style BLOB,
        -- Clones only: the cleaned 24 kHz float32 recording the conditioning came from.
        reference_audio BLOB,
        -- Clones only: who consented, when, to what (JSON). Required by the cloning flow, not here.
        consent TEXT,
        available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0, 1)),
        unavailable_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX voices_engine_kind ON voices (engine, kind);
      CREATE INDEX voices_language ON voices (language);

      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        script TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX projects_updated ON projects (updated_at);

      -- voice_id deliberately has no foreign key: deleting a voice must not silently recast or drop
      -- speakers; the project reports the missing voice instead.
      CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        voice_id TEXT,
        color TEXT NOT NULL,
        gain_db REAL NOT NULL DEFAULT 0,
        pan REAL NOT NULL DEFAULT 0 CHECK (pan BETWEEN -1 AND 1),
        position INTEGER NOT NULL,
        UNIQUE (project_id, name)
      ) STRICT;
      CREATE INDEX speakers_voice ON speakers (voice_id);

      -- Derived from the script on save; rows are reused when a line's speaker and text are
      -- unchanged so its takes and clips survive edits elsewhere in the script.
      CREATE TABLE lines (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        -- NULL: the project's speed applies.
        speed REAL,
        pause_before_ms INTEGER NOT NULL DEFAULT 0,
        pause_after_ms INTEGER NOT NULL DEFAULT 0,
        source_line INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lines_project_position ON lines (project_id, position);

      -- A rendered version of a line. The audio lives in the audio cache under audio_key; a
      -- selected take's audio is never evicted (see the cache repository).
      CREATE TABLE takes (
        id INTEGER PRIMARY KEY,
        line_id INTEGER NOT NULL REFERENCES lines (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        selected INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
        voice_id TEXT,
        audio_key TEXT NOT NULL,
        duration_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX takes_line ON takes (line_id);
      CREATE UNIQUE INDEX takes_one_selected ON takes (line_id) WHERE selected = 1;
      CREATE INDEX takes_audio_key ON takes (audio_key);

      CREATE TABLE clips (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        line_id INTEGER REFERENCES lines (id) ON DELETE CASCADE,
        track INTEGER NOT NULL DEFAULT 0,
        start_ms INTEGER NOT NULL,
        gain_db REAL NOT NULL DEFAULT 0,
        fade_in_ms INTEGER NOT NULL DEFAULT 0,
        fade_out_ms INTEGER NOT NULL DEFAULT 0,
        trim_start_ms INTEGER NOT NULL DEFAULT 0,
        trim_end_ms INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX clips_project_track ON clips (project_id, track, start_ms);
      CREATE INDEX clips_line ON clips (line_id);

      CREATE TABLE markers (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX markers_project ON markers (project_id, at_ms);

      -- scope is 'global' or a project id; it cannot be a foreign key, so a trigger removes a
      -- project's entries with the project.
      CREATE TABLE pronunciations (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        language TEXT NOT NULL,
        word TEXT NOT NULL,
        phonemes TEXT,
        respelling TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (scope, language, word),
        CHECK (phonemes IS NOT NULL OR respelling IS NOT NULL)
      ) STRICT;
      CREATE TRIGGER projects_drop_pronunciations AFTER DELETE ON projects
      BEGIN
        DELETE FROM pronunciations WHERE scope = OLD.id;
      END;

      -- Installed model files. status is free text (downloading, installed, failed, …) so the
      -- downloader can grow states without a table rebuild.
      CREATE TABLE models (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        version TEXT NOT NULL,
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        status TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
