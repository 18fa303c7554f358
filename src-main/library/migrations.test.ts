import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from './db';
import { TimelineRepo } from './timeline-repo';
import { applyMigrations, assertMigrationOrder, schemaVersion } from './migrate';
import { KOE_APPLICATION_ID, LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { DEFAULT_EXPORT_PREFS } from '../contract/schemas';

const tables = (db: Db) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[]).filter((n) => !n.startsWith('sqlite_'));

/** Rows written with the schema as it was at each version; every migration must have one. */
const SEEDS: Record<number, (db: Db) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO projects (id, name, script, revision, created_at, updated_at) VALUES ('p1', 'Old', 'Ana: hi', 3, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`).run();
    db.prepare(`INSERT INTO speakers (project_id, name, voice_id, color, position) VALUES ('p1', 'Ana', 'espeak:fr-fr', '#123456', 0)`).run();
    db.prepare(`INSERT INTO lines (project_id, position, speaker, text, source_line) VALUES ('p1', 0, 'Ana', 'hi', 1)`).run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('gapMs', '700')`).run();
  },
  2: (db) => {
    db.prepare(`INSERT INTO audio_cache (key, engine, model_version, voice_id, params, sample_rate, samples, bytes, created_at, last_used_at, pcm) VALUES ('k', 'espeak', '1', 'espeak:en-us', '{}', 24000, 2, 8, 'x', 1, ?)`).run(Buffer.from(new Float32Array([0.5, -0.5]).buffer));
  },
  3: (db) => {
    db.prepare(`INSERT INTO model_files (path, asset_id, bytes, sha256, verified_by, mtime_ms, source, installed_at) VALUES ('/m/kokoro/onnx/model.onnx', 'kokoro-v1.0-fp32', 5, 'ab', 'sha256', 1, 'https://h/x', 'x')`).run();
    db.prepare(`INSERT INTO model_hosts (name, base_url) VALUES ('huggingface', 'https://mirror.example/')`).run();
  },
  4: (db) => {
    db.prepare(`INSERT INTO voices (id, kind, engine, name, language, style, reference_audio, consent, created_at, updated_at) VALUES ('pocket:clone-abc123', 'clone', 'pocket', 'Me', 'en', ?, ?, '{"who":"Ana","statement":"This is my own voice.","acceptedAt":"2024-01-01T00:00:00.000Z"}', 'x', 'x')`).run(Buffer.alloc(8), Buffer.alloc(8));
    db.prepare(`INSERT INTO voice_clones (voice_id, clone_id, engine, model_language, encoder_version, cond_rows, cond_dim, reference_sample_rate, reference_samples, reference_sha256, source, quality_report, encoded_at, created_at) VALUES ('pocket:clone-abc123', 'abc123', 'pocket', 'en', 'v1', 1, 2, 24000, 2, 'ab', 'microphone', '{}', 'x', 'x')`).run();
  },
  5: (db) => {
    db.prepare(`INSERT INTO timeline_state (project_id, revision, base_gap_ms, quick_gap_ms, continue_gap_ms, ripple) VALUES ('p1', 2, 700, 250, 150, 0)`).run();
    db.prepare(`INSERT INTO timeline_clips (line_id, project_id, start_sample, manual, gain_db) SELECT id, 'p1', 4800, 1, -3 FROM lines WHERE project_id = 'p1'`).run();
  },
  6: (db) => {
    db.prepare(`INSERT INTO render_jobs (project_id, paused, created_at) VALUES ('p1', 1, 'x')`).run();
    db.prepare(`INSERT INTO render_job_lines (project_id, line_id, seq) SELECT 'p1', id, 0 FROM lines WHERE project_id = 'p1'`).run();
  },
  7: (db) => {
    db.prepare(`UPDATE projects SET not_speakers = '["Memo"]' WHERE id = 'p1'`).run();
  },
  8: (db) => {
    db.prepare(`UPDATE timeline_state SET master_gain_db = -4.5, master_limiter = 1 WHERE project_id = 'p1'`).run();
  },
  9: (db) => {
    db.prepare(`INSERT INTO api_keys (id, name, hash, prefix, created_at) VALUES ('k1', 'Open WebUI', 'ab', 'koe-ab', '2026-01-01T00:00:00.000Z')`).run();
  },
  10: (db) => {
    db.prepare(`UPDATE projects SET export_prefs = ? WHERE id = 'p1'`).run(JSON.stringify({ ...DEFAULT_EXPORT_PREFS, format: 'mp3', vbr: 2 }));
  },
  11: (db) => {
    db.prepare(`INSERT INTO line_trash (project_id, speaker, text, speed, pause_after_ms, clip, deleted_at) VALUES ('p1', 'Ana', 'bye', 1.1, 200, NULL, 'x')`).run();
  },
  12: (db) => {
    db.prepare(`UPDATE timeline_state SET cut_in_ms = 450, over_percent = 60, question_gap_ms = 120, topic_gap_ms = 900 WHERE project_id = 'p1'`).run();
    db.prepare(`INSERT INTO speaker_directions (project_id, speaker, direction, effect) VALUES ('p1', 'Ana', 'whispering', '{"gainDb":-9}')`).run();
  },
  13: (db) => {
    db.prepare(`INSERT INTO voice_clone_styles (voice_id, name, cond_id, encoder_version, cond_rows, cond_dim, cond, reference_audio, reference_sample_rate, reference_samples, reference_sha256, source, quality_report, consent, encoded_at, created_at) VALUES ('pocket:clone-abc123', 'Whisper', 'def456', 'v1', 1, 2, ?, ?, 24000, 2, 'cd', 'w.wav', '{}', '{"who":"Ana","statement":"s","acceptedAt":"x"}', 'x', 'x')`).run(Buffer.alloc(8), Buffer.alloc(8));
    db.prepare(`UPDATE lines SET style = 'whisper' WHERE project_id = 'p1'`).run();
  },
  14: (db) => {
    db.prepare(`UPDATE timeline_state SET context_mode = 'reply' WHERE project_id = 'p1'`).run();
  },
  15: (db) => {
    db.prepare(`INSERT INTO timeline_history (project_id, line_id, forward, inverse, trash_id) SELECT 'p1', NULL, '{"type":"gain","lineId":9,"db":-2}', '{"type":"gain","lineId":9,"db":0}', id FROM line_trash LIMIT 1`).run();
  },
};

function checkSeeds(lib: ReturnType<typeof openLibrary>, upTo: number) {
  if (upTo >= 1) {
    const p = lib.projects.getProject('p1');
    expect(p).toMatchObject({ name: 'Old', script: 'Ana: hi', revision: 3 });
    expect(p.speakers).toEqual([{ name: 'Ana', voiceId: 'espeak:fr-fr', color: '#123456', gain: 0, pan: 0 }]);
    expect(lib.settings.getSettings().gapMs).toBe(700);
  }
  if (upTo >= 2) expect(Array.from(lib.audioCache.getCached('k')!.pcm)).toEqual([0.5, -0.5]);
  if (upTo >= 3) {
    expect(lib.db.prepare(`SELECT asset_id, bytes, verified_by FROM model_files`).all()).toEqual([{ asset_id: 'kokoro-v1.0-fp32', bytes: 5, verified_by: 'sha256' }]);
    expect(lib.db.prepare(`SELECT base_url FROM model_hosts WHERE name = 'huggingface'`).pluck().get()).toBe('https://mirror.example/');
  }
  if (upTo >= 4) expect(lib.db.prepare(`SELECT c.clone_id, v.kind FROM voice_clones c JOIN voices v ON v.id = c.voice_id`).all()).toEqual([{ clone_id: 'abc123', kind: 'clone' }]);
  if (upTo >= 5) expect(lib.db.prepare(`SELECT c.start_sample, c.manual, c.gain_db, s.ripple FROM timeline_clips c JOIN timeline_state s USING (project_id)`).all()).toEqual([{ start_sample: 4800, manual: 1, gain_db: -3, ripple: 0 }]);
  if (upTo >= 6) expect(lib.renderJobs.load()).toEqual([{ projectId: 'p1', paused: true, lineIds: [expect.any(Number)] }]);
  if (upTo >= 7) expect(lib.projects.getProject('p1').notSpeakers).toEqual(['Memo']);
  else if (upTo >= 1) expect(lib.projects.getProject('p1').notSpeakers).toEqual([]);
  // A timeline from before the master bus plays at unity gain with the limiter off.
  if (upTo >= 8) expect(lib.db.prepare(`SELECT master_gain_db AS g, master_limiter AS l FROM timeline_state`).get()).toEqual({ g: -4.5, l: 1 });
  else if (upTo >= 5) expect(lib.db.prepare(`SELECT master_gain_db AS g, master_limiter AS l FROM timeline_state`).get()).toEqual({ g: 0, l: 0 });
  if (upTo >= 9) expect(lib.apiKeys.list()).toMatchObject([{ id: 'k1', name: 'Open WebUI', prefix: 'koe-ab', lastUsedAt: null }]);
  if (upTo >= 10) expect(lib.projects.getExportPrefs('p1')).toEqual({ ...DEFAULT_EXPORT_PREFS, format: 'mp3', vbr: 2 });
  else if (upTo >= 1) expect(lib.projects.getExportPrefs('p1')).toBeNull();
  if (upTo >= 11) expect(lib.db.prepare(`SELECT speaker, text, speed, pause_after_ms FROM line_trash`).all()).toEqual([{ speaker: 'Ana', text: 'bye', speed: 1.1, pause_after_ms: 200 }]);
  // A timeline from before the exchange settings keeps its layout: the question gap is its quick gap.
  const turns = `SELECT cut_in_ms AS c, over_percent AS o, question_gap_ms AS q, topic_gap_ms AS t FROM timeline_state`;
  if (upTo >= 12) {
    expect(lib.db.prepare(turns).get()).toEqual({ c: 450, o: 60, q: 120, t: 900 });
    expect(lib.db.prepare(`SELECT speaker, direction, effect FROM speaker_directions`).all()).toEqual([{ speaker: 'Ana', direction: 'whispering', effect: '{"gainDb":-9}' }]);
  } else if (upTo >= 5) expect(lib.db.prepare(turns).get()).toEqual({ c: 300, o: 40, q: 250, t: 0 });
  // A timeline from before "Continue from the previous line" is off: its takes stay as they are.
  const context = `SELECT context_mode AS m FROM timeline_state`;
  if (upTo >= 14) expect(lib.db.prepare(context).get()).toEqual({ m: 'reply' });
  else if (upTo >= 5) expect(lib.db.prepare(context).get()).toEqual({ m: 'off' });
  // A clone made before styles has one, its own reference, named "neutral"; lines choose none.
  if (upTo >= 4) expect(lib.cloneStyles.defaultName('pocket:clone-abc123')).toBe('neutral');
  if (upTo >= 13) {
    expect(lib.cloneStyles.list('pocket:clone-abc123').map((st) => [st.name, st.condId])).toEqual([['Whisper', 'def456']]);
    expect(lib.db.prepare(`SELECT style FROM lines`).pluck().all()).toEqual(['whisper']);
  } else if (upTo >= 1) {
    expect(lib.cloneStyles.list('pocket:clone-abc123')).toEqual([]);
    expect(lib.db.prepare(`SELECT style FROM lines`).pluck().all()).toEqual([null]);
  }
  // A trashed line's steps wait with it, out of the undo order.
  if (upTo >= 15) {
    expect(lib.db.prepare(`SELECT count(*) FROM timeline_history WHERE trash_id IS NOT NULL`).pluck().get()).toBe(1);
    expect(new TimelineRepo(lib.db).historyStep('p1', 'undo')).toBeNull();
  }
}

describe('migration list', () => {
  it('runs 1, 2, 3… with unique names', () => {
    expect(() => assertMigrationOrder(MIGRATIONS)).not.toThrow();
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects gaps, reordering and duplicate names', () => {
    const m = (version: number, name = `m${version}`): Migration => ({ version, name, up: () => {} });
    expect(() => assertMigrationOrder([m(1), m(3)])).toThrow(/expected 2/);
    expect(() => assertMigrationOrder([m(2), m(1)])).toThrow(/expected 1/);
    expect(() => assertMigrationOrder([m(1, 'a'), m(2, 'a')])).toThrow(/named "a"/);
  });

  it('has a seed for every version, so upgrade tests cover each one', () => {
    for (const m of MIGRATIONS) expect(SEEDS[m.version], `seed for ${m.name}`).toBeTypeOf('function');
  });
});

describe('each migration in memory', () => {
  for (const m of MIGRATIONS) {
    it(`${String(m.version).padStart(3, '0')}-${m.name} applies on top of the previous ones`, () => {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      applyMigrations(db, MIGRATIONS, m.version - 1);
      const schema = () => db.prepare('SELECT group_concat(sql) FROM sqlite_schema').pluck().get();
      const before = schema();
      applyMigrations(db, MIGRATIONS, m.version);
      expect(schemaVersion(db)).toBe(m.version);
      expect(schema()).not.toEqual(before);
      for (let v = 1; v <= m.version; v++) SEEDS[v]!(db);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('a failing migration leaves the file at the previous version', () => {
    const db = new Database(':memory:');
    const broken: Migration = { version: LATEST_VERSION + 1, name: 'broken', up: (d) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } };
    expect(() => applyMigrations(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).not.toContain('half');
    db.close();
  });
});

describe('upgrading a library file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koe-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('goes from empty to the latest version', () => {
    const lib = openLibrary(join(dir, 'new.db'));
    expect(lib.schemaVersion).toBe(LATEST_VERSION);
    expect(lib.db.pragma('application_id', { simple: true })).toBe(KOE_APPLICATION_ID);
    expect(tables(lib.db)).toEqual(expect.arrayContaining(['voices', 'projects', 'speakers', 'lines', 'takes', 'clips', 'markers', 'pronunciations', 'models', 'settings', 'audio_cache']));
    lib.close();
  });

  for (let k = 1; k <= LATEST_VERSION; k++) {
    it(`goes from version ${k} to ${LATEST_VERSION}, keeping its rows`, () => {
      const path = join(dir, `v${k}.db`);
      const old = new Database(path);
      applyMigrations(old, MIGRATIONS, k);
      for (let v = 1; v <= k; v++) SEEDS[v]!(old);
      old.close();

      const lib = openLibrary(path);
      expect(lib.schemaVersion).toBe(LATEST_VERSION);
      checkSeeds(lib, k);
      expect(lib.db.pragma('foreign_key_check')).toEqual([]);
      lib.close();
      // And opening again is a no-op.
      const again = openLibrary(path);
      checkSeeds(again, k);
      again.close();
    });
  }
});
