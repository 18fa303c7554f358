// "Continue from the previous line" for Pocket TTS voices, one choice per project: off (every line
// from the voice's reference alone, as before), own (a line continues from its speaker's previous
// line) or reply (from the line just before it, whoever spoke it). A column of timeline_state, read
// with the layout settings; every existing project stays off, so its takes and cache keys stand.
import type { Migration } from './types';

export const contextMode: Migration = {
  version: 14,
  name: 'context-mode',
  up(db) {
    db.exec(`ALTER TABLE timeline_state ADD COLUMN context_mode TEXT NOT NULL DEFAULT 'off' CHECK (context_mode IN ('off', 'own', 'reply'));`);
  },
};
