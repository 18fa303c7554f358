// Cloned voices with several styles (references): a whisper, an excited take, a sad one. The
// reference a clone was made with stays where it was (`voices.style`, `voices.reference_audio`) and
// is its default style, named by `voice_clones.default_style` ('neutral' for clones made before), so
// existing clones speak as before with nothing re-encoded. Every further style is a row here with
// its own conditioning, reference, quality report and consent (the same checks and consent as the
// clone itself), and its own engine-local `cond_id` naming its conditioning file. Rows go with the
// voice (ON DELETE CASCADE).
//
// And the style a line is given by hand in the studio (`lines.style`; NULL: its directions choose).
// A column of the line rather than a table beside it: lines-sync keeps a line's row through edits,
// as it keeps its own speed, and the line trash keeps it with the speed.
import type { Migration } from './types';

export const cloneStyles: Migration = {
  version: 13,
  name: 'clone-styles',
  up(db) {
    db.exec(`
      ALTER TABLE voice_clones ADD COLUMN default_style TEXT NOT NULL DEFAULT 'neutral';

      CREATE TABLE voice_clone_styles (
        voice_id TEXT NOT NULL REFERENCES voices (id) ON DELETE CASCADE,
        name TEXT NOT NULL COLLATE NOCASE,
        cond_id TEXT NOT NULL UNIQUE,
        encoder_version TEXT NOT NULL,
        cond_rows INTEGER NOT NULL CHECK (cond_rows > 0),
        cond_dim INTEGER NOT NULL CHECK (cond_dim > 0),
        cond BLOB NOT NULL,
        reference_audio BLOB NOT NULL,
        reference_sample_rate INTEGER NOT NULL,
        reference_samples INTEGER NOT NULL CHECK (reference_samples > 0),
        reference_sha256 TEXT NOT NULL,
        source TEXT NOT NULL,
        quality_report TEXT NOT NULL,
        consent TEXT NOT NULL CHECK (length(consent) > 2),
        encoded_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (voice_id, name)
      ) STRICT;

      ALTER TABLE lines ADD COLUMN style TEXT;
      ALTER TABLE line_trash ADD COLUMN style TEXT;
    `);
  },
};
