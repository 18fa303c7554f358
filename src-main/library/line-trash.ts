// What a dropped line leaves behind, and how a line that comes back picks it up (see migration 011).
// A line is trashed only when it has something a re-parse cannot recreate: a take, or a clip the
// user placed or shaped. It is revived when the script gains a line with the same speaker and text
// that matchLines could not pair with a live one: the editor's undo of a deletion, or a paragraph
// cut and pasted back after a save in between.
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
        OR EXISTS (SELECT 1 FROM lines WHERE id = @id AND (speed IS NOT NULL OR style IS NOT NULL OR pause_after_ms != 0))`).pluck().get({ id: lineId }) as number;
  if (!worth) return;
  const trashId = Number(sql(`
    INSERT INTO line_trash (project_id, speaker, text, speed, style, pause_after_ms, clip, deleted_at)
    SELECT project_id, speaker, text, speed, style, pause_after_ms,
      (SELECT json_object('startSample', start_sample, 'manual', manual, 'gainDb', gain_db, 'fadeIn', fade_in, 'fadeOut', fade_out, 'trimStart', trim_start, 'trimEnd', trim_end)
         FROM timeline_clips WHERE line_id = lines.id),
      ?
    FROM lines WHERE id = ? AND project_id = ?`).run(isoNow(), lineId, projectId).lastInsertRowid);
  sql(`INSERT INTO line_trash_takes (trash_id, take_id, ${TAKE_COLUMNS}) SELECT ?, id, ${TAKE_COLUMNS} FROM takes WHERE line_id = ?`).run(trashId, lineId);
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
  sql('DELETE FROM line_trash WHERE id = ?').run(t.id);
  return lineId;
}

/** Keeps the newest TRASH_KEEP trashed lines of a project. */
export function pruneTrash(sql: Prepare, projectId: string): void {
  sql('DELETE FROM line_trash WHERE project_id = @p AND id <= (SELECT id FROM line_trash WHERE project_id = @p ORDER BY id DESC LIMIT 1 OFFSET @keep)').run({ p: projectId, keep: TRASH_KEEP });
}
