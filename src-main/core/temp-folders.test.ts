// A killed export leaves its hidden temp file beside the destination; the next start removes it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../contract/dispatch';
import { Core } from './core';

const root = mkdtempSync(join(tmpdir(), 'koe-temp-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const open = () => Core.create({ dataDir: join(root, 'data'), modelsDir: join(root, 'models'), face: { kind: 'cli' } });
const ctx = { origin: 'test', emit: () => {} };

describe('temp files in destination folders', () => {
  it('are swept at the next start when their writer is gone', async () => {
    const out = join(root, 'exports');
    mkdirSync(out);
    let core = await open();
    const project = await dispatch(core.handlers, 'projects.create', { name: 'Kill me', script: 'Hello.' }, ctx);
    const id = (project as { result: { id: string } }).result.id;
    const r = await dispatch(core.handlers, 'project.exportKoe', { projectId: id, destination: { kind: 'file', path: join(out, 'Kill me.koe') } }, ctx);
    expect(r.ok).toBe(true);
    await core.close();
    // What a SIGKILLed export of the same file leaves behind (a pid that is not running).
    const leftover = join(out, '.Kill me.koe.koe-tmp-2147483-0123456789ab');
    writeFileSync(leftover, Buffer.alloc(1024));
    const unrelated = join(out, '.keep-me');
    writeFileSync(unrelated, 'x');
    core = await open();
    await core.close();
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
    expect(existsSync(join(out, 'Kill me.koe'))).toBe(true);
  });
});
