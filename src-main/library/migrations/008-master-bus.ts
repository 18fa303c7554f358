// The timeline's master bus: a gain over the whole mix and the look-ahead limiter, per project.
// Columns of timeline_state (one row per project, read with the rest of the timeline's layout
// state) rather than a table: the master bus is one value per timeline, never queried on its own.
import type { Migration } from './types';

export const masterBus: Migration = {
  version: 8,
  name: 'master-bus',
  up(db) {
    db.exec(`
      ALTER TABLE timeline_state ADD COLUMN master_gain_db REAL NOT NULL DEFAULT 0 CHECK (master_gain_db BETWEEN -60 AND 24);
      ALTER TABLE timeline_state ADD COLUMN master_limiter INTEGER NOT NULL DEFAULT 0 CHECK (master_limiter IN (0, 1));
    `);
  },
};
