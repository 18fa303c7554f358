import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_PREFS } from '../contract/schemas';
import { KoeError } from '../contract/errors';
import { MAX_SCRIPT_CHARS } from '../contract/schemas';
import { parseScript } from '../script/parse';
import { scriptEditBetween } from '../script/script-edit';
import { openLibrary, type Library } from './db';
import { megabyteScript } from '../../bench/library';

function koeError(fn: () => unknown): KoeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KoeError);
    return e as KoeError;
  }
  throw new Error('expected an error');
}

const DIALOGUE = 'Ana: Good morning.\nBen: Is it?\nAna: It is now.';

describe('projects', () => {
  let lib: Library;
  beforeEach(() => {
    lib = openLibrary(':memory:');
  });
  afterEach(() => lib.close());

  const derived = (id: string) => lib.projects.listLines(id).map((l) => ({ speaker: l.speaker, text: l.text, sourceLine: l.sourceLine, pauseBeforeMs: l.pauseBeforeMs }));
  const expected = (script: string) => parseScript(script).lines.map((l) => ({ speaker: l.speaker, text: l.text, sourceLine: l.sourceLine, pauseBeforeMs: l.pauseBeforeMs }));

  it('saves a splice on the stored script as if the whole text had been sent, and refuses one that does not fit', () => {
    const p = lib.projects.createProject('Edit', DIALOGUE);
    const next = DIALOGUE.replace('Is it?', 'Is it, really?');
    const edit = scriptEditBetween(DIALOGUE, next);
    const saved = lib.projects.saveProject({ id: p.id, revision: p.revision, scriptEdit: edit });
    expect(lib.projects.getProject(p.id)).toMatchObject({ script: next, revision: saved.revision });
    expect(derived(p.id)).toEqual(expected(next));
    // The same edit again no longer fits the text (its length check fails): refused, nothing written.
    const e = koeError(() => lib.projects.saveProject({ id: p.id, revision: saved.revision, scriptEdit: edit }));
    expect(e.code).toBe('invalid_args');
    expect(e.message).toMatch(/does not fit the saved script/);
    expect(lib.projects.getProject(p.id)).toMatchObject({ script: next, revision: saved.revision });
    // Against a stale revision it is a conflict, as a whole-script save would be.
    expect(koeError(() => lib.projects.saveProject({ id: p.id, revision: p.revision, scriptEdit: scriptEditBetween(DIALOGUE, DIALOGUE + '\nBen: x') })).code).toBe('conflict');
  });

  it("keeps the export dialog's choices per project, without touching its revision or date", () => {
    const a = lib.projects.createProject('A', 'Ana: hi');
    const b = lib.projects.createProject('B', 'Ben: yo');
    expect(lib.projects.getExportPrefs(a.id)).toBeNull();
    const prefs = { ...DEFAULT_EXPORT_PREFS, format: 'mp3' as const, vbr: 2, sampleRate: 44100 };
    lib.projects.setExportPrefs(a.id, prefs);
    expect(lib.projects.getExportPrefs(a.id)).toEqual(prefs);
    expect(lib.projects.getExportPrefs(b.id)).toBeNull();
    expect(lib.projects.getProject(a.id)).toMatchObject({ revision: a.revision, updatedAt: a.updatedAt });
    expect(() => lib.projects.setExportPrefs(a.id, { ...prefs, channels: 3 } as never)).toThrow();
    expect(lib.projects.getExportPrefs(a.id)).toEqual(prefs);
    expect(() => lib.projects.getExportPrefs('nope')).toThrow(/no longer exists/);
    // A value this build cannot read (a newer build's) reads as none, not as an error.
    lib.db.prepare(`UPDATE projects SET export_prefs = '{"format":"aiff"}' WHERE id = ?`).run(b.id);
    expect(lib.projects.getExportPrefs(b.id)).toBeNull();
  });

  it('creates and gets a project with speakers and lines from its script', () => {
    const p = lib.projects.createProject('  Morning  ', DIALOGUE);
    expect(p).toMatchObject({ name: 'Morning', script: DIALOGUE, revision: 0 });
    expect(p.createdAt).toBe(p.updatedAt);
    expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
    expect(p.speakers.map((s) => [s.name, s.voiceId])).toEqual([['Ana', null], ['Ben', null]]);
    expect(p.speakers[0]!.color).not.toBe(p.speakers[1]!.color);
    expect(lib.projects.getProject(p.id)).toEqual(p);
    expect(derived(p.id)).toEqual(expected(DIALOGUE));
    expect(lib.projects.createProject('Empty').script).toBe('');
  });

  it('reports a missing project as not_found', () => {
    expect(koeError(() => lib.projects.getProject('nope')).code).toBe('not_found');
    expect(koeError(() => lib.projects.saveProject({ id: 'nope', revision: 0, script: 'x' })).code).toBe('not_found');
  });

  it('refuses bad names and oversized scripts', () => {
    expect(koeError(() => lib.projects.createProject('   ')).code).toBe('invalid_args');
    expect(koeError(() => lib.projects.createProject('Big', 'a'.repeat(MAX_SCRIPT_CHARS + 1))).code).toBe('too_large');
    expect(lib.projects.listProjects()).toEqual([]);
  });

  it('lists projects most recently updated first with line counts', () => {
    const a = lib.projects.createProject('A', DIALOGUE);
    const b = lib.projects.createProject('B', 'Ana: one');
    expect(lib.projects.listProjects().map((p) => [p.name, p.lineCount])).toEqual([['B', 1], ['A', 3]]);
    const saved = lib.projects.saveProject({ id: a.id, revision: 0, name: 'A2' });
    expect(lib.projects.listProjects()).toEqual([
      { id: a.id, name: 'A2', updatedAt: saved.updatedAt, lineCount: 3 },
      { id: b.id, name: 'B', updatedAt: b.updatedAt, lineCount: 1 },
    ]);
  });

  it('saves, bumps the revision and re-derives lines', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    const script = `${DIALOGUE}\nCy: Hello, everyone.`;
    const r = lib.projects.saveProject({ id: p.id, revision: 0, script });
    expect(r.revision).toBe(1);
    const got = lib.projects.getProject(p.id);
    expect(got).toMatchObject({ script, revision: 1, updatedAt: r.updatedAt, createdAt: p.createdAt });
    expect(r.updatedAt > p.updatedAt).toBe(true);
    expect(got.speakers.map((s) => s.name)).toEqual(['Ana', 'Ben', 'Cy']);
    expect(derived(p.id)).toEqual(expected(script));
    expect(lib.projects.saveProject({ id: p.id, revision: 1 }).revision).toBe(2);
  });

  it('refuses a stale revision and changes nothing', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    lib.projects.saveProject({ id: p.id, revision: 0, script: `${DIALOGUE}\nBen: Fine.` });
    const before = lib.projects.getProject(p.id);
    const lines = lib.projects.listLines(p.id);
    const e = koeError(() => lib.projects.saveProject({ id: p.id, revision: 0, name: 'Lost', script: 'Zed: overwrite', speakers: [{ name: 'Zed', voiceId: 'x:y' }] }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/^This project was changed in another window/);
    expect(lib.projects.getProject(p.id)).toEqual(before);
    expect(lib.projects.listLines(p.id)).toEqual(lines);
  });

  it('stores passed speakers and keeps stored voices of script speakers not passed', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    lib.projects.saveProject({ id: p.id, revision: 0, speakers: [{ name: 'Ana', voiceId: 'espeak:fr-fr', gain: -6, pan: -0.5 }, { name: 'Ben', voiceId: 'espeak:de', color: '#00AA00' }] });
    let got = lib.projects.getProject(p.id);
    expect(got.speakers).toEqual([
      { name: 'Ana', voiceId: 'espeak:fr-fr', color: p.speakers[0]!.color, gain: -6, pan: -0.5 },
      { name: 'Ben', voiceId: 'espeak:de', color: '#00aa00', gain: 0, pan: 0 },
    ]);
    lib.projects.saveProject({ id: p.id, revision: 1, script: `${DIALOGUE}\nCy: Hi.`, speakers: [{ name: 'Cy', voiceId: 'espeak:it' }] });
    got = lib.projects.getProject(p.id);
    expect(got.speakers.map((s) => [s.name, s.voiceId])).toEqual([['Cy', 'espeak:it'], ['Ana', 'espeak:fr-fr'], ['Ben', 'espeak:de']]);
    // A script-only save keeps the cast; a deleted voice stays named on its speaker.
    lib.voices.upsertSystemVoices('espeak', []);
    lib.projects.saveProject({ id: p.id, revision: 2, script: 'Ana: Alone now.' });
    got = lib.projects.getProject(p.id);
    expect(got.speakers.map((s) => [s.name, s.voiceId])).toEqual([['Cy', 'espeak:it'], ['Ana', 'espeak:fr-fr'], ['Ben', 'espeak:de']]);
  });

  it('refuses duplicate speaker names without saving', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    expect(koeError(() => lib.projects.saveProject({ id: p.id, revision: 0, speakers: [{ name: 'Ana', voiceId: null }, { name: 'Ana', voiceId: null }] })).code).toBe('invalid_args');
    expect(lib.projects.getProject(p.id).revision).toBe(0);
  });

  it('keeps the rows (and takes) of unchanged lines, and of a line edited in place', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    const before = lib.projects.listLines(p.id);
    const take = lib.db.prepare(`INSERT INTO takes (line_id, created_at, selected, audio_key, duration_ms) VALUES (?, 'x', 1, 'k', 10)`);
    for (const l of before) take.run(l.id);
    lib.projects.saveProject({ id: p.id, revision: 0, script: 'Ana: Good morning.\nBen: Is it really?\nAna: It is now.' });
    const after = lib.projects.listLines(p.id);
    expect(after[0]!.id).toBe(before[0]!.id);
    // The edited line is the same line with new text; its take stays (the timeline shows it stale).
    expect(after[1]).toMatchObject({ id: before[1]!.id, text: 'Is it really?' });
    expect(after[2]!.id).toBe(before[2]!.id);
    expect(lib.db.prepare('SELECT count(*) FROM takes').pluck().get()).toBe(3);
    // Reordering reuses rows too; a dropped line goes with its take.
    lib.projects.saveProject({ id: p.id, revision: 1, script: 'Ana: It is now.\nAna: Good morning.' });
    expect(lib.projects.listLines(p.id).map((l) => l.id)).toEqual([before[2]!.id, before[0]!.id]);
    expect(lib.db.prepare('SELECT count(*) FROM takes').pluck().get()).toBe(2);
  });

  // How long the two saves take (target < 10 s) is measured in bench/library.ts.
  it('saves a 1 MB script', () => {
    const { script, speakers } = megabyteScript();
    expect(script.length).toBeGreaterThan(1_000_000);
    const p = lib.projects.createProject('Big');
    lib.projects.saveProject({ id: p.id, revision: 0, script });
    const again = `${script}\nAna: one more`;
    lib.projects.saveProject({ id: p.id, revision: 1, script: again });
    const got = lib.projects.getProject(p.id);
    expect(got.script).toBe(again);
    expect(got.speakers.map((s) => s.name).sort()).toEqual([...speakers].sort());
    expect(lib.projects.listProjects()[0]!.lineCount).toBe(parseScript(again).lines.length);
  });

  it('keeps Unicode exactly', () => {
    const name = 'Ночь 🌙 夜 — «café» ﷽';
    const script = 'Zoë: Ça va? 🙂 \u0645\u0631\u062d\u0628\u0627 \u{1F468}\u200D\u{1F469}\u200D\u{1F467}\nМаша: Привет, мир! e\u0301\n김: 안녕하세요';
    const p = lib.projects.createProject(name, script);
    const got = lib.projects.getProject(p.id);
    expect(got.name).toBe(name);
    expect(got.script).toBe(script);
    expect(got.speakers.map((s) => s.name)).toEqual(parseScript(script).speakers);
    expect(derived(p.id)).toEqual(expected(script));
  });

  it('keeps names marked "not a speaker" and derives the lines with them', () => {
    const script = 'Ana: Hi.\nMemo: buy milk.\n\nBen: Yo.';
    const p = lib.projects.createProject('P', script);
    expect(p.notSpeakers).toEqual([]);
    expect(p.speakers.map((s) => s.name)).toEqual(['Ana', 'Memo', 'Ben']);
    const saved = lib.projects.saveProject({ id: p.id, revision: p.revision, notSpeakers: [' memo ', 'MEMO', 'Todo'] });
    const got = lib.projects.getProject(p.id);
    expect(got.notSpeakers).toEqual(['memo', 'Todo']);
    expect(got.revision).toBe(saved.revision);
    expect(got.speakers.map((s) => s.name)).toEqual(['Ana', 'Ben']);
    expect(lib.projects.listLines(p.id).map((l) => l.text)).toEqual(['Hi. Memo: buy milk.', 'Yo.']);
    // A script save keeps the rules.
    lib.projects.saveProject({ id: p.id, revision: got.revision, script: `${script}\nMemo: more` });
    expect(lib.projects.listLines(p.id).map((l) => l.speaker)).toEqual(['Ana', 'Ben']);
    expect(koeError(() => lib.projects.saveProject({ id: p.id, revision: got.revision + 1, notSpeakers: ['x'.repeat(41)] })).code).toBe('invalid_args');
    expect(lib.projects.getProject(p.id).notSpeakers).toEqual(['memo', 'Todo']);
  });

  it('deletes a project', () => {
    const p = lib.projects.createProject('P', DIALOGUE);
    expect(lib.projects.deleteProject(p.id)).toBe(true);
    expect(lib.projects.listProjects()).toEqual([]);
    expect(koeError(() => lib.projects.getProject(p.id)).code).toBe('not_found');
  });

  describe('two connections to one file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'koe-projects-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('lets the first save win and refuses the second', () => {
      const path = join(dir, 'lib.db');
      const a = openLibrary(path);
      const b = openLibrary(path);
      const p = a.projects.createProject('Shared', DIALOGUE);
      const loaded = b.projects.getProject(p.id);
      a.projects.saveProject({ id: p.id, revision: 0, script: 'Ana: from window A' });
      expect(koeError(() => b.projects.saveProject({ id: p.id, revision: loaded.revision, script: 'Ben: from window B' })).code).toBe('conflict');
      expect(b.projects.getProject(p.id).script).toBe('Ana: from window A');
      a.close();
      b.close();
    });
  });
});
