// The timeline calls through the shared dispatcher on a real Core (embedded espeak): render with
// progress events, edit/undo with timeline.changed, bad ops refused by the contract, and a .koe
// written atomically to a file and opened again.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../contract/calls';
import { dispatch, type CallContext } from '../../contract/dispatch';
import { Core } from '../core';

let dir: string;
let core: Core;
const events: { name: EventName; payload: Record<string, unknown> }[] = [];
const ctx: CallContext = { origin: 'timeline-test', emit: (name, payload) => void events.push({ name, payload: payload as Record<string, unknown> }) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-timeline-core-'));
  core = await Core.create({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models'), face: { kind: 'cli' } });
  core.attach(ctx);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(name: string, args: unknown) {
  const reply = await dispatch(core.handlers, name, args, ctx);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as Record<string, any>;
}

describe('timeline calls', () => {
  it('renders, edits, undoes, and round-trips a .koe file', async () => {
    const project = await call('projects.create', { name: 'Dialogue', script: 'Ana: Hello there.\n\nBen: Hi, Ana.' });
    const view = await call('timeline.get', { projectId: project.id });
    expect(view.tracks.map((t: { speaker: string }) => t.speaker)).toEqual(['Ana', 'Ben']);

    expect(await call('timeline.render', { projectId: project.id })).toEqual({ queued: 2 });
    await core.renderQueue.whenIdle(project.id);
    const progress = events.filter((e) => e.name === 'render.progress').at(-1)!.payload;
    expect(progress).toMatchObject({ projectId: project.id, done: 2, total: 2 });
    const rendered = await call('timeline.get', { projectId: project.id });
    expect(rendered.clips.map((c: { status: string }) => c.status)).toEqual(['ready', 'ready']);

    const lineId = rendered.clips[1].lineId;
    const edited = await call('timeline.edit', { projectId: project.id, revision: rendered.revision, op: { type: 'move', lineId, startSample: 100 } });
    expect(events.at(-1)).toEqual({ name: 'timeline.changed', payload: { projectId: project.id, revision: edited.revision } });
    await expect(call('timeline.edit', { projectId: project.id, revision: edited.revision, op: { type: 'move', lineId, startSample: -1 } })).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(call('timeline.edit', { projectId: project.id, revision: rendered.revision, op: { type: 'gain', lineId, db: 1 } })).rejects.toMatchObject({ code: 'conflict' });
    await call('timeline.undo', { projectId: project.id, revision: edited.revision });
    expect((await call('timeline.get', { projectId: project.id })).clips[1].startSample).toBe(rendered.clips[1].startSample);

    const path = join(dir, 'dialogue.koe');
    const out = await call('project.exportKoe', { projectId: project.id, destination: { kind: 'file', path } });
    expect(out).toMatchObject({ path, fileName: 'Dialogue.koe', bytes: readFileSync(path).byteLength });
    expect(readdirSync(dir).filter((n) => n.includes('koe-tmp'))).toEqual([]);
    const imported = await call('project.importKoe', { source: { kind: 'file', path } });
    expect((await call('timeline.get', { projectId: imported.projectId })).clips.map((c: { status: string }) => c.status)).toEqual(['ready', 'ready']);
    await expect(call('project.importKoe', { source: { kind: 'bytes', base64: Buffer.from('nope').toString('base64') } })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/not a readable Koe project file/) });
  });
});
