import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { openLibrary } from './db';
import { applyMigrations } from './migrate';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';

function ioError(fn: () => unknown): KoeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KoeError);
    expect((e as KoeError).code).toBe('io');
    return e as KoeError;
  }
  throw new Error('expected an error');
}

describe('openLibrary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koe-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL, foreign keys, NORMAL sync and a busy timeout on a file', () => {
    const lib = openLibrary(join(dir, 'lib.db'));
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(lib.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    lib.close();
    lib.close();
  });

  it('works in memory', () => {
    const lib = openLibrary(':memory:');
    expect(lib.schemaVersion).toBe(LATEST_VERSION);
    lib.close();
  });

  it('creates missing parent folders', () => {
    const path = join(dir, 'a', 'b', 'lib.db');
    openLibrary(path).close();
    expect(existsSync(path)).toBe(true);
  });

  it('explains a parent path that is a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    const e = ioError(() => openLibrary(join(dir, 'file', 'lib.db')));
    expect(e.message).toContain(join(dir, 'file', 'lib.db'));
    expect(e.message).toMatch(/folder/);
  });

  it('explains a path that is a folder', () => {
    mkdirSync(join(dir, 'lib.db'));
    expect(ioError(() => openLibrary(join(dir, 'lib.db'))).message).toMatch(/is a folder/);
  });

  it('enforces foreign keys: deleting a project removes its speakers and lines', () => {
    const lib = openLibrary(join(dir, 'lib.db'));
    const p = lib.projects.createProject('Cascade', 'Ana: one\nBen: two');
    const count = (t: string) => lib.db.prepare(`SELECT count(*) FROM ${t} WHERE project_id = ?`).pluck().get(p.id);
    expect(count('lines')).toBe(2);
    expect(count('speakers')).toBe(2);
    expect(() => lib.db.prepare(`INSERT INTO lines (project_id, position, speaker, text, source_line) VALUES ('nope', 0, 'a', 'b', 1)`).run()).toThrow(/FOREIGN KEY/);
    expect(lib.projects.deleteProject(p.id)).toBe(true);
    expect(count('lines')).toBe(0);
    expect(count('speakers')).toBe(0);
    expect(lib.projects.deleteProject(p.id)).toBe(false);
    lib.close();
  });

  it('refuses a library from a newer version and leaves it unchanged', () => {
    const path = join(dir, 'future.db');
    const lib = openLibrary(path);
    lib.projects.createProject('From the future', 'Ana: hello');
    lib.db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    lib.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const before = readFileSync(path);
    const e = ioError(() => openLibrary(path));
    expect(e.message).toBe(`${path} was written by a newer version of Koe Studio (schema ${LATEST_VERSION + 5}, this build knows ${LATEST_VERSION}); it was not changed. Update Koe Studio to open it.`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  const junk: [string, () => Buffer][] = [
    ['random bytes', () => randomBytes(8192)],
    ['a text file', () => Buffer.from('Ana: this is a script, not a database\n'.repeat(50))],
    ['a tiny file', () => Buffer.from('SQLite')],
  ];
  for (const [what, make] of junk) {
    it(`refuses ${what} and leaves it byte-identical`, () => {
      const path = join(dir, 'junk.db');
      const bytes = make();
      writeFileSync(path, bytes);
      const e = ioError(() => openLibrary(path));
      expect(e.message).toContain(`${path} is not a Koe Studio library: the file is not an SQLite database`);
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(existsSync(`${path}-wal`) || existsSync(`${path}-journal`)).toBe(false);
    });
  }

  it('refuses another application’s SQLite database and leaves it byte-identical', () => {
    const path = join(dir, 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE bookmarks (url TEXT)');
    db.close();
    const before = readFileSync(path);
    expect(ioError(() => openLibrary(path)).message).toMatch(/not a Koe Studio library: it is an SQLite database with other tables/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reports a damaged library clearly', () => {
    const path = join(dir, 'lib.db');
    const lib = openLibrary(path);
    lib.db.pragma('journal_mode = DELETE');
    lib.close();
    const bytes = readFileSync(path);
    bytes.fill(0xab, 100, bytes.length); // keep the header, scramble every page
    writeFileSync(path, bytes);
    expect(ioError(() => openLibrary(path)).message).toContain(path);
  });

  it('accepts an empty file as a new library', () => {
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    const lib = openLibrary(path);
    expect(lib.schemaVersion).toBe(LATEST_VERSION);
    lib.close();
  });

  describe('read-only', () => {
    it('reads an up-to-date library without writing', () => {
      const path = join(dir, 'lib.db');
      const lib = openLibrary(path);
      lib.projects.createProject('Kept', 'Ana: hello');
      lib.close();
      const ro = openLibrary(path, { readonly: true });
      expect(ro.projects.listProjects().map((p) => p.name)).toEqual(['Kept']);
      expect(() => ro.projects.createProject('No')).toThrow();
      ro.close();
    });

    it('refuses a missing or outdated library', () => {
      expect(ioError(() => openLibrary(join(dir, 'none.db'), { readonly: true })).message).toMatch(/does not exist/);
      const path = join(dir, 'old.db');
      const db = new Database(path);
      applyMigrations(db, MIGRATIONS, 1);
      db.close();
      expect(ioError(() => openLibrary(path, { readonly: true })).message).toMatch(/must be upgraded/);
    });
  });
});
