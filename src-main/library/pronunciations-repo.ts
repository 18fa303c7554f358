// The user's pronunciation dictionaries: a global one and one per project. An entry says how one
// word is spoken, either as phonemes (Kokoro's symbols) or as a respelling in plain letters ("Koh-eh"
// for "Koe"). Speech asks for the dictionaries that apply to a line, most specific first: the
// project's entries win over global ones, which win over the built-in lexicons.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import type { LexiconEntry } from '../text/lexicon-entry';
import type { Pronunciation, PronunciationInput } from '../contract/schemas';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

interface Row {
  id: number;
  scope: string;
  language: string;
  word: string;
  phonemes: string | null;
  respelling: string | null;
  created_at: string;
  updated_at: string;
}


export const GLOBAL_SCOPE = 'global';
const COLUMNS = 'id, scope, language, word, phonemes, respelling, created_at, updated_at';

function toEntry(r: Row): Pronunciation {
  return {
    id: r.id,
    scope: r.scope === GLOBAL_SCOPE ? 'global' : 'project',
    projectId: r.scope === GLOBAL_SCOPE ? null : r.scope,
    language: r.language,
    word: r.word,
    phonemes: r.phonemes,
    respelling: r.respelling,
    updatedAt: r.updated_at,
  };
}

/** `en` applies to every English voice; `en-gb` only to British ones. */
function languageApplies(entryLanguage: string, voiceLanguage: string): boolean {
  const v = voiceLanguage.toLowerCase();
  return v === entryLanguage || v.startsWith(`${entryLanguage}-`);
}

export class PronunciationsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /** Global entries plus, when given, that project's; words in alphabetical order. */
  list(projectId?: string | null): Pronunciation[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM pronunciations WHERE scope = ? OR scope = ? ORDER BY word COLLATE NOCASE, language, scope`).all(
      GLOBAL_SCOPE,
      projectId ?? GLOBAL_SCOPE,
    ) as Row[];
    return rows.map(toEntry);
  }

  /**
   * Adds or replaces the entry for (scope, language, word). With `id`, edits that entry (and may
   * rename its word); a clash with another entry is refused rather than silently merged.
   */
  set(input: PronunciationInput): Pronunciation {
    const scope = input.scope === 'global' ? GLOBAL_SCOPE : input.projectId;
    if (!scope) throw new KoeError('invalid_args', 'A project pronunciation needs the project it belongs to.');
    if (scope !== GLOBAL_SCOPE && !this.sql('SELECT 1 FROM projects WHERE id = ?').get(scope)) {
      throw new KoeError('not_found', 'That project no longer exists, so its pronunciation cannot be saved.');
    }
    const phonemes = input.phonemes?.trim() || null;
    const respelling = input.respelling?.trim() || null;
    if (!phonemes && !respelling) throw new KoeError('invalid_args', `Say how "${input.word}" is pronounced: give phonemes or a respelling.`);
    const now = isoNow();
    const word = input.word.trim();
    const language = input.language.toLowerCase();
    return this.db.transaction((): Pronunciation => {
      const clash = this.sql('SELECT id FROM pronunciations WHERE scope = ? AND language = ? AND word = ?').get(scope, language, word) as { id: number } | undefined;
      if (input.id !== undefined) {
        if (clash && clash.id !== input.id) throw new KoeError('conflict', `"${word}" already has a pronunciation in this dictionary; edit that one instead.`);
        const changed = this.sql('UPDATE pronunciations SET scope = ?, language = ?, word = ?, phonemes = ?, respelling = ?, updated_at = ? WHERE id = ?').run(
          scope, language, word, phonemes, respelling, now, input.id,
        );
        if (changed.changes === 0) throw new KoeError('not_found', 'That pronunciation no longer exists.');
        return toEntry(this.sql(`SELECT ${COLUMNS} FROM pronunciations WHERE id = ?`).get(input.id) as Row);
      }
      const row = this.sql(`
        INSERT INTO pronunciations (scope, language, word, phonemes, respelling, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (scope, language, word) DO UPDATE SET phonemes = excluded.phonemes, respelling = excluded.respelling, updated_at = excluded.updated_at
        RETURNING ${COLUMNS}`).get(scope, language, word, phonemes, respelling, now, now) as Row;
      return toEntry(row);
    })();
  }

  /**
   * Adds or replaces many entries of one dictionary at once (a PLS import): all in one transaction,
   * so a failure leaves the dictionary as it was. Entries must already be checked.
   */
  importMany(scope: 'global' | 'project', projectId: string | null, language: string, entries: readonly LexiconEntry[]): { added: number; replaced: number } {
    const key = scope === 'global' ? GLOBAL_SCOPE : projectId;
    if (!key) throw new KoeError('invalid_args', 'A project pronunciation needs the project it belongs to.');
    if (key !== GLOBAL_SCOPE && !this.sql('SELECT 1 FROM projects WHERE id = ?').get(key)) throw new KoeError('not_found', 'That project no longer exists, so nothing was imported.');
    const lang = language.toLowerCase();
    const now = isoNow();
    const exists = this.sql('SELECT 1 FROM pronunciations WHERE scope = ? AND language = ? AND word = ?');
    const upsert = this.sql(`
      INSERT INTO pronunciations (scope, language, word, phonemes, respelling, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (scope, language, word) DO UPDATE SET phonemes = excluded.phonemes, respelling = excluded.respelling, updated_at = excluded.updated_at`);
    return this.db.transaction(() => {
      let added = 0;
      let replaced = 0;
      for (const e of entries) {
        if (exists.get(key, lang, e.word)) replaced++;
        else added++;
        upsert.run(key, lang, e.word, e.phonemes ?? null, e.phonemes ? null : (e.respelling ?? null), now, now);
      }
      return { added, replaced };
    })();
  }

  delete(id: number): boolean {
    return this.sql('DELETE FROM pronunciations WHERE id = ?').run(id).changes > 0;
  }

  /** The dictionaries for a voice's language, highest priority first: project, then global. */
  forSpeech(projectId: string | null, voiceLanguage: string): LexiconEntry[][] {
    const all = this.list(projectId).filter((p) => languageApplies(p.language, voiceLanguage));
    const strip = (p: Pronunciation): LexiconEntry => ({ word: p.word, ...(p.phonemes ? { phonemes: p.phonemes } : {}), ...(p.respelling ? { respelling: p.respelling } : {}) });
    const project = all.filter((p) => p.scope === 'project').map(strip);
    const global = all.filter((p) => p.scope === 'global').map(strip);
    return [project, global].filter((d) => d.length > 0);
  }
}
