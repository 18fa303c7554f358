// Lines the script dropped, kept with what hung off them (takes with their audio, the clip's place,
// gain, fades and trims, the line's own speed and pause), so that undoing a deletion in the editor,
// or cutting a paragraph and pasting it back, brings the timeline back as it was rather than as
// new, unrendered lines. The takes' columns are spelt out here; line-trash.test.ts fails when a
// later migration gives `takes` a column this table lacks.
import type { Migration } from './types';

export const lineTrash: Migration = {
  version: 11,
  name: 'line-trash',
  up(db) {
    db.exec(`
      CREATE TABLE line_trash (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        speed REAL,
        pause_after_ms INTEGER NOT NULL DEFAULT 0,
        -- The timeline_clips row as JSON, or NULL when the line had none.
        clip TEXT,
        deleted_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX line_trash_key ON line_trash (project_id, speaker, text);

      CREATE TABLE line_trash_takes (
        trash_id INTEGER NOT NULL REFERENCES line_trash (id) ON DELETE CASCADE,
        -- The take's id when it was live: restored takes keep their order.
        take_id INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        selected INTEGER NOT NULL,
        voice_id TEXT,
        audio_key TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        engine TEXT NOT NULL,
        params TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        samples INTEGER NOT NULL,
        pcm BLOB
      ) STRICT;
      CREATE INDEX line_trash_takes_trash ON line_trash_takes (trash_id);
    `);
  },
};
