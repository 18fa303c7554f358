// Cloned voices. A clone is one `voices` row (kind 'clone': the conditioning in `style`,
// the cleaned 24 kHz reference in `reference_audio`, the consent record in `consent`) plus one row
// here with what made it: the engine and model version the conditioning came from (so a model
// update can ask for a re-encode), the quality report the user saw, and where the audio came from.
// Both rows are written in one transaction, so a crash leaves a whole clone or none; the triggers
// refuse a clone row whose voice lacks its audio, conditioning or consent, whatever code writes it.
import type { Migration } from './types';

export const voiceClones: Migration = {
  version: 4,
  name: 'voice-clones',
  up(db) {
    db.exec(`
      CREATE TABLE voice_clones (
        voice_id TEXT PRIMARY KEY REFERENCES voices (id) ON DELETE CASCADE,
        -- The engine-local id part (pocket:clone-<clone_id>); names the worker's conditioning file.
        clone_id TEXT NOT NULL UNIQUE,
        engine TEXT NOT NULL,
        -- The engine's model folder the conditioning belongs to (Pocket TTS: 'en').
        model_language TEXT NOT NULL,
        encoder_version TEXT NOT NULL,
        cond_rows INTEGER NOT NULL CHECK (cond_rows > 0),
        cond_dim INTEGER NOT NULL CHECK (cond_dim > 0),
        reference_sample_rate INTEGER NOT NULL,
        reference_samples INTEGER NOT NULL CHECK (reference_samples > 0),
        reference_sha256 TEXT NOT NULL,
        -- 'microphone', the file name it was made from, or 'import:<file>'.
        source TEXT NOT NULL,
        quality_report TEXT NOT NULL,
        encoded_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER voice_clones_complete BEFORE INSERT ON voice_clones
      WHEN NOT EXISTS (
        SELECT 1 FROM voices v WHERE v.id = NEW.voice_id AND v.kind = 'clone' AND v.style IS NOT NULL
          AND v.reference_audio IS NOT NULL AND v.consent IS NOT NULL AND length(v.consent) > 2
      )
      BEGIN
        SELECT RAISE(ABORT, 'a cloned voice needs its conditioning, its reference audio and a consent record');
      END;

      CREATE TRIGGER voices_clone_keeps_consent BEFORE UPDATE OF consent ON voices
      WHEN OLD.kind = 'clone' AND (NEW.consent IS NULL OR length(NEW.consent) <= 2)
      BEGIN
        SELECT RAISE(ABORT, 'the consent record of a cloned voice cannot be removed');
      END;
    `);
  },
};
