// A trashed line keeps its timeline undo steps. Before this, the steps of a line the script dropped
// cascaded away with its row, so after Ctrl+Z in the editor brought the line back (with its takes
// and clip, from the line trash) the next Ctrl+Z reached past the line's own edits to whatever
// came before them. The steps stay in timeline_history, in their place in the order, detached from
// the line (line_id NULL) and tied to the trash entry instead; reviving the line re-attaches them,
// and pruning the entry deletes them. Moving them to a table of their own would lose their place:
// their ids are their order, and a new edit may reuse a freed id.
import type { Migration } from './types';

export const trashHistory: Migration = {
  version: 15,
  name: 'trash-history',
  up(db) {
    db.exec(`
      ALTER TABLE timeline_history ADD COLUMN trash_id INTEGER REFERENCES line_trash (id) ON DELETE CASCADE;
      CREATE INDEX timeline_history_trash ON timeline_history (trash_id) WHERE trash_id IS NOT NULL;
    `);
  },
};
