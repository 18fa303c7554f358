// What a dropped line leaves behind, and how a line that comes back picks it up (see migrations 011
// and 015). A line is trashed only when it has something a re-parse cannot recreate: a take, a clip
// the user placed or shaped, or timeline undo steps. It is revived when the script gains a line with
// the same speaker and text that matchLines could not pair with a live one: the editor's undo of a
// deletion, or a paragraph cut and pasted back after a save in between.
import { isoNow } from './clock';
import type { Prepare } from './statements';

/** Lines kept per project; the oldest go first. */
export const TRASH_KEEP = 2000;
/** A save that drops more lines than this (a script replaced wholesale) keeps none of them. */
export const TRASH_MAX_BATCH = 2000;

const TAKE_COLUMNS = 'created_at, selected, voice_id, audio_key, duration_ms, engine, params, text_hash, samples, pcm';

interface ClipJson {
  startSample: number;
  manual: number;
  gainDb: number;
  fadeIn: number;
  fadeOut: number;
  trimStart: number;
  trimEnd: number;
}

/** Call inside the save's transaction, before the line's row is deleted. */
export function trashLine(sql: Prepare, projectId: string, lineId: number): void {
  const worth = sql(`
    SELECT EXISTS (SELECT 1 FROM takes WHERE line_id = @id)
        OR EXISTS (SELECT 1 FROM timeline_clips WHERE line_id = @id AND (manual = 1 OR gain_db != 0 OR fade_in != 0 OR fade_out != 0 OR trim_start != 0 OR trim_end != 0))
        OR EXISTS (SELECT 1 FROM lines WHERE id = @id AND (speed IS NOT NULL OR style IS NOT NULL OR pause_after_ms != 0))
        OR EXISTS (SELECT 1 FROM timeline_history WHERE line_id = @id)`).pluck().get({ id: lineId }) as number;
  if (!worth) return;
  const trashId = Number(sql(`
    INSERT INTO line_trash (project_id, speaker, text, speed, style, pause_after_ms, clip, deleted_at)
    SELECT project_id, speaker, text, speed, style, pause_after_ms,
      (SELECT json_object('startSample', start_sample, 'manual', manual, 'gainDb', gain_db, 'fadeIn', fade_in, 'fadeOut', fade_out, 'trimStart', trim_start, 'trimEnd', trim_end)
         FROM timeline_clips WHERE line_id = lines.id),
      ?
    FROM lines WHERE id = ? AND project_id = ?`).run(isoNow(), lineId, projectId).lastInsertRowid);
  sql(`INSERT INTO line_trash_takes (trash_id, take_id, ${TAKE_COLUMNS}) SELECT ?, id, ${TAKE_COLUMNS} FROM takes WHERE line_id = ?`).run(trashId, lineId);
  // Detached rather than cascaded away with the line: the undo steps keep their place in the order.
  sql('UPDATE timeline_history SET line_id = NULL, trash_id = ? WHERE line_id = ?').run(trashId, lineId);
}

/** An op of a revived line's step, pointed at the line's new id and its takes' new ids. */
function reviveOp(json: string, lineId: number, takeIds: ReadonlyMap<number, number>): string {
  const op = JSON.parse(json) as { lineId?: number; takeId?: number };
  if (op.lineId !== undefined) op.lineId = lineId;
  if (op.takeId !== undefined) op.takeId = takeIds.get(op.takeId) ?? op.takeId;
  return JSON.stringify(op);
}

function reviveHistory(sql: Prepare, trashId: number, lineId: number): void {
  const steps = sql('SELECT id, forward, inverse FROM timeline_history WHERE trash_id = ?').all(trashId) as { id: number; forward: string; inverse: string }[];
  if (steps.length === 0) return;
  // Takes come back in their old order with new ids (insertOrRevive), so the two lists pair up.
  const oldIds = sql('SELECT take_id FROM line_trash_takes WHERE trash_id = ? ORDER BY take_id').pluck().all(trashId) as number[];
  const newIds = sql('SELECT id FROM takes WHERE line_id = ? ORDER BY id').pluck().all(lineId) as number[];
  const takeIds = new Map(oldIds.map((old, i) => [old, newIds[i]!] as const));
  const put = sql('UPDATE timeline_history SET line_id = ?, trash_id = NULL, forward = ?, inverse = ? WHERE id = ?');
  for (const s of steps) put.run(lineId, reviveOp(s.forward, lineId, takeIds), reviveOp(s.inverse, lineId, takeIds), s.id);
}

/**
 * Inserts a line, restoring the most recently trashed line with the same speaker and text if there
 * is one. Returns the new line's id. Call inside the save's transaction.
 */
export function insertOrRevive(sql: Prepare, projectId: string, line: { position: number; speaker: string; text: string; sourceLine: number; pauseBeforeMs: number }): number {
  const t = sql('SELECT id, speed, style, pause_after_ms AS pauseAfterMs, clip FROM line_trash WHERE project_id = ? AND speaker = ? AND text = ? ORDER BY id DESC LIMIT 1')
    .get(projectId, line.speaker, line.text) as { id: number; speed: number | null; style: string | null; pauseAfterMs: number; clip: string | null } | undefined;
  const lineId = Number(sql('INSERT INTO lines (project_id, position, speaker, text, source_line, pause_before_ms, speed, style, pause_after_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(projectId, line.position, line.speaker, line.text, line.sourceLine, line.pauseBeforeMs, t?.speed ?? null, t?.style ?? null, t?.pauseAfterMs ?? 0).lastInsertRowid);
  if (!t) return lineId;
  sql(`INSERT INTO takes (line_id, ${TAKE_COLUMNS}) SELECT ?, ${TAKE_COLUMNS} FROM line_trash_takes WHERE trash_id = ? ORDER BY take_id`).run(lineId, t.id);
  if (t.clip) {
    const c = JSON.parse(t.clip) as ClipJson;
    sql('INSERT INTO timeline_clips (line_id, project_id, start_sample, manual, gain_db, fade_in, fade_out, trim_start, trim_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(lineId, projectId, c.startSample, c.manual, c.gainDb, c.fadeIn, c.fadeOut, c.trimStart, c.trimEnd);
  }
  reviveHistory(sql, t.id, lineId);
  sql('DELETE FROM line_trash WHERE id = ?').run(t.id);
  return lineId;
}

/** Keeps the newest TRASH_KEEP trashed lines of a project. */
export function pruneTrash(sql: Prepare, projectId: string): void {
  sql('DELETE FROM line_trash WHERE project_id = @p AND id <= (SELECT id FROM line_trash WHERE project_id = @p ORDER BY id DESC LIMIT 1 OFFSET @keep)').run({ p: projectId, keep: TRASH_KEEP });
}
