// Cloned voices in the library: the `voices` row (name, tags, conditioning, reference audio,
// consent) and its `voice_clones` row (what made it), always written, changed and deleted together
// in one transaction. Deleting a clone deletes its reference audio (it lives in the same row) and
// the rendered audio cached under its id; re-encoding replaces the conditioning and drops that
// cached audio too, so nothing rendered with the old conditioning is ever served again.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import type { Voice } from '../contract/schemas';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

export interface CloneConsent {
  who: string;
  statement: string;
  acceptedAt: string;
}

/** What a clone is, both as it is stored and as it is read back. */
interface CloneIdentity {
  voiceId: string;
  cloneId: string;
  name: string;
  engine: string;
  language: string;
  languageName: string;
  tags: string[];
  modelLanguage: string;
  encoderVersion: string;
}

export interface NewClone extends CloneIdentity {
  cond: { data: Float32Array; rows: number; dim: number };
  reference: { pcm: Float32Array; sampleRate: number; sha256: string };
  consent: CloneConsent;
  source: string;
  qualityReport: unknown;
  /** Kept on import, so the record says when the clone was first made. */
  createdAt?: string;
}

export interface CloneRow extends CloneIdentity {
  condRows: number;
  condDim: number;
  referenceSampleRate: number;
  referenceSamples: number;
  referenceSha256: string;
  source: string;
  qualityReport: unknown;
  consent: CloneConsent;
  available: boolean;
  unavailableReason: string | null;
  encodedAt: string;
  createdAt: string;
}

interface Row {
  voice_id: string;
  clone_id: string;
  name: string;
  engine: string;
  language: string;
  language_name: string;
  tags: string;
  model_language: string;
  encoder_version: string;
  cond_rows: number;
  cond_dim: number;
  reference_sample_rate: number;
  reference_samples: number;
  reference_sha256: string;
  source: string;
  quality_report: string;
  consent: string;
  available: number;
  unavailable_reason: string | null;
  encoded_at: string;
  created_at: string;
}

const SELECT = `
  SELECT c.voice_id, c.clone_id, v.name, c.engine, v.language, v.language_name, v.tags, c.model_language, c.encoder_version,
    c.cond_rows, c.cond_dim, c.reference_sample_rate, c.reference_samples, c.reference_sha256, c.source, c.quality_report,
    v.consent, v.available, v.unavailable_reason, c.encoded_at, c.created_at
  FROM voice_clones c JOIN voices v ON v.id = c.voice_id`;

const blob = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function floats(b: Buffer | null | undefined, expected: number, what: string): Float32Array {
  if (!b || b.byteLength !== expected * 4) throw new KoeError('io', `The library's copy of this clone's ${what} is damaged (${b?.byteLength ?? 0} bytes, ${expected * 4} expected).`);
  const out = new Float32Array(expected);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

function toRow(r: Row): CloneRow {
  return {
    voiceId: r.voice_id,
    cloneId: r.clone_id,
    name: r.name,
    engine: r.engine,
    language: r.language,
    languageName: r.language_name,
    tags: parseJson<unknown[]>(r.tags, []).filter((t): t is string => typeof t === 'string'),
    modelLanguage: r.model_language,
    encoderVersion: r.encoder_version,
    condRows: r.cond_rows,
    condDim: r.cond_dim,
    referenceSampleRate: r.reference_sample_rate,
    referenceSamples: r.reference_samples,
    referenceSha256: r.reference_sha256,
    source: r.source,
    qualityReport: parseJson<unknown>(r.quality_report, null),
    consent: parseJson<CloneConsent>(r.consent, { who: '', statement: '', acceptedAt: '' }),
    available: r.available === 1,
    unavailableReason: r.unavailable_reason,
    encodedAt: r.encoded_at,
    createdAt: r.created_at,
  };
}

export class ClonesRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /**
   * Stores a whole clone in one transaction. `beforeCommit` runs inside it after both rows are
   * written (the service writes nothing else there; tests throw from it to prove the rollback).
   */
  insert(c: NewClone, beforeCommit?: () => void): void {
    const now = isoNow();
    this.db.transaction(() => {
      this.sql(`
        INSERT INTO voices (id, kind, engine, name, language, language_name, gender, tags, grade, style, reference_audio, consent, available, unavailable_reason, created_at, updated_at)
        VALUES (@id, 'clone', @engine, @name, @language, @languageName, 'unknown', @tags, NULL, @style, @reference, @consent, 1, NULL, @createdAt, @now)`).run({
        id: c.voiceId,
        engine: c.engine,
        name: c.name,
        language: c.language,
        languageName: c.languageName,
        tags: JSON.stringify(c.tags),
        style: blob(c.cond.data),
        reference: blob(c.reference.pcm),
        consent: JSON.stringify(c.consent),
        createdAt: c.createdAt ?? now,
        now,
      });
      this.sql(`
        INSERT INTO voice_clones (voice_id, clone_id, engine, model_language, encoder_version, cond_rows, cond_dim, reference_sample_rate, reference_samples, reference_sha256, source, quality_report, encoded_at, created_at)
        VALUES (@voiceId, @cloneId, @engine, @modelLanguage, @encoderVersion, @rows, @dim, @rate, @samples, @sha, @source, @report, @now, @createdAt)`).run({
        voiceId: c.voiceId,
        cloneId: c.cloneId,
        engine: c.engine,
        modelLanguage: c.modelLanguage,
        encoderVersion: c.encoderVersion,
        rows: c.cond.rows,
        dim: c.cond.dim,
        rate: c.reference.sampleRate,
        samples: c.reference.pcm.length,
        sha: c.reference.sha256,
        source: c.source,
        report: JSON.stringify(c.qualityReport ?? null),
        now,
        createdAt: c.createdAt ?? now,
      });
      beforeCommit?.();
    }).immediate();
  }

  list(engine?: string): CloneRow[] {
    const rows = (engine ? this.sql(`${SELECT} WHERE c.engine = ? ORDER BY v.name COLLATE NOCASE, c.voice_id`).all(engine) : this.sql(`${SELECT} ORDER BY v.name COLLATE NOCASE, c.voice_id`).all()) as Row[];
    return rows.map(toRow);
  }

  get(voiceId: string): CloneRow | null {
    const r = this.sql(`${SELECT} WHERE c.voice_id = ?`).get(voiceId) as Row | undefined;
    return r ? toRow(r) : null;
  }

  /** Like get(), but a missing clone is an error that names the id. */
  require(voiceId: string): CloneRow {
    const c = this.get(voiceId);
    if (!c) throw new KoeError('not_found', `There is no cloned voice "${voiceId}". It may have been deleted.`);
    return c;
  }

  conditioning(voiceId: string): Float32Array {
    const c = this.require(voiceId);
    const b = this.sql(`SELECT style FROM voices WHERE id = ?`).pluck().get(voiceId) as Buffer | null;
    return floats(b, c.condRows * c.condDim, 'conditioning');
  }

  referenceAudio(voiceId: string): Float32Array {
    const c = this.require(voiceId);
    const b = this.sql(`SELECT reference_audio FROM voices WHERE id = ?`).pluck().get(voiceId) as Buffer | null;
    return floats(b, c.referenceSamples, 'reference audio');
  }

  rename(voiceId: string, name: string): void {
    this.require(voiceId);
    this.sql(`UPDATE voices SET name = ?, updated_at = ? WHERE id = ? AND kind = 'clone'`).run(name, isoNow(), voiceId);
  }

  setTags(voiceId: string, tags: readonly string[]): void {
    this.require(voiceId);
    this.sql(`UPDATE voices SET tags = ?, updated_at = ? WHERE id = ? AND kind = 'clone'`).run(JSON.stringify([...tags]), isoNow(), voiceId);
  }

  /** Replaces the conditioning (after a model update) and forgets audio rendered with the old one. */
  updateEncoding(voiceId: string, cond: { data: Float32Array; rows: number; dim: number }, encoderVersion: string): void {
    this.db.transaction(() => {
      this.require(voiceId);
      const now = isoNow();
      this.sql(`UPDATE voices SET style = ?, updated_at = ? WHERE id = ?`).run(blob(cond.data), now, voiceId);
      this.sql(`UPDATE voice_clones SET cond_rows = ?, cond_dim = ?, encoder_version = ?, encoded_at = ? WHERE voice_id = ?`).run(cond.rows, cond.dim, encoderVersion, now, voiceId);
      this.dropCachedAudio(voiceId);
    }).immediate();
  }

  /** Deletes the clone, its reference audio and its cached renders; false when it did not exist. */
  delete(voiceId: string): boolean {
    return this.db.transaction(() => {
      const gone = this.sql(`DELETE FROM voices WHERE id = ? AND kind = 'clone'`).run(voiceId).changes > 0;
      if (gone) this.dropCachedAudio(voiceId);
      return gone;
    }).immediate();
  }

  setAvailability(voiceId: string, available: boolean, reason: string | null): void {
    this.sql(`UPDATE voices SET available = ?, unavailable_reason = ? WHERE id = ? AND kind = 'clone' AND (available <> ? OR unavailable_reason IS NOT ?)`).run(available ? 1 : 0, reason, voiceId, available ? 1 : 0, reason);
  }

  voice(voiceId: string): Voice {
    const c = this.require(voiceId);
    return { id: c.voiceId, name: c.name, engine: c.engine, kind: 'clone', language: c.language, languageName: c.languageName, gender: 'unknown', tags: c.tags, grade: null, available: c.available, unavailableReason: c.unavailableReason };
  }

  /** Rendered audio of this voice, except what a selected take still plays (that belongs to a project). */
  private dropCachedAudio(voiceId: string): void {
    this.sql(`DELETE FROM audio_cache WHERE voice_id = ? AND NOT EXISTS (SELECT 1 FROM takes t WHERE t.audio_key = audio_cache.key AND t.selected = 1)`).run(voiceId);
  }
}
