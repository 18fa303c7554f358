// The render queue at book scale: pause and resume, an ETA from the job's own pace, and work that
// survives a quit or a crash (owed lines in the library; a stored take is never rendered again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRig, type Rig, type RigOptions } from '../../test-support/timeline';

let rigs: Rig[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const rig = (path: string, concurrency: number, opts: RigOptions = {}) => {
  const r = makeRig(path, concurrency, { persist: true, ...opts });
  rigs.push(r);
  return r;
};
const libraryPath = () => {
  const d = mkdtempSync(join(tmpdir(), 'koe-rq-'));
  dirs.push(d);
  return join(d, 'library.db');
};
const script = (n: number) => Array.from({ length: n }, (_, i) => `Ana: Sentence number ${i + 1} is here.`).join('\n\n');
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
};
const done = (r: Rig, p: string) => r.timeline.view(p).clips.filter((c) => c.status === 'ready').length;

describe('render queue at book scale', () => {
  it('pause lets running lines finish and starts no more; resume carries on', async () => {
    const r = rig(':memory:', 2);
    const p = r.library.projects.createProject('P', script(6)).id;
    r.engine.hold();
    r.queue.enqueue(p);
    await until(() => r.engine.active === 2);
    expect(r.queue.pause(p)).toBe(true);
    expect(r.progress.at(-1)).toMatchObject({ paused: true });
    r.engine.release();
    await until(() => r.engine.active === 0 && done(r, p) === 2);
    // Give the queue every chance to start another line: it must not.
    for (let i = 0; i < 50; i++) await new Promise((res) => setImmediate(res));
    expect(r.engine.calls).toBe(2);
    expect(r.queue.progressOf(p)).toMatchObject({ done: 2, total: 6, paused: true });
    expect(r.library.renderJobs.load()).toEqual([{ projectId: p, paused: true, lineIds: expect.any(Array) }]);
    expect(r.queue.resume(p)).toBe(true);
    await r.queue.whenIdle(p);
    expect(r.engine.calls).toBe(6);
    expect(done(r, p)).toBe(6);
    expect(r.queue.progressOf(p)).toBeNull();
    // Nothing is owed once the job is over.
    expect(r.library.renderJobs.load()).toEqual([]);
  });

  it('a quit wakes whoever waits on a paused project, and keeps its lines owed', async () => {
    const r = rig(':memory:', 1);
    const p = r.library.projects.createProject('P', script(3)).id;
    r.engine.hold();
    r.queue.enqueue(p);
    r.queue.pause(p);
    r.engine.release();
    await until(() => r.engine.active === 0 && done(r, p) === 1);
    const waiting = r.queue.whenIdle(p);
    r.queue.shutdown();
    await waiting;
    expect(r.library.renderJobs.load()[0]!.lineIds).toHaveLength(2);
  });

  it('pausing or resuming a project with nothing queued says so and changes nothing', () => {
    const r = rig(':memory:', 2);
    const p = r.library.projects.createProject('P', script(2)).id;
    expect(r.queue.pause(p)).toBe(false);
    expect(r.queue.resume(p)).toBe(false);
    expect(r.library.renderJobs.load()).toEqual([]);
  });

  it('after a quit, the next start renders only the lines still owed', async () => {
    const path = libraryPath();
    const first = rig(path, 2);
    const p = first.library.projects.createProject('Book', script(7)).id;
    first.engine.hold();
    first.queue.enqueue(p);
    await until(() => first.engine.active === 2);
    // Let the two running lines finish, and hold the next two.
    first.engine.release();
    first.engine.hold();
    await until(() => done(first, p) === 2 && first.engine.active === 2);
    first.queue.shutdown();
    first.engine.release();
    await until(() => first.engine.active === 0);
    const owed = first.library.renderJobs.load()[0]!.lineIds;
    expect(owed).toHaveLength(5);
    first.library.close();
    rigs = rigs.filter((x) => x !== first);

    const second = rig(path, 2);
    expect(second.queue.restore()).toEqual({ projects: 1, lines: 5 });
    await second.queue.whenIdle(p);
    expect(second.engine.calls).toBe(5);
    expect(done(second, p)).toBe(7);
    // Each line has exactly one take: nothing finished was rendered again.
    expect(second.timeline.view(p).clips.every((c) => c.takeCount === 1)).toBe(true);
    expect(second.library.renderJobs.load()).toEqual([]);
  });

  it('after a crash (no shutdown), the owed lines are still there, and a paused job comes back paused', async () => {
    const path = libraryPath();
    const first = rig(path, 1);
    const p = first.library.projects.createProject('Book', script(4)).id;
    first.engine.hold();
    first.queue.enqueue(p);
    await until(() => first.engine.active === 1);
    first.queue.pause(p);
    first.library.close(); // the process dies here; the held line never finishes
    rigs = rigs.filter((x) => x !== first);

    const second = rig(path, 1);
    expect(second.queue.restore()).toEqual({ projects: 1, lines: 4 });
    expect(second.queue.progressOf(p)).toMatchObject({ done: 0, total: 4, paused: true });
    for (let i = 0; i < 50; i++) await new Promise((res) => setImmediate(res));
    expect(second.engine.calls).toBe(0);
    second.queue.resume(p);
    await second.queue.whenIdle(p);
    expect(second.engine.calls).toBe(4);
  });

  it('a restored job drops lines removed from the script, and cancel forgets the job', async () => {
    const path = libraryPath();
    const first = rig(path, 1);
    const proj = first.library.projects.createProject('Book', script(5));
    first.engine.hold();
    first.queue.enqueue(proj.id);
    await until(() => first.engine.active === 1);
    first.queue.shutdown();
    first.engine.release();
    await until(() => first.engine.active === 0);
    // Between runs the user deletes the last two lines.
    first.library.projects.saveProject({ id: proj.id, script: script(3), revision: proj.revision });
    first.library.close();
    rigs = rigs.filter((x) => x !== first);

    const second = rig(path, 1);
    second.engine.hold();
    expect(second.queue.restore()).toEqual({ projects: 1, lines: 3 });
    expect(second.queue.cancel(proj.id)).toBe(3);
    second.engine.release();
    await second.queue.whenIdle(proj.id);
    expect(second.library.renderJobs.load()).toEqual([]);
  });

  it('the ETA follows the pace of the lines finished so far, and pauses with the job', async () => {
    let clock = 0;
    const r = rig(':memory:', 1, { now: () => clock });
    const p = r.library.projects.createProject('P', script(5)).id;
    r.engine.hold();
    r.queue.enqueue(p);
    expect(r.queue.progressOf(p)!.etaSec).toBeNull();
    for (let i = 1; i <= 2; i++) {
      await until(() => r.engine.active === 1);
      clock += 10_000; // each line takes ten seconds
      r.engine.release();
      r.engine.hold();
      await until(() => done(r, p) === i);
    }
    // Two of five equal-length lines in 20 s: three more take about 30 s.
    expect(r.queue.progressOf(p)!.etaSec).toBe(30);
    r.queue.pause(p);
    clock += 600_000; // a long pause does not slow the estimate
    await until(() => r.engine.active === 1);
    r.engine.release();
    await until(() => done(r, p) === 3);
    expect(r.queue.progressOf(p)!.etaSec).toBe(Math.round((2 / 3) * 20));
  });
});
