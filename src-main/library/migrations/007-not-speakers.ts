// Names a project marked "not a speaker": a line starting "Memo:" in that project is prose, not a
// cast member. Kept on the project row as a JSON list rather than a table: it is read whole with
// the script every time the script is parsed, and never queried by name.
import type { Migration } from './types';

export const notSpeakers: Migration = {
  version: 7,
  name: 'not-speakers',
  up(db) {
    db.exec(`ALTER TABLE projects ADD COLUMN not_speakers TEXT NOT NULL DEFAULT '[]'`);
  },
};
