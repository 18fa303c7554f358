// Keeps a project's `lines` rows in step with its script. Rows whose speaker and text are unchanged
// are reused (only their position is updated), so editing one line of a long script does not
// throw away the takes and timeline clips of every other line, which cascade from their line.
import type { Prepare } from './statements';

export interface DerivedLine {
  speaker: string;
  text: string;
  sourceLine: number;
  pauseBeforeMs: number;
}

interface Row {
  id: number;
  speaker: string;
  text: string;
  position: number;
  source_line: number;
  pause_before_ms: number;
}

/** Call inside the save's transaction. */
export function syncLines(sql: Prepare, projectId: string, lines: readonly DerivedLine[]): void {
  const rows = sql('SELECT id, speaker, text, position, source_line, pause_before_ms FROM lines WHERE project_id = ? ORDER BY position, id').all(projectId) as Row[];
  const reusable = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r.speaker, r.text);
    const list = reusable.get(k);
    if (list) list.push(r);
    else reusable.set(k, [r]);
  }
  const update = sql('UPDATE lines SET position = ?, source_line = ?, pause_before_ms = ? WHERE id = ?');
  const insert = sql('INSERT INTO lines (project_id, position, speaker, text, source_line, pause_before_ms) VALUES (?, ?, ?, ?, ?, ?)');
  const remove = sql('DELETE FROM lines WHERE id = ?');
  lines.forEach((line, position) => {
    const row = reusable.get(key(line.speaker, line.text))?.shift();
    if (!row) {
      insert.run(projectId, position, line.speaker, line.text, line.sourceLine, line.pauseBeforeMs);
    } else if (row.position !== position || row.source_line !== line.sourceLine || row.pause_before_ms !== line.pauseBeforeMs) {
      update.run(position, line.sourceLine, line.pauseBeforeMs, row.id);
    }
  });
  for (const left of reusable.values()) for (const r of left) remove.run(r.id);
}

function key(speaker: string, text: string): string {
  return `${speaker}\u0000${text}`;
}
