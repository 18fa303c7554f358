// Paths named in calls: special files are refused at once in every face (never read forever or
// waited on), and the server face reads and writes only inside its uploads and downloads folders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestCore } from '../../../test-support/core';
import { useTestServer } from '../../../test-support/server';

const local = useTestCore('koe-paths-local');
const served = useTestServer('koe-paths-served');

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('the call was expected to be refused');
}

describe('special files named as sources', () => {
  const sources = (path: string) => [
    ['project.importKoe', { source: { kind: 'file', path } }],
    ['clone.import', { source: { kind: 'file', path } }],
    ['clone.check', { source: { kind: 'file', path } }],
    ['models.import', { path }],
  ] as const;

  it('refuses /dev/zero without reading it', async () => {
    for (const [name, args] of sources('/dev/zero')) {
      const before = process.memoryUsage().rss;
      const e = await refusal(local.call(name, args));
      expect(e.message, name).toMatch(/not a regular file/);
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    }
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(local.dir, 'pipe.koe');
    execFileSync('mkfifo', [fifo]);
    for (const [name, args] of sources(fifo)) {
      const e = await refusal(local.call(name, args));
      expect(e.message, name).toMatch(/not a regular file/);
    }
  });
});

describe('the server face confines paths to its own folders', () => {
  async function call(name: string, args: unknown) {
    const ws = await served.connect();
    try {
      return await served.rpc(ws, name, args);
    } finally {
      ws.close();
    }
  }
  const downloads = () => join(served.dir, 'data', 'downloads');

  it('does not write a voice file over an arbitrary file', async () => {
    const victim = join(served.dir, 'authorized_keys');
    writeFileSync(victim, 'ssh-ed25519 AAAA me\n');
    const r = await call('clone.export', { voiceId: 'x', destination: { kind: 'file', path: victim } });
    expect(r.ok).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('ssh-ed25519 AAAA me\n');
  });

  it('does not export a mix next to a device', async () => {
    const project = await call('projects.create', { name: 'Dev', script: 'Hello.' });
    const r = await call('export.mix', { jobId: 'dev-full', projectId: project.result.id, format: 'wav', destination: { kind: 'file', path: '/dev/full' } });
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/outside its own folders/);
    expect(existsSync('/dev/full.wav')).toBe(false);
  });

  it('does not follow a link in its downloads folder to a file outside it', async () => {
    const project = await call('projects.create', { name: 'Linked', script: 'Hello.' });
    const target = join(served.dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    mkdirSync(downloads(), { recursive: true });
    symlinkSync(target, join(downloads(), 'Linked.koe'));
    const r = await call('project.exportKoe', { projectId: project.result.id, destination: { kind: 'file', path: join(downloads(), 'Linked.koe') } });
    expect(r.ok).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('writes inside its downloads folder and reads inside its uploads folder', async () => {
    const project = await call('projects.create', { name: 'Inside', script: 'Hello.' });
    const out = join(downloads(), 'Inside.koe');
    const w = await call('project.exportKoe', { projectId: project.result.id, destination: { kind: 'file', path: out } });
    expect(w.ok).toBe(true);
    const upload = join(served.uploads.dir, 'abcdef0123456789');
    mkdirSync(upload, { recursive: true });
    writeFileSync(join(upload, 'Inside.koe'), readFileSync(out));
    const r = await call('project.importKoe', { source: { kind: 'file', path: join(upload, 'Inside.koe') } });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
  });

  it('refuses to read a file outside its folders, naming only the file', async () => {
    const r = await call('clone.check', { source: { kind: 'file', path: '/etc/passwd' } });
    expect(r.ok).toBe(false);
    expect(r.error.message).not.toMatch(new RegExp(served.dir));
    expect(r.error.message).toMatch(/upload it first/);
  });
});
