// Dialogue settings of a project. The layout's turn-taking settings become columns of
// timeline_state (read with the other gaps, never queried alone): the cut-in before a "--" line's
// end, where an "[over]" line starts, the gap after a question and the extra gap before a new topic.
// A timeline made before them keeps the layout it had: its question gap is its quick gap (the rule
// it was laid out with) and it adds nothing before a topic; new projects get the layout defaults.
//
// And a speaker's own meaning of a direction (Anna's whisper at −9 dB), one row per speaker and
// direction, apart from `speakers` because a script save rewrites those rows (as timeline_tracks).
import type { Migration } from './types';

export const dialogue: Migration = {
  version: 12,
  name: 'dialogue',
  up(db) {
    db.exec(`
      ALTER TABLE timeline_state ADD COLUMN cut_in_ms INTEGER NOT NULL DEFAULT 300 CHECK (cut_in_ms BETWEEN 0 AND 5000);
      ALTER TABLE timeline_state ADD COLUMN over_percent INTEGER NOT NULL DEFAULT 40 CHECK (over_percent BETWEEN 0 AND 100);
      ALTER TABLE timeline_state ADD COLUMN question_gap_ms INTEGER NOT NULL DEFAULT 0 CHECK (question_gap_ms BETWEEN 0 AND 5000);
      ALTER TABLE timeline_state ADD COLUMN topic_gap_ms INTEGER NOT NULL DEFAULT 0 CHECK (topic_gap_ms BETWEEN 0 AND 5000);
      UPDATE timeline_state SET question_gap_ms = quick_gap_ms;

      CREATE TABLE speaker_directions (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        speaker TEXT NOT NULL,
        direction TEXT NOT NULL,
        -- A DeliveryEffect as JSON (contract/delivery-effect.ts), replacing the default one whole.
        effect TEXT NOT NULL,
        PRIMARY KEY (project_id, speaker, direction)
      ) STRICT;
    `);
  },
};
