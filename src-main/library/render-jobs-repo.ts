// The render queue's persisted work (migration 006). The queue keeps its live state in memory and
// writes here only what a restart needs: which lines are still owed and whether the project is
// paused. Writes are one statement per finished line, so a 10,000-line book costs no rewrite of a list.
import type { Database } from 'better-sqlite3';
import { statementCache, type Prepare } from './statements';

export interface SavedRenderJob {
  projectId: string;
  paused: boolean;
  /** Lines still to render, in queue order. */
  lineIds: number[];
}

export class RenderJobsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /** Adds lines to the project's job (creating it), after any already owed. */
  add(projectId: string, lineIds: readonly number[]): void {
    if (lineIds.length === 0) return;
    this.db.transaction(() => {
      this.sql(`INSERT OR IGNORE INTO render_jobs (project_id, paused, created_at) VALUES (?, 0, ?)`).run(projectId, new Date().toISOString());
      let seq = (this.sql(`SELECT COALESCE(MAX(seq), -1) FROM render_job_lines WHERE project_id = ?`).pluck().get(projectId) as number) + 1;
      // A line removed from the script since it was queued has no row to reference; skip it.
      const insert = this.sql(`INSERT OR IGNORE INTO render_job_lines (project_id, line_id, seq) SELECT ?, id, ? FROM lines WHERE id = ? AND project_id = ?`);
      for (const id of lineIds) insert.run(projectId, seq++, id, projectId);
    })();
  }

  /** The line is finished (rendered, failed or dropped): it is no longer owed. */
  finish(projectId: string, lineId: number): void {
    this.sql(`DELETE FROM render_job_lines WHERE project_id = ? AND line_id = ?`).run(projectId, lineId);
  }

  /** The job is over (all done, or cancelled). */
  clear(projectId: string): void {
    this.sql(`DELETE FROM render_jobs WHERE project_id = ?`).run(projectId);
  }

  setPaused(projectId: string, paused: boolean): void {
    this.sql(`INSERT INTO render_jobs (project_id, paused, created_at) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET paused = excluded.paused`).run(projectId, paused ? 1 : 0, new Date().toISOString());
  }

  /** Every saved job, for the queue to pick up at start. Jobs with nothing owed are dropped. */
  load(): SavedRenderJob[] {
    const jobs = this.sql(`SELECT project_id AS projectId, paused FROM render_jobs ORDER BY created_at`).all() as { projectId: string; paused: number }[];
    const out: SavedRenderJob[] = [];
    for (const j of jobs) {
      const lineIds = this.sql(`SELECT line_id FROM render_job_lines WHERE project_id = ? ORDER BY seq`).pluck().all(j.projectId) as number[];
      if (lineIds.length === 0) this.clear(j.projectId);
      else out.push({ projectId: j.projectId, paused: j.paused === 1, lineIds });
    }
    return out;
  }
}
