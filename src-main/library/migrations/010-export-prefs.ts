// What the export dialog last chose for a project (format, bitrate, sample rate, loudness preset,
// stems, subtitles, chapters), so the next export of that project starts from it. One JSON column
// on the project row, like not_speakers: read whole when the dialog opens, never queried by field,
// and a value a newer build wrote that this one cannot read falls back to the defaults.
import type { Migration } from './types';

export const exportPrefs: Migration = {
  version: 10,
  name: 'export-prefs',
  up(db) {
    db.exec(`ALTER TABLE projects ADD COLUMN export_prefs TEXT`);
  },
};
