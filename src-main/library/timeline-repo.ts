// SQL for the dialogue timeline: layout settings and revision, clips, takes, track mute/solo,
// markers and the undo history. Only reads and writes rows; the rules (layout, staleness, what an
// undo does) live in src-main/timeline/, so they are tested without caring how rows are stored.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import type { ContextMode, TimelineOp } from '../contract/calls-timeline';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

export interface StateRow {
  revision: number;
  baseGapMs: number;
  quickGapMs: number;
  continueGapMs: number;
  ripple: boolean;
  /** How far before the end of a "--" line the next speaker cuts in. */
  cutInMs: number;
  /** Where under the previous line an "[over]" line starts, in % of it. */
  overPercent: number;
  /** Between two speakers after a question. */
  questionGapMs: number;
  /** Added before the first line after a blank line or a chapter heading. */
  topicGapMs: number;
}

/** The layout settings one `setGap` edit may change. */
export type GapSettings = Pick<StateRow, 'baseGapMs' | 'quickGapMs' | 'continueGapMs' | 'cutInMs' | 'overPercent' | 'questionGapMs' | 'topicGapMs'>;

export interface ClipRow {
  lineId: number;
  startSample: number;
  manual: boolean;
  gainDb: number;
  fadeIn: number;
  fadeOut: number;
  trimStart: number;
  trimEnd: number;
}

export interface TakeRow {
  id: number;
  lineId: number;
  createdAt: string;
  selected: boolean;
  voiceId: string | null;
  audioKey: string;
  engine: string;
  params: { speed: number; pitch: number; lex?: string; direction?: string; directionEffects?: string; context?: string; style?: string };
  textHash: string;
  samples: number;
}

export interface NewTake {
  lineId: number;
  engine: string;
  voiceId: string;
  params: { speed: number; pitch: number; lex?: string; direction?: string; directionEffects?: string; context?: string; style?: string };
  textHash: string;
  audioKey: string;
  pcm: Float32Array;
  createdAt?: string;
}

export interface HistoryStep {
  id: number;
  forward: TimelineOp;
  inverse: TimelineOp;
}

/** Steps kept per project; the oldest go first. Enough for a session, small enough to load at once. */
export const HISTORY_LIMIT = 500;

export interface MasterBus {
  gainDb: number;
  limiter: boolean;
}

/** One line as a render worker needs it; `projectRevision` dates the script it came from. */
export interface LineWithVoice {
  id: number;
  speaker: string;
  text: string;
  speed: number | null;
  style: string | null;
  position: number;
  voiceId: string | null;
  projectRevision: number;
}

const TAKE_COLUMNS = `id, line_id AS lineId, created_at AS createdAt, selected, voice_id AS voiceId, audio_key AS audioKey, engine, params, text_hash AS textHash, samples`;

type RawTake = Omit<TakeRow, 'selected' | 'params'> & { selected: number; params: string };

function take(r: RawTake): TakeRow {
  const p = JSON.parse(r.params) as Partial<TakeRow['params']>;
  return { ...r, selected: r.selected === 1, params: { speed: p.speed ?? 1, pitch: p.pitch ?? 50, ...(typeof p.lex === 'string' ? { lex: p.lex } : {}), ...(typeof p.direction === 'string' ? { direction: p.direction } : {}), ...(typeof p.directionEffects === 'string' ? { directionEffects: p.directionEffects } : {}), ...(typeof p.context === 'string' ? { context: p.context } : {}), ...(typeof p.style === 'string' ? { style: p.style } : {}) } };
}

export class TimelineRepo {
  private readonly sql: Prepare;

  constructor(readonly db: Database) {
    this.sql = statementCache(db);
  }

  state(projectId: string): StateRow | null {
    const r = this.sql('SELECT revision, base_gap_ms AS baseGapMs, quick_gap_ms AS quickGapMs, continue_gap_ms AS continueGapMs, ripple, cut_in_ms AS cutInMs, over_percent AS overPercent, question_gap_ms AS questionGapMs, topic_gap_ms AS topicGapMs FROM timeline_state WHERE project_id = ?').get(projectId) as (Omit<StateRow, 'ripple'> & { ripple: number }) | undefined;
    return r ? { ...r, ripple: r.ripple === 1 } : null;
  }

  createState(projectId: string, s: Omit<StateRow, 'revision'>, revision = 0): void {
    this.sql('INSERT INTO timeline_state (project_id, revision, base_gap_ms, quick_gap_ms, continue_gap_ms, ripple, cut_in_ms, over_percent, question_gap_ms, topic_gap_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(projectId, revision, s.baseGapMs, s.quickGapMs, s.continueGapMs, s.ripple ? 1 : 0, s.cutInMs, s.overPercent, s.questionGapMs, s.topicGapMs);
  }

  setGaps(projectId: string, g: GapSettings): void {
    this.sql('UPDATE timeline_state SET base_gap_ms = ?, quick_gap_ms = ?, continue_gap_ms = ?, cut_in_ms = ?, over_percent = ?, question_gap_ms = ?, topic_gap_ms = ? WHERE project_id = ?').run(g.baseGapMs, g.quickGapMs, g.continueGapMs, g.cutInMs, g.overPercent, g.questionGapMs, g.topicGapMs, projectId);
  }

  /** The master bus (gain over the whole mix, limiter on or off); defaults before the timeline exists. */
  master(projectId: string): MasterBus {
    const r = this.sql('SELECT master_gain_db AS gainDb, master_limiter AS limiter FROM timeline_state WHERE project_id = ?').get(projectId) as { gainDb: number; limiter: number } | undefined;
    return r ? { gainDb: r.gainDb, limiter: r.limiter === 1 } : { gainDb: 0, limiter: false };
  }

  setMaster(projectId: string, m: MasterBus): void {
    this.sql('UPDATE timeline_state SET master_gain_db = ?, master_limiter = ? WHERE project_id = ?').run(m.gainDb, m.limiter ? 1 : 0, projectId);
  }

  /** "Continue from the previous line" (timeline/context-lines.ts); off before the timeline exists. */
  contextMode(projectId: string): ContextMode {
    const r = this.sql('SELECT context_mode AS mode FROM timeline_state WHERE project_id = ?').get(projectId) as { mode: ContextMode } | undefined;
    return r?.mode ?? 'off';
  }

  setContextMode(projectId: string, mode: ContextMode): void {
    this.sql('UPDATE timeline_state SET context_mode = ? WHERE project_id = ?').run(mode, projectId);
  }

  setRipple(projectId: string, on: boolean): void {
    this.sql('UPDATE timeline_state SET ripple = ? WHERE project_id = ?').run(on ? 1 : 0, projectId);
  }

  /** Refuses a stale revision (another window edited first) and returns the next one. */
  bumpRevision(projectId: string, expected: number): number {
    const s = this.state(projectId);
    if (!s) throw new KoeError('not_found', 'This project has no timeline yet; open it first.');
    if (s.revision !== expected) {
      throw new KoeError('conflict', `The timeline was changed in another window (it is at revision ${s.revision}, this editor had ${expected}). Reload it to see the latest version; your edit was not applied.`);
    }
    this.sql('UPDATE timeline_state SET revision = ? WHERE project_id = ?').run(expected + 1, projectId);
    return expected + 1;
  }

  /** One line with its speaker's voice, without reconciling the whole timeline (render workers). */
  lineWithVoice(projectId: string, lineId: number): LineWithVoice | null {
    return (this.sql(`SELECT l.id, l.speaker, l.text, l.speed, l.style, l.position, s.voice_id AS voiceId, p.revision AS projectRevision FROM lines l JOIN projects p ON p.id = l.project_id LEFT JOIN speakers s ON s.project_id = l.project_id AND s.name = l.speaker WHERE l.id = ? AND l.project_id = ?`).get(lineId, projectId) as LineWithVoice | undefined) ?? null;
  }

  clips(projectId: string): Map<number, ClipRow> {
    const rows = this.sql(`SELECT line_id AS lineId, start_sample AS startSample, manual, gain_db AS gainDb, fade_in AS fadeIn, fade_out AS fadeOut, trim_start AS trimStart, trim_end AS trimEnd FROM timeline_clips WHERE project_id = ?`).all(projectId) as (Omit<ClipRow, 'manual'> & { manual: number })[];
    return new Map(rows.map((r) => [r.lineId, { ...r, manual: r.manual === 1 }]));
  }

  clip(projectId: string, lineId: number): ClipRow | null {
    const r = this.sql(`SELECT line_id AS lineId, start_sample AS startSample, manual, gain_db AS gainDb, fade_in AS fadeIn, fade_out AS fadeOut, trim_start AS trimStart, trim_end AS trimEnd FROM timeline_clips WHERE line_id = ? AND project_id = ?`).get(lineId, projectId) as (Omit<ClipRow, 'manual'> & { manual: number }) | undefined;
    return r ? { ...r, manual: r.manual === 1 } : null;
  }

  putClip(projectId: string, c: ClipRow): void {
    this.sql(`
      INSERT INTO timeline_clips (line_id, project_id, start_sample, manual, gain_db, fade_in, fade_out, trim_start, trim_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (line_id) DO UPDATE SET start_sample = excluded.start_sample, manual = excluded.manual, gain_db = excluded.gain_db,
        fade_in = excluded.fade_in, fade_out = excluded.fade_out, trim_start = excluded.trim_start, trim_end = excluded.trim_end`)
      .run(c.lineId, projectId, c.startSample, c.manual ? 1 : 0, c.gainDb, c.fadeIn, c.fadeOut, c.trimStart, c.trimEnd);
  }

  /** A line's own timing settings (not the script's: text, speaker and [pause] come from there). */
  lineTiming(projectId: string, lineId: number): { speed: number | null; pauseAfterMs: number } | null {
    return (this.sql('SELECT speed, pause_after_ms AS pauseAfterMs FROM lines WHERE id = ? AND project_id = ?').get(lineId, projectId) as { speed: number | null; pauseAfterMs: number } | undefined) ?? null;
  }

  setLineTiming(lineId: number, t: { speed: number | null; pauseAfterMs: number }): void {
    this.sql('UPDATE lines SET speed = ?, pause_after_ms = ? WHERE id = ?').run(t.speed, t.pauseAfterMs, lineId);
  }

  /** The line's own style pick (null: its directions choose); undefined when the line is not in the project. */
  lineStyle(projectId: string, lineId: number): string | null | undefined {
    const r = this.sql('SELECT style FROM lines WHERE id = ? AND project_id = ?').get(lineId, projectId) as { style: string | null } | undefined;
    return r ? r.style : undefined;
  }

  setLineStyle(lineId: number, style: string | null): void {
    this.sql('UPDATE lines SET style = ? WHERE id = ?').run(style, lineId);
  }

  setClipStart(lineId: number, startSample: number): void {
    this.sql('UPDATE timeline_clips SET start_sample = ? WHERE line_id = ?').run(startSample, lineId);
  }

  /** Every take of the project's lines, without audio. */
  takes(projectId: string): TakeRow[] {
    return (this.sql(`SELECT ${TAKE_COLUMNS} FROM takes WHERE line_id IN (SELECT id FROM lines WHERE project_id = ?) ORDER BY id DESC`).all(projectId) as RawTake[]).map(take);
  }

  takesOf(lineId: number): TakeRow[] {
    return (this.sql(`SELECT ${TAKE_COLUMNS} FROM takes WHERE line_id = ? ORDER BY id DESC`).all(lineId) as RawTake[]).map(take);
  }

  /** A take's length in samples when its audio is stored whole, without reading the audio; null otherwise. */
  takeSamples(takeId: number): number | null {
    const r = this.sql('SELECT samples, length(pcm) AS bytes FROM takes WHERE id = ?').get(takeId) as { samples: number; bytes: number | null } | undefined;
    return r && r.bytes !== null && r.bytes === r.samples * 4 ? r.samples : null;
  }

  takePcm(takeId: number): Float32Array | null {
    const r = this.sql('SELECT samples, pcm FROM takes WHERE id = ?').get(takeId) as { samples: number; pcm: Buffer | null } | undefined;
    if (!r?.pcm || r.pcm.byteLength !== r.samples * 4) return null;
    // The blob arrives in a buffer of its own: viewing it saves a copy of every take on every pass
    // of an export. A misaligned one (not seen, but allowed) is copied.
    if (r.pcm.byteOffset % 4 === 0) return new Float32Array(r.pcm.buffer, r.pcm.byteOffset, r.samples);
    const pcm = new Float32Array(r.samples);
    new Uint8Array(pcm.buffer).set(r.pcm);
    return pcm;
  }

  /** Stores a take and makes it the line's selected one. */
  addTake(t: NewTake): number {
    this.sql('UPDATE takes SET selected = 0 WHERE line_id = ? AND selected = 1').run(t.lineId);
    const pcm = Buffer.from(t.pcm.buffer, t.pcm.byteOffset, t.pcm.byteLength);
    const r = this.sql(`INSERT INTO takes (line_id, created_at, selected, voice_id, audio_key, duration_ms, engine, params, text_hash, samples, pcm) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(t.lineId, t.createdAt ?? isoNow(), t.voiceId, t.audioKey, Math.round((t.pcm.length / 24_000) * 1000), t.engine, JSON.stringify({ speed: t.params.speed, pitch: t.params.pitch, ...(t.params.lex ? { lex: t.params.lex } : {}), ...(t.params.direction ? { direction: t.params.direction } : {}), ...(t.params.directionEffects ? { directionEffects: t.params.directionEffects } : {}), ...(t.params.context ? { context: t.params.context } : {}), ...(t.params.style ? { style: t.params.style } : {}) }), t.textHash, t.pcm.length, pcm);
    return Number(r.lastInsertRowid);
  }

  /** Throws if the take is not one of the line's. */
  selectTake(lineId: number, takeId: number): void {
    const owner = this.sql('SELECT line_id FROM takes WHERE id = ?').pluck().get(takeId) as number | undefined;
    if (owner !== lineId) throw new KoeError('not_found', `Take ${takeId} is not a take of this line; it may have been removed with an edit to the script.`);
    this.sql('UPDATE takes SET selected = 0 WHERE line_id = ? AND selected = 1').run(lineId);
    this.sql('UPDATE takes SET selected = 1 WHERE id = ?').run(takeId);
  }

  tracks(projectId: string): Map<string, { mute: boolean; solo: boolean }> {
    const rows = this.sql('SELECT speaker, mute, solo FROM timeline_tracks WHERE project_id = ?').all(projectId) as { speaker: string; mute: number; solo: number }[];
    return new Map(rows.map((r) => [r.speaker, { mute: r.mute === 1, solo: r.solo === 1 }]));
  }

  setTrackFlag(projectId: string, speaker: string, flag: 'mute' | 'solo', on: boolean): void {
    this.sql(`INSERT INTO timeline_tracks (project_id, speaker, ${flag}) VALUES (?, ?, ?) ON CONFLICT (project_id, speaker) DO UPDATE SET ${flag} = excluded.${flag}`).run(projectId, speaker, on ? 1 : 0);
  }

  /** Speaker gain and pan stay in `speakers`, where the script editor's cast also reads them. */
  speakerMix(projectId: string, speaker: string): { gainDb: number; pan: number } {
    const r = this.sql('SELECT gain_db AS gainDb, pan FROM speakers WHERE project_id = ? AND name = ?').get(projectId, speaker) as { gainDb: number; pan: number } | undefined;
    if (!r) throw new KoeError('not_found', `There is no speaker "${speaker}" in this project.`);
    return r;
  }

  setSpeakerMix(projectId: string, speaker: string, m: { gainDb: number; pan: number }): void {
    this.sql('UPDATE speakers SET gain_db = ?, pan = ? WHERE project_id = ? AND name = ?').run(m.gainDb, m.pan, projectId, speaker);
  }

  markers(projectId: string): { id: number; atMs: number; label: string }[] {
    return this.sql('SELECT id, at_ms AS atMs, label FROM markers WHERE project_id = ? ORDER BY at_ms, id').all(projectId) as { id: number; atMs: number; label: string }[];
  }

  marker(id: number): { id: number; projectId: string; atMs: number; label: string } | null {
    return (this.sql('SELECT id, project_id AS projectId, at_ms AS atMs, label FROM markers WHERE id = ?').get(id) as { id: number; projectId: string; atMs: number; label: string } | undefined) ?? null;
  }

  addMarker(projectId: string, atMs: number, label: string, id?: number): number {
    if (id !== undefined) {
      this.sql('INSERT INTO markers (id, project_id, at_ms, label) VALUES (?, ?, ?, ?)').run(id, projectId, atMs, label);
      return id;
    }
    return Number(this.sql('INSERT INTO markers (project_id, at_ms, label) VALUES (?, ?, ?)').run(projectId, atMs, label).lastInsertRowid);
  }

  removeMarker(id: number): void {
    this.sql('DELETE FROM markers WHERE id = ?').run(id);
  }

  /**
   * Records a new step and returns its id: the redo branch is dropped (a trashed line's undone steps
   * with it) and the oldest steps beyond the limit go.
   */
  pushHistory(projectId: string, lineId: number | null, forward: TimelineOp, inverse: TimelineOp): number {
    this.sql('DELETE FROM timeline_history WHERE project_id = ? AND undone = 1').run(projectId);
    const id = Number(this.sql('INSERT INTO timeline_history (project_id, line_id, forward, inverse) VALUES (?, ?, ?, ?)').run(projectId, lineId, JSON.stringify(forward), JSON.stringify(inverse)).lastInsertRowid);
    this.sql(`DELETE FROM timeline_history WHERE project_id = ? AND id <= (SELECT id FROM timeline_history WHERE project_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`).run(projectId, projectId, HISTORY_LIMIT);
    return id;
  }

  /**
   * The step an undo reverts (latest done) or a redo repeats (earliest undone). Steps of a line in
   * the trash (migration 015) wait there, skipped, until the line comes back.
   */
  historyStep(projectId: string, which: 'undo' | 'redo'): HistoryStep | null {
    const r = this.sql(which === 'undo'
      ? 'SELECT id, forward, inverse FROM timeline_history WHERE project_id = ? AND undone = 0 AND trash_id IS NULL ORDER BY id DESC LIMIT 1'
      : 'SELECT id, forward, inverse FROM timeline_history WHERE project_id = ? AND undone = 1 AND trash_id IS NULL ORDER BY id ASC LIMIT 1').get(projectId) as { id: number; forward: string; inverse: string } | undefined;
    return r ? { id: r.id, forward: JSON.parse(r.forward) as TimelineOp, inverse: JSON.parse(r.inverse) as TimelineOp } : null;
  }

  markHistory(id: number, undone: boolean): void {
    this.sql('UPDATE timeline_history SET undone = ? WHERE id = ?').run(undone ? 1 : 0, id);
  }

  historyCount(projectId: string): number {
    return this.sql('SELECT count(*) FROM timeline_history WHERE project_id = ?').pluck().get(projectId) as number;
  }
}
