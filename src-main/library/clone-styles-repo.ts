// The styles of cloned voices (migration 013). A clone's own reference is its default style, named in
// voice_clones.default_style; every further style is a voice_clone_styles row with its conditioning,
// reference, checks and consent. Names are unique per voice whatever their case ("Whisper" and
// "whisper" are one style), as directions match them case-insensitively.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { isoNow } from './clock';
import { statementCache, type Prepare } from './statements';

export interface StyleConsent {
  who: string;
  statement: string;
  acceptedAt: string;
}

export interface NewStyle {
  voiceId: string;
  name: string;
  condId: string;
  encoderVersion: string;
  cond: { data: Float32Array; rows: number; dim: number };
  reference: { pcm: Float32Array; sampleRate: number; sha256: string };
  source: string;
  qualityReport: unknown;
  consent: StyleConsent;
}

export interface StyleRow {
  voiceId: string;
  name: string;
  condId: string;
  encoderVersion: string;
  condRows: number;
  condDim: number;
  referenceSampleRate: number;
  referenceSamples: number;
  source: string;
  qualityReport: unknown;
  consent: StyleConsent;
  encodedAt: string;
  createdAt: string;
}

/** What speech needs to pick a style: the default's name and each other style's conditioning. */
export interface VoiceStyles {
  defaultName: string;
  styles: { name: string; condId: string; encodedAt: string }[];
}

interface Raw {
  voice_id: string;
  name: string;
  cond_id: string;
  encoder_version: string;
  cond_rows: number;
  cond_dim: number;
  reference_sample_rate: number;
  reference_samples: number;
  source: string;
  quality_report: string;
  consent: string;
  encoded_at: string;
  created_at: string;
}

const COLUMNS = 'voice_id, name, cond_id, encoder_version, cond_rows, cond_dim, reference_sample_rate, reference_samples, source, quality_report, consent, encoded_at, created_at';

const blob = (a: Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

function toRow(r: Raw): StyleRow {
  return {
    voiceId: r.voice_id,
    name: r.name,
    condId: r.cond_id,
    encoderVersion: r.encoder_version,
    condRows: r.cond_rows,
    condDim: r.cond_dim,
    referenceSampleRate: r.reference_sample_rate,
    referenceSamples: r.reference_samples,
    source: r.source,
    qualityReport: parseJson<unknown>(r.quality_report, null),
    consent: parseJson<StyleConsent>(r.consent, { who: '', statement: '', acceptedAt: '' }),
    encodedAt: r.encoded_at,
    createdAt: r.created_at,
  };
}

function floats(b: Buffer | null | undefined, expected: number, what: string): Float32Array {
  if (!b || b.byteLength !== expected * 4) throw new KoeError('io', `The library's copy of this style's ${what} is damaged (${b?.byteLength ?? 0} bytes, ${expected * 4} expected).`);
  const out = new Float32Array(expected);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export class CloneStylesRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  /** The default style's name of a cloned voice; null for any other voice. */
  defaultName(voiceId: string): string | null {
    return (this.sql('SELECT default_style FROM voice_clones WHERE voice_id = ?').pluck().get(voiceId) as string | undefined) ?? null;
  }

  setDefaultName(voiceId: string, name: string): void {
    this.sql('UPDATE voice_clones SET default_style = ? WHERE voice_id = ?').run(name, voiceId);
  }

  /** A voice's added styles, oldest first. */
  list(voiceId: string): StyleRow[] {
    return (this.sql(`SELECT ${COLUMNS} FROM voice_clone_styles WHERE voice_id = ? ORDER BY created_at, rowid`).all(voiceId) as Raw[]).map(toRow);
  }

  /** By name, whatever its case. */
  get(voiceId: string, name: string): StyleRow | null {
    const r = this.sql(`SELECT ${COLUMNS} FROM voice_clone_styles WHERE voice_id = ? AND name = ? COLLATE NOCASE`).get(voiceId, name) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  byCondId(condId: string): StyleRow | null {
    const r = this.sql(`SELECT ${COLUMNS} FROM voice_clone_styles WHERE cond_id = ?`).get(condId) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  /** Every style's conditioning id, for sweeping files the library no longer knows. */
  allCondIds(): string[] {
    return this.sql('SELECT cond_id FROM voice_clone_styles').pluck().all() as string[];
  }

  /** What speech reads on every directed line of a clone: one small query, no audio. */
  forSpeech(voiceId: string): VoiceStyles | null {
    const defaultName = this.defaultName(voiceId);
    if (defaultName === null) return null;
    const styles = this.sql('SELECT name, cond_id AS condId, encoded_at AS encodedAt FROM voice_clone_styles WHERE voice_id = ? ORDER BY created_at, rowid').all(voiceId) as VoiceStyles['styles'];
    return { defaultName, styles };
  }

  insert(s: NewStyle): void {
    const now = isoNow();
    this.sql(`
      INSERT INTO voice_clone_styles (voice_id, name, cond_id, encoder_version, cond_rows, cond_dim, cond, reference_audio, reference_sample_rate, reference_samples, reference_sha256, source, quality_report, consent, encoded_at, created_at)
      VALUES (@voiceId, @name, @condId, @encoderVersion, @rows, @dim, @cond, @reference, @rate, @samples, @sha, @source, @report, @consent, @now, @now)`).run({
      voiceId: s.voiceId,
      name: s.name,
      condId: s.condId,
      encoderVersion: s.encoderVersion,
      rows: s.cond.rows,
      dim: s.cond.dim,
      cond: blob(s.cond.data),
      reference: blob(s.reference.pcm),
      rate: s.reference.sampleRate,
      samples: s.reference.pcm.length,
      sha: s.reference.sha256,
      source: s.source,
      report: JSON.stringify(s.qualityReport ?? null),
      consent: JSON.stringify(s.consent),
      now,
    });
  }

  conditioning(condId: string): Float32Array {
    const r = this.sql('SELECT cond, cond_rows * cond_dim AS n FROM voice_clone_styles WHERE cond_id = ?').get(condId) as { cond: Buffer; n: number } | undefined;
    if (!r) throw new KoeError('not_found', 'That style no longer exists.');
    return floats(r.cond, r.n, 'conditioning');
  }

  referenceAudio(condId: string): Float32Array {
    const r = this.sql('SELECT reference_audio AS a, reference_samples AS n FROM voice_clone_styles WHERE cond_id = ?').get(condId) as { a: Buffer; n: number } | undefined;
    if (!r) throw new KoeError('not_found', 'That style no longer exists.');
    return floats(r.a, r.n, 'reference audio');
  }

  /**
   * Renames an added style, and the lines that name it by hand whose speaker speaks with this voice,
   * so a rename never leaves the studio's picks pointing at nothing.
   */
  rename(voiceId: string, from: string, to: string): void {
    this.db.transaction(() => {
      this.sql('UPDATE voice_clone_styles SET name = ? WHERE voice_id = ? AND name = ? COLLATE NOCASE').run(to, voiceId, from);
      this.renameLinePicks(voiceId, from, to);
    }).immediate();
  }

  renameDefault(voiceId: string, from: string, to: string): void {
    this.db.transaction(() => {
      this.setDefaultName(voiceId, to);
      this.renameLinePicks(voiceId, from, to);
    }).immediate();
  }

  /** Deletes an added style; returns its conditioning id, or null when there was none by that name. */
  delete(voiceId: string, name: string): string | null {
    const row = this.get(voiceId, name);
    if (!row) return null;
    this.sql('DELETE FROM voice_clone_styles WHERE cond_id = ?').run(row.condId);
    return row.condId;
  }

  updateEncoding(condId: string, cond: { data: Float32Array; rows: number; dim: number }, encoderVersion: string): void {
    this.sql('UPDATE voice_clone_styles SET cond = ?, cond_rows = ?, cond_dim = ?, encoder_version = ?, encoded_at = ? WHERE cond_id = ?').run(blob(cond.data), cond.rows, cond.dim, encoderVersion, isoNow(), condId);
  }

  private renameLinePicks(voiceId: string, from: string, to: string): void {
    this.sql(`
      UPDATE lines SET style = @to
      WHERE style = @from COLLATE NOCASE
        AND EXISTS (SELECT 1 FROM speakers s WHERE s.project_id = lines.project_id AND s.name = lines.speaker AND s.voice_id = @voiceId)`).run({ to, from, voiceId });
  }
}
