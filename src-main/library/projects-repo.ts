// Projects: the script, its cast and the lines derived from it. A save is one transaction that
// first checks the revision the editor started from, so two windows (or the app and the CLI)
// editing the same project cannot silently overwrite each other: the later save is refused.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { ExportPrefs, MAX_SCRIPT_CHARS, type Project, type ProjectSummary, type Speaker } from '../contract/schemas';
import { parseScript } from '../script/parse';
import { applyScriptEdit, type ScriptEdit } from '../script/script-edit';
import { isoNow } from './clock';
import { syncLines, type DerivedLine } from './lines-sync';
import { mergeSpeakers } from './speakers';
import { statementCache, type Prepare } from './statements';

export interface SaveProjectInput {
  id: string;
  /** The revision the editor loaded; anything else means someone saved in between. */
  revision: number;
  name?: string | undefined;
  script?: string | undefined;
  /** Instead of `script`: one splice on the stored text, which must be at `revision`. */
  scriptEdit?: ScriptEdit | undefined;
  /** Replaces the cast; script speakers missing from it keep their stored settings. */
  speakers?: readonly unknown[] | undefined;
  /** Replaces the names marked "not a speaker"; the lines are derived again with them. */
  notSpeakers?: readonly string[] | undefined;
}

export interface StoredLine {
  id: number;
  position: number;
  speaker: string;
  text: string;
  speed: number | null;
  /** A cloned voice's style picked for the line by hand; null: its directions choose. */
  style: string | null;
  pauseBeforeMs: number;
  pauseAfterMs: number;
  sourceLine: number;
}

interface ProjectRow {
  id: string;
  name: string;
  script: string;
  not_speakers: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

interface Parsed {
  lines: DerivedLine[];
  speakers: string[];
}

export class ProjectsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  createProject(name: string, script = ''): Project {
    const cleanName = checkName(name);
    checkScript(script);
    const parsed = parse(script);
    const id = randomUUID();
    this.db.transaction(() => {
      const now = isoNow();
      this.sql('INSERT INTO projects (id, name, script, revision, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)').run(id, cleanName, script, now, now);
      this.writeSpeakers(id, mergeSpeakers([], parsed.speakers));
      syncLines(this.sql, id, parsed.lines);
    })();
    return this.getProject(id);
  }

  getProject(id: string): Project {
    const row = this.row(id);
    return {
      id: row.id,
      name: row.name,
      script: row.script,
      speakers: this.speakers(id),
      notSpeakers: readNotSpeakers(row.not_speakers),
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  listProjects(): ProjectSummary[] {
    const rows = this.sql(`
      SELECT p.id, p.name, p.updated_at AS updatedAt, (SELECT count(*) FROM lines l WHERE l.project_id = p.id) AS lineCount
      FROM projects p ORDER BY p.updated_at DESC, p.rowid DESC`).all() as ProjectSummary[];
    return rows;
  }

  saveProject(input: SaveProjectInput): { revision: number; updatedAt: string } {
    const name = input.name === undefined ? undefined : checkName(input.name);
    if (input.script !== undefined) checkScript(input.script);
    const notSpeakersNew = input.notSpeakers === undefined ? undefined : cleanNotSpeakers(input.notSpeakers);
    // Parse before taking the write lock: a megabyte script should not hold other writers up. The
    // rules read here are checked again inside; only a racing change of them parses twice.
    const before = this.row(input.id);
    if (input.scriptEdit !== undefined) input = { ...input, script: editedScript(before, input.revision, input.scriptEdit), scriptEdit: undefined };
    const earlyRules = notSpeakersNew === undefined ? before.not_speakers : JSON.stringify(notSpeakersNew);
    const early = input.script === undefined ? undefined : { rules: earlyRules, parsed: parse(input.script, readNotSpeakers(earlyRules)) };
    return this.db.transaction(() => {
      const row = this.row(input.id);
      if (row.revision !== input.revision) {
        throw new KoeError('conflict', `This project was changed in another window (it is at revision ${row.revision}, this editor had ${input.revision}). Reload it to see the latest version; your unsaved text was not written.`);
      }
      const scriptChanged = input.script !== undefined && input.script !== row.script;
      const notSpeakersJson = notSpeakersNew === undefined ? row.not_speakers : JSON.stringify(notSpeakersNew);
      const rulesChanged = notSpeakersJson !== row.not_speakers;
      const notSpeakers = readNotSpeakers(notSpeakersJson);
      const needed = scriptChanged || rulesChanged || input.speakers;
      const parsed = !needed ? undefined : early && early.rules === notSpeakersJson ? early.parsed : parse(input.script ?? row.script, notSpeakers);
      const revision = row.revision + 1;
      const updatedAt = isoNow();
      this.sql('UPDATE projects SET name = ?, script = ?, not_speakers = ?, revision = ?, updated_at = ? WHERE id = ?').run(name ?? row.name, input.script ?? row.script, notSpeakersJson, revision, updatedAt, row.id);
      if (parsed && (scriptChanged || rulesChanged || input.speakers)) {
        this.writeSpeakers(row.id, mergeSpeakers(this.speakers(row.id), parsed.speakers, input.speakers));
      }
      if (parsed && (scriptChanged || rulesChanged)) syncLines(this.sql, row.id, parsed.lines);
      return { revision, updatedAt };
    }).immediate();
  }

  /** What the export dialog last chose for this project; null when never exported or unreadable. */
  getExportPrefs(id: string): ExportPrefs | null {
    this.row(id);
    const raw = this.sql('SELECT export_prefs FROM projects WHERE id = ?').pluck().get(id) as string | null;
    if (!raw) return null;
    try {
      const r = ExportPrefs.safeParse(JSON.parse(raw));
      return r.success ? r.data : null;
    } catch {
      return null;
    }
  }

  /** Keeps the dialog's choices with the project; not a script change, so no revision or date moves. */
  setExportPrefs(id: string, prefs: ExportPrefs): void {
    this.row(id);
    this.sql('UPDATE projects SET export_prefs = ? WHERE id = ?').run(JSON.stringify(ExportPrefs.parse(prefs)), id);
  }

  deleteProject(id: string): boolean {
    return this.sql('DELETE FROM projects WHERE id = ?').run(id).changes > 0;
  }

  /** The lines derived from the script at the last save, in order; takes and clips hang off their ids. */
  listLines(projectId: string): StoredLine[] {
    this.row(projectId);
    return this.sql(`
      SELECT id, position, speaker, text, speed, style, pause_before_ms AS pauseBeforeMs, pause_after_ms AS pauseAfterMs, source_line AS sourceLine
      FROM lines WHERE project_id = ? ORDER BY position, id`).all(projectId) as StoredLine[];
  }

  private row(id: string): ProjectRow {
    const row = this.sql('SELECT id, name, script, not_speakers, revision, created_at, updated_at FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    if (!row) throw new KoeError('not_found', 'This project no longer exists; it may have been deleted in another window.');
    return row;
  }

  private speakers(projectId: string): Speaker[] {
    return this.sql('SELECT name, voice_id AS voiceId, color, gain_db AS gain, pan FROM speakers WHERE project_id = ? ORDER BY position').all(projectId) as Speaker[];
  }

  private writeSpeakers(projectId: string, speakers: readonly Speaker[]): void {
    this.sql('DELETE FROM speakers WHERE project_id = ?').run(projectId);
    const insert = this.sql('INSERT INTO speakers (project_id, name, voice_id, color, gain_db, pan, position) VALUES (?, ?, ?, ?, ?, ?, ?)');
    speakers.forEach((s, i) => insert.run(projectId, s.name, s.voiceId, s.color, s.gain, s.pan, i));
  }
}

function parse(script: string, notSpeakers: readonly string[] = []): Parsed {
  const r = parseScript(script, { notSpeakers });
  return { lines: r.lines.map((l) => ({ speaker: l.speaker, text: l.text, sourceLine: l.sourceLine, pauseBeforeMs: l.pauseBeforeMs })), speakers: r.speakers };
}

function readNotSpeakers(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** One spelling per name (case does not matter), trimmed, in the order given. */
function cleanNotSpeakers(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    if (name.length > 40) throw new KoeError('invalid_args', `"${name.slice(0, 40)}…" is too long to be a speaker's name (40 characters at most).`);
    seen.add(key);
    out.push(name);
  }
  return out;
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new KoeError('invalid_args', 'A project needs a name.', { name: 'a project needs a name' });
  if (clean.length > 200) throw new KoeError('invalid_args', 'Project names are limited to 200 characters.', { name: 'at most 200 characters' });
  return clean;
}

function editedScript(row: { revision: number; script: string }, revision: number, edit: ScriptEdit): string {
  // A stale revision is the transaction's conflict to report, with its message.
  if (row.revision !== revision) return row.script;
  const script = applyScriptEdit(row.script, edit);
  if (script === null) throw new KoeError('invalid_args', `The script edit (characters ${edit.from}–${edit.to} of ${row.script.length.toLocaleString('en')}) does not fit the saved script at revision ${revision}; nothing was saved. Send the whole script.`, { scriptEdit: 'does not fit the saved script' });
  checkScript(script);
  return script;
}

function checkScript(script: string): void {
  if (script.length > MAX_SCRIPT_CHARS) {
    throw new KoeError('too_large', `The script is ${script.length.toLocaleString('en')} characters; projects are limited to ${MAX_SCRIPT_CHARS.toLocaleString('en')}.`);
  }
}
