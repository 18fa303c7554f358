// The dialogue timeline: where each line's clip sits, how takes were made, per-track
// mute/solo, layout settings, and the undo history. New tables rather than 001's `clips`, whose
// millisecond columns cannot hold the sample-exact positions a drag or an import produces; that
// table stays unused. Mute and solo live apart from `speakers` because a script save rewrites the
// speakers rows and would silently unmute a track.
import type { Migration } from './types';

export const timeline: Migration = {
  version: 5,
  name: 'timeline',
  up(db) {
    db.exec(`
      -- What made a take, so a changed voice, text or speed shows the take as stale; and the take's
      -- own audio: the audio cache may evict, a take is part of the project.
      ALTER TABLE takes ADD COLUMN engine TEXT NOT NULL DEFAULT '';
      ALTER TABLE takes ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE takes ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE takes ADD COLUMN samples INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE takes ADD COLUMN pcm BLOB;

      CREATE TABLE timeline_state (
        project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        -- Separate from projects.revision: a timeline edit must not make the open script editor's
        -- next autosave look like a conflict.
        revision INTEGER NOT NULL DEFAULT 0,
        base_gap_ms INTEGER NOT NULL,
        quick_gap_ms INTEGER NOT NULL,
        continue_gap_ms INTEGER NOT NULL,
        ripple INTEGER NOT NULL DEFAULT 1 CHECK (ripple IN (0, 1))
      ) STRICT;

      -- One clip per line, on its speaker's track; everything in samples at 24 kHz.
      CREATE TABLE timeline_clips (
        line_id INTEGER PRIMARY KEY REFERENCES lines (id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        start_sample INTEGER NOT NULL CHECK (start_sample >= 0),
        -- Set by a user move: relayout keeps the clip where the user put it.
        manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
        gain_db REAL NOT NULL DEFAULT 0,
        fade_in INTEGER NOT NULL DEFAULT 0 CHECK (fade_in >= 0),
        fade_out INTEGER NOT NULL DEFAULT 0 CHECK (fade_out >= 0),
        trim_start INTEGER NOT NULL DEFAULT 0 CHECK (trim_start >= 0),
        trim_end INTEGER NOT NULL DEFAULT 0 CHECK (trim_end >= 0)
      ) STRICT;
      CREATE INDEX timeline_clips_project ON timeline_clips (project_id);

      CREATE TABLE timeline_tracks (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        mute INTEGER NOT NULL DEFAULT 0 CHECK (mute IN (0, 1)),
        solo INTEGER NOT NULL DEFAULT 0 CHECK (solo IN (0, 1)),
        PRIMARY KEY (project_id, speaker)
      ) STRICT;

      -- Each edit with the op that redoes it and the op that undoes it (JSON). line_id cascades so
      -- a step about a line the script no longer has disappears instead of failing at undo.
      CREATE TABLE timeline_history (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        line_id INTEGER REFERENCES lines (id) ON DELETE CASCADE,
        forward TEXT NOT NULL,
        inverse TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
      ) STRICT;
      CREATE INDEX timeline_history_project ON timeline_history (project_id, id);
    `);
  },
};
