// The voices the user can pick: engines' built-in voices (refreshed at every start) and, later,
// presets, blends and clones the user made. System voices are replaced per engine so a voice an
// engine no longer offers disappears, while the user's own voices are never touched by a refresh.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { Gender, type Voice, VoiceKind } from '../contract/schemas';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

export interface VoiceFilter {
  /** Words that must each appear in the name, id, language, language name or a tag (any case). */
  query?: string | undefined;
  /** Language tag or its prefix by subtags: `en` matches `en`, `en-us`, `en-gb-x-rp`, not `eo`. */
  language?: string | undefined;
  gender?: Voice['gender'] | undefined;
}

interface VoiceRow {
  id: string;
  name: string;
  engine: string;
  kind: string;
  language: string;
  language_name: string;
  gender: string;
  tags: string;
  grade: string | null;
  available: number;
  unavailable_reason: string | null;
}

const COLUMNS = 'id, name, engine, kind, language, language_name, gender, tags, grade, available, unavailable_reason';
// The user's own voices first: they are what someone who made them is looking for.
const ORDER = `ORDER BY CASE kind WHEN 'clone' THEN 0 WHEN 'blend' THEN 1 WHEN 'preset' THEN 2 ELSE 3 END, language, name COLLATE NOCASE, id`;

export class VoicesRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /**
   * Replaces the built-in voices of `engine` with `voices` in one transaction. Ids of other kinds
   * are left alone even if an engine reports the same id. The one-argument form groups by each
   * voice's engine (and so cannot empty an engine's set).
   */
  upsertSystemVoices(engine: string, voices: readonly Voice[]): void;
  upsertSystemVoices(voices: readonly Voice[]): void;
  upsertSystemVoices(a: string | readonly Voice[], b?: readonly Voice[]): void {
    const groups = new Map<string, Voice[]>();
    if (typeof a === 'string') groups.set(a, [...(b ?? [])]);
    else for (const v of a) groups.set(v.engine, [...(groups.get(v.engine) ?? []), v]);
    const upsert = this.sql(`
      INSERT INTO voices (id, kind, engine, name, language, language_name, gender, tags, grade, available, unavailable_reason, created_at, updated_at)
      VALUES (@id, 'system', @engine, @name, @language, @languageName, @gender, @tags, @grade, @available, @unavailableReason, @now, @now)
      ON CONFLICT (id) DO UPDATE SET
        engine = excluded.engine, name = excluded.name, language = excluded.language, language_name = excluded.language_name,
        gender = excluded.gender, tags = excluded.tags, grade = excluded.grade, available = excluded.available,
        unavailable_reason = excluded.unavailable_reason, updated_at = excluded.updated_at
      WHERE voices.kind = 'system'`);
    const existing = this.sql(`SELECT id FROM voices WHERE kind = 'system' AND engine = ?`).pluck();
    const remove = this.sql(`DELETE FROM voices WHERE kind = 'system' AND id = ?`);
    this.db.transaction(() => {
      const now = isoNow();
      for (const [engine, list] of groups) {
        const keep = new Set<string>();
        for (const v of list) {
          upsert.run({
            id: v.id,
            engine,
            name: v.name,
            language: v.language,
            languageName: v.languageName,
            gender: Gender.safeParse(v.gender).success ? v.gender : 'unknown',
            tags: JSON.stringify(v.tags ?? []),
            grade: v.grade ?? null,
            available: v.available === false ? 0 : 1,
            unavailableReason: v.unavailableReason ?? null,
            now,
          });
          keep.add(v.id);
        }
        for (const id of existing.all(engine) as string[]) if (!keep.has(id)) remove.run(id);
      }
    })();
  }

  listVoices(filter: VoiceFilter = {}): Voice[] {
    const where: string[] = [];
    const params: string[] = [];
    const language = filter.language?.trim().toLowerCase().replace(/_/g, '-');
    if (language) {
      where.push(`(lower(language) = ? OR lower(language) LIKE ? ESCAPE '\\')`);
      params.push(language, `${language.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`);
    }
    if (filter.gender) {
      where.push('gender = ?');
      params.push(filter.gender);
    }
    const sql = `SELECT ${COLUMNS} FROM voices ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`;
    const voices = (this.sql(sql).all(...params) as VoiceRow[]).map(toVoice);
    // Case-insensitive matching in JS: SQLite's lower() and LIKE only fold ASCII, and voice names
    // and language names are often not ASCII ("Français", "Ελληνικά").
    const words = (filter.query ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return voices;
    return voices.filter((v) => {
      const hay = [v.name, v.id, v.language, v.languageName, ...v.tags].map((s) => s.toLocaleLowerCase());
      return words.every((w) => hay.some((h) => h.includes(w)));
    });
  }

  /** Whether an engine's own voices are listed (a start that need not list them again can skip loading it). */
  hasSystemVoices(engine: string): boolean {
    return this.sql(`SELECT 1 FROM voices WHERE kind = 'system' AND engine = ? LIMIT 1`).get(engine) !== undefined;
  }

  getVoice(id: string): Voice | null {
    const row = this.sql(`SELECT ${COLUMNS} FROM voices WHERE id = ?`).get(id) as VoiceRow | undefined;
    return row ? toVoice(row) : null;
  }

  /** Adds (or replaces) a voice the user made: a blend, preset or clone. Never touches system voices. */
  putUserVoice(v: Voice): Voice {
    if (v.kind === 'system') throw new KoeError('invalid_args', 'Built-in voices are listed by their engine, not saved by hand.');
    const existing = this.getVoice(v.id);
    if (existing?.kind === 'system') throw new KoeError('conflict', `"${v.id}" is a built-in voice's id; choose another name.`);
    const now = isoNow();
    this.sql(`
      INSERT INTO voices (id, kind, engine, name, language, language_name, gender, tags, grade, available, unavailable_reason, created_at, updated_at)
      VALUES (@id, @kind, @engine, @name, @language, @languageName, @gender, @tags, @grade, @available, @unavailableReason, @now, @now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, language = excluded.language, language_name = excluded.language_name,
        gender = excluded.gender, tags = excluded.tags, grade = excluded.grade, available = excluded.available,
        unavailable_reason = excluded.unavailable_reason, updated_at = excluded.updated_at
      WHERE voices.kind <> 'system'`).run({
      id: v.id,
      kind: v.kind,
      engine: v.engine,
      name: v.name,
      language: v.language,
      languageName: v.languageName,
      gender: v.gender,
      tags: JSON.stringify(v.tags),
      grade: v.grade,
      available: v.available ? 1 : 0,
      unavailableReason: v.unavailableReason,
      now,
    });
    return this.getVoice(v.id)!;
  }

  /** Deletes a user-made voice; built-in voices come from their engine and cannot be deleted. */
  deleteVoice(id: string): boolean {
    const voice = this.getVoice(id);
    if (voice?.kind === 'system') throw new KoeError('unsupported', `${voice.name} is built into its engine and cannot be deleted.`);
    return this.sql(`DELETE FROM voices WHERE id = ? AND kind <> 'system'`).run(id).changes > 0;
  }
}

function toVoice(r: VoiceRow): Voice {
  return {
    id: r.id,
    name: r.name,
    engine: r.engine,
    kind: VoiceKind.safeParse(r.kind).success ? (r.kind as Voice['kind']) : 'system',
    language: r.language,
    languageName: r.language_name,
    gender: Gender.safeParse(r.gender).success ? (r.gender as Voice['gender']) : 'unknown',
    tags: parseTags(r.tags),
    grade: r.grade,
    available: r.available === 1,
    unavailableReason: r.unavailable_reason,
  };
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
