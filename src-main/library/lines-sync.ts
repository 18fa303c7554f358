// Keeps a project's `lines` rows in step with its script. Which row each parsed line continues is
// decided by matchLines (unchanged, moved or edited in place); those rows are updated where they
// differ, so the takes, clip and undo steps that hang off a line's id survive edits to the script.
// Only lines the script no longer has are deleted (their takes and clips cascade with them), after
// being kept in the line trash (line-trash.ts) if they had takes or clip edits; a line that comes
// back with the same speaker and text takes them up again.
import { matchLines } from './line-identity';
import { insertOrRevive, pruneTrash, trashLine, TRASH_MAX_BATCH } from './line-trash';
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
  const match = matchLines(rows, lines);
  const update = sql('UPDATE lines SET position = ?, speaker = ?, text = ?, source_line = ?, pause_before_ms = ? WHERE id = ?');
  const remove = sql('DELETE FROM lines WHERE id = ?');
  const kept = new Set<number>();
  lines.forEach((line, position) => {
    const at = match[position];
    const row = at === null || at === undefined ? undefined : rows[at];
    if (!row) {
      // Revived only from earlier saves' trash: this save's own drops were already offered to
      // matchLines as moves.
      insertOrRevive(sql, projectId, { position, ...line });
      return;
    }
    kept.add(row.id);
    if (row.position !== position || row.speaker !== line.speaker || row.text !== line.text || row.source_line !== line.sourceLine || row.pause_before_ms !== line.pauseBeforeMs) {
      update.run(position, line.speaker, line.text, line.sourceLine, line.pauseBeforeMs, row.id);
    }
  });
  const dropped = rows.filter((r) => !kept.has(r.id));
  if (dropped.length > 0 && dropped.length <= TRASH_MAX_BATCH) {
    for (const r of dropped) trashLine(sql, projectId, r.id);
    pruneTrash(sql, projectId);
  }
  for (const r of dropped) remove.run(r.id);
}
