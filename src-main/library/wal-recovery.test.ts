import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from './db';
import { inspectWal } from './wal-check';

const SAVES = ['One', 'Two', 'Three', 'Four', 'Five'];

/** Commit frame numbers (1-based) of a healthy log, read the plain way (no checksums). */
function commitFrames(wal: Buffer): number[] {
  const pageSize = wal.readUInt32BE(8);
  const out: number[] = [];
  for (let i = 0, at = 32; at + 24 + pageSize <= wal.byteLength; i++, at += 24 + pageSize) if (wal.readUInt32BE(at + 4) !== 0) out.push(i + 1);
  return out;
}

describe('a damaged write-ahead log', () => {
  let dir: string;
  let path: string;
  let healthyWal: Buffer;
  let commits: number[];
  let pageSize: number;

  // A library whose five saves are still in its log, as after a crash: copied while the writer is open.
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koe-wal-'));
    const live = join(dir, 'live.db');
    openLibrary(live).close();
    const lib = openLibrary(live);
    for (const name of SAVES) lib.projects.createProject(name, `Ana: ${name}`);
    path = join(dir, 'library.db');
    copyFileSync(live, path);
    copyFileSync(`${live}-wal`, `${path}-wal`);
    lib.close();
    healthyWal = readFileSync(`${path}-wal`);
    commits = commitFrames(healthyWal);
    pageSize = healthyWal.readUInt32BE(8);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const names = () => {
    const lib = openLibrary(path);
    try {
      return { names: lib.projects.listProjects().map((p) => p.name).sort(), recovery: lib.walRecovery };
    } finally {
      lib.close();
    }
  };
  const aside = () => readdirSync(dir).filter((f) => f.startsWith('library.db-wal.damaged-'));
  const frameAt = (n: number) => 32 + (n - 1) * (24 + pageSize);

  it('fixture: the saves are in the log, one commit each (at least)', () => {
    expect(commits.length).toBeGreaterThanOrEqual(SAVES.length);
    expect(inspectWal(healthyWal, 4096)).toMatchObject({ state: 'healthy', framesKept: commits.at(-1), framesDropped: 0 });
  });

  it('a healthy log gives no notice and keeps every save', () => {
    const r = names();
    expect(r.recovery).toBeNull();
    expect(r.names).toEqual([...SAVES].sort());
    expect(aside()).toEqual([]);
  });

  it('random bytes: told, kept aside, the library opens with what was checkpointed', () => {
    const junk = randomBytes(healthyWal.byteLength);
    writeFileSync(`${path}-wal`, junk);
    const r = names();
    expect(r.recovery).toMatchObject({ framesKept: 0, commitsKept: 0 });
    expect(r.recovery!.framesDropped).toBe(commits.at(-1));
    expect(r.recovery!.message).toMatch(/none of the saves it held could be recovered/);
    expect(r.names).toEqual([]);
    expect(aside()).toHaveLength(1);
    expect(readFileSync(join(dir, aside()[0]!)).equals(junk)).toBe(true);
    expect(r.recovery!.keptAside).toBe(join(dir, aside()[0]!));
  });

  it('a bad header (one salt byte changed): told, nothing of the log kept', () => {
    const bad = Buffer.from(healthyWal);
    bad[17]! ^= 0x40;
    writeFileSync(`${path}-wal`, bad);
    const r = names();
    expect(r.recovery?.reason).toMatch(/header fails its checksum/);
    expect(r.recovery?.framesKept).toBe(0);
    expect(r.names).toEqual([]);
    expect(aside()).toHaveLength(1);
  });

  it('a bad frame after the second save: the first two saves are there, the rest told as dropped', () => {
    const bad = Buffer.from(healthyWal);
    const broken = commits[1]! + 1;
    bad[frameAt(broken) + 24 + 100]! ^= 0xff;
    writeFileSync(`${path}-wal`, bad);
    const r = names();
    expect(r.recovery).toMatchObject({ framesKept: commits[1], commitsKept: 2, framesDropped: commits.at(-1)! - commits[1]! });
    expect(r.recovery!.reason).toBe(`frame ${broken} fails its checksum`);
    expect(r.names).toEqual(['One', 'Two'].sort());
    expect(readFileSync(r.recovery!.keptAside!).equals(bad)).toBe(true);
    // Told once: the recovered commits were folded in and the damaged tail cleared.
    expect(names().recovery).toBeNull();
    expect(names().names).toEqual(['One', 'Two'].sort());
  });

  it('a log cut inside a frame: the commits before it are kept, the cut is told', () => {
    truncateSync(`${path}-wal`, frameAt(commits[2]! + 1) + 24 + 10);
    const r = names();
    expect(r.recovery).toMatchObject({ framesKept: commits[2], commitsKept: 3 });
    expect(r.recovery!.reason).toMatch(/cut short/);
    expect(r.names).toEqual(['One', 'Two', 'Three'].sort());
  });

  it('a log cut at a frame boundary holds no evidence of loss and is not reported', () => {
    truncateSync(`${path}-wal`, frameAt(commits[2]! + 1));
    const r = names();
    expect(r.recovery).toBeNull();
    expect(r.names).toEqual(['One', 'Two', 'Three'].sort());
  });

  it('a read-only open tells but writes nothing', () => {
    writeFileSync(`${path}-wal`, randomBytes(healthyWal.byteLength));
    const lib = openLibrary(path, { readonly: true });
    expect(lib.walRecovery?.keptAside).toBeNull();
    expect(lib.walRecovery?.message).toMatch(/damaged/);
    lib.close();
    expect(aside()).toEqual([]);
  });

  it('another process with the library open, mid-way through its saves, is not taken for damage', () => {
    const first = openLibrary(path);
    first.projects.createProject('Six');
    const second = openLibrary(path);
    expect(second.walRecovery).toBeNull();
    expect(second.projects.listProjects()).toHaveLength(6);
    second.close();
    first.close();
    expect(aside()).toEqual([]);
  });
});
