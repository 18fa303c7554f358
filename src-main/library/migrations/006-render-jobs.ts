// The render queue's work, kept on disk so rendering a book survives a crash or a quit: the lines
// still to render per project (a row goes when its line is finished — its take is already stored, so
// it is never redone), and whether the user paused the project's rendering.
import type { Migration } from './types';

export const renderJobs: Migration = {
  version: 6,
  name: 'render-jobs',
  up(db) {
    db.exec(`
      CREATE TABLE render_jobs (
        project_id TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      -- seq keeps queue order across a restart.
      CREATE TABLE render_job_lines (
        project_id TEXT NOT NULL REFERENCES render_jobs (project_id) ON DELETE CASCADE,
        line_id INTEGER NOT NULL REFERENCES lines (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        PRIMARY KEY (project_id, line_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX render_job_lines_line ON render_job_lines (line_id);
    `);
  },
};
