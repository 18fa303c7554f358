// The background render queue with a counting stand-in engine: lines render in parallel up to the
// limit, cancel stops them, a failure is reported per line and can be retried, the audio cache
// spares the engine across projects, and a deleted voice fails only its speaker's lines, by name.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineScheduler } from '../engines/scheduler';
import { createWorkerHandler } from '../engines/worker/handler';
import type { FromWorker, ToWorker } from '../engines/worker/protocol';
import type { WorkerPort } from '../engines/worker/thread';
import { WorkerEngine } from '../engines/worker/worker-engine';
import { CountingEngine, makeRig, type Rig, type RigOptions } from '../../test-support/timeline';

let rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});
const rig = (concurrency = 3, opts?: RigOptions) => {
  const r = makeRig(':memory:', concurrency, opts);
  rigs.push(r);
  return r;
};
const script = (n: number, speaker = 'Ana') => Array.from({ length: n }, (_, i) => `${speaker}: Sentence number ${i + 1} is here.`).join('\n\n');
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  expect(cond()).toBe(true);
};

describe('render queue', () => {
  it('renders missing lines in parallel up to the limit, with per-line states and overall progress', async () => {
    const r = rig(3);
    const p = r.library.projects.createProject('P', script(8)).id;
    r.engine.hold();
    expect(r.queue.enqueue(p)).toEqual({ queued: 8 });
    await until(() => r.engine.active === 3);
    const lineIds = r.timeline.view(p).clips.map((c) => c.lineId);
    expect(lineIds.map((id) => r.queue.stateOf(p, id)!.state).filter((s) => s === 'rendering')).toHaveLength(3);
    expect(r.timeline.view(p).clips[7]!.render).toEqual({ state: 'queued', error: null });
    r.engine.release();
    await r.queue.whenIdle(p);
    expect(r.engine.maxActive).toBe(3);
    expect(r.engine.calls).toBe(8);
    expect(r.progress.at(-1)).toMatchObject({ projectId: p, done: 8, total: 8 });
    expect(r.timeline.view(p).clips.every((c) => c.status === 'ready' && c.render?.state === 'done')).toBe(true);
    // Nothing left to do: a second request queues nothing and calls no engine.
    expect(r.queue.enqueue(p)).toEqual({ queued: 0 });
  });

  it("gives way to the studio: a line played while a book renders reaches the engine before the book's waiting lines", async () => {
    const scheduler = new EngineScheduler(() => 1);
    const r = rig(3, { scheduler });
    const p = r.library.projects.createProject('P', script(3)).id;
    r.engine.hold();
    r.queue.enqueue(p);
    await until(() => r.engine.active === 1 && scheduler.waiting('count') === 2);
    // No lane: the studio's own playback.
    const played = r.speech.render({ text: 'Play this now.', voiceId: 'count:a', params: { speed: 1, pitch: 50 } });
    await until(() => scheduler.waiting('count') === 3);
    r.engine.release();
    expect((await played).length).toBeGreaterThan(0);
    await r.queue.whenIdle(p);
    expect(r.engine.texts[1]).toBe('Play this now.');
    expect(r.engine.texts.filter((t) => t.startsWith('Sentence number'))).toHaveLength(3);
    expect(scheduler.running()).toBe(0);
  });

  it('cancel stops queued and running lines; nothing half-rendered becomes a take', async () => {
    const r = rig(2);
    const p = r.library.projects.createProject('P', script(5)).id;
    r.engine.hold();
    r.queue.enqueue(p);
    await until(() => r.engine.active === 2);
    expect(r.queue.cancel(p)).toBe(5);
    r.engine.release();
    await r.queue.whenIdle(p);
    const v = r.timeline.view(p);
    expect(v.clips.every((c) => c.render?.state === 'cancelled' && c.takeCount === 0)).toBe(true);
    expect(r.engine.calls).toBe(2);
  });

  it('reports a failure on its line with the message, and a retry renders it', async () => {
    const r = rig(2);
    const p = r.library.projects.createProject('P', 'Ana: This one works fine.\n\nBen: This one breaks today.\n\nAna: And this one works too.').id;
    r.engine.failing = { pattern: /breaks/, message: 'engine crashed on purpose' };
    r.queue.enqueue(p);
    await r.queue.whenIdle(p);
    const v = r.timeline.view(p);
    expect(v.clips.map((c) => c.render?.state)).toEqual(['done', 'failed', 'done']);
    expect(v.clips[1]!.render!.error).toMatch(/engine crashed on purpose/);
    expect(r.progress.some((e) => e.lines.some((l) => l.state === 'failed' && /crashed/.test(l.error ?? '')))).toBe(true);
    r.engine.failing = null;
    expect(r.queue.enqueue(p)).toEqual({ queued: 1 });
    await r.queue.whenIdle(p);
    expect(r.timeline.view(p).clips.map((c) => c.status)).toEqual(['ready', 'ready', 'ready']);
  });

  it('a failed line whose text is then fixed in the script keeps its id but drops the old failure', async () => {
    const r = rig(2);
    const created = r.library.projects.createProject('P', 'Ana: This one works fine.\n\nBen: This one breaks today.');
    r.engine.failing = { pattern: /breaks/, message: 'engine crashed on purpose' };
    r.queue.enqueue(created.id);
    await r.queue.whenIdle(created.id);
    const before = r.timeline.view(created.id).clips[1]!;
    expect(before.render).toMatchObject({ state: 'failed' });
    r.library.projects.saveProject({ id: created.id, revision: created.revision, script: 'Ana: This one works fine.\n\nBen: This one mends today.' });
    const after = r.timeline.view(created.id).clips[1]!;
    expect(after).toMatchObject({ lineId: before.lineId, status: 'missing', render: null });
    expect(r.timeline.view(created.id).clips[0]!.render).toMatchObject({ state: 'done' }); // unchanged line keeps its state
    expect(r.queue.enqueue(created.id)).toEqual({ queued: 1 });
    await r.queue.whenIdle(created.id);
    expect(r.timeline.view(created.id).clips[1]).toMatchObject({ lineId: before.lineId, status: 'ready', render: { state: 'done' } });
  });

  it('a second project with the same line uses the audio cache, not the engine', async () => {
    const r = rig();
    const a = r.library.projects.createProject('A', 'Ana: The very same words, said twice.').id;
    r.queue.enqueue(a);
    await r.queue.whenIdle(a);
    expect(r.engine.calls).toBe(1);
    const b = r.library.projects.createProject('B', 'Ana: The very same words, said twice.').id;
    r.queue.enqueue(b);
    await r.queue.whenIdle(b);
    expect(r.engine.calls).toBe(1);
    expect(r.timeline.view(b).clips[0]).toMatchObject({ status: 'ready', take: { voiceId: 'count:a' } });
    expect(r.timeline.view(b).clips[0]!.samples).toBe(r.timeline.view(a).clips[0]!.samples);
  });

  it('a speaker whose voice was deleted fails only their lines, naming the speaker', async () => {
    const r = rig();
    const created = r.library.projects.createProject('P', 'Ana: Hello from Ana here.\n\nBen: Hello from Ben here.');
    r.library.projects.saveProject({ id: created.id, revision: created.revision, speakers: [{ name: 'Ben', voiceId: 'kokoro:gone' }] });
    r.queue.enqueue(created.id);
    await r.queue.whenIdle(created.id);
    const v = r.timeline.view(created.id);
    expect(v.clips.map((c) => c.render?.state)).toEqual(['done', 'failed']);
    expect(v.clips[1]!.render!.error).toMatch(/^Speaker "Ben": Unknown voice "kokoro:gone"\. It may have been deleted; pick another voice\.$/);
    // The project still opens and the rest of it still works.
    expect(r.timeline.view(created.id).clips[0]!.status).toBe('ready');
  });

  it('refuses lines that are not in the project', () => {
    const r = rig();
    const p = r.library.projects.createProject('P', 'Ana: Hello.').id;
    expect(() => r.queue.enqueue(p, [999_999])).toThrow(/not in this project/);
  });

  it('each engine takes as many lines as it has workers; a full engine does not hold up another', async () => {
    const fast = new CountingEngine('fast');
    const slow = new CountingEngine('slow');
    const r = rig(8, { engines: [fast, slow], engineCapacity: (id) => (id === 'fast' ? 2 : 1) });
    // Slow lines first in the script: with one queue for all, they would take every slot.
    const created = r.library.projects.createProject('P', `${script(3, 'Sam')}\n\n${script(4, 'Fay')}`);
    r.library.projects.saveProject({ id: created.id, revision: created.revision, speakers: [{ name: 'Sam', voiceId: 'slow:a' }, { name: 'Fay', voiceId: 'fast:a' }] });
    fast.hold();
    slow.hold();
    expect(r.queue.enqueue(created.id)).toEqual({ queued: 7 });
    await until(() => fast.active === 2 && slow.active === 1);
    const states = r.timeline.view(created.id).clips.map((c) => c.render!.state);
    expect(states).toEqual(['rendering', 'queued', 'queued', 'rendering', 'rendering', 'queued', 'queued']);
    fast.release();
    await until(() => fast.calls === 4);
    expect(slow.calls).toBe(1); // still on its first line, its others queued behind it
    slow.release();
    await r.queue.whenIdle(created.id);
    expect([fast.maxActive, slow.maxActive]).toEqual([2, 1]);
    expect(r.timeline.view(created.id).clips.every((c) => c.status === 'ready')).toBe(true);
  });

  it('renders two lines at the same time on the two workers of an engine pool', async () => {
    // Two in-process "threads": the real worker handler at the far end of a MessageChannel.
    const inWorkers: CountingEngine[] = [];
    const spawn = (): WorkerPort => {
      const { port1, port2 } = new MessageChannel();
      const engine = new CountingEngine('count');
      engine.hold();
      inWorkers.push(engine);
      const handler = createWorkerHandler({ count: () => engine }, (msg, transfer) => port2.postMessage(msg, transfer));
      port2.on('message', (msg: ToWorker) => handler.handle(msg));
      return {
        postMessage: (msg) => port1.postMessage(msg),
        onMessage: (fn) => void port1.on('message', fn as (m: FromWorker) => void),
        onError: () => {},
        onExit: () => {},
        terminate: async () => {
          port1.close();
          port2.close();
          await handler.dispose();
        },
        setBusy: () => {},
      };
    };
    const pooled = new WorkerEngine('count', spawn, { threads: 2 });
    const r = rig(4, { engines: [pooled], engineCapacity: () => 2 });
    try {
      const p = r.library.projects.createProject('P', script(4)).id;
      r.queue.enqueue(p);
      await until(() => inWorkers.length === 2 && inWorkers.every((e) => e.active === 1));
      expect(r.timeline.view(p).clips.map((c) => c.render!.state)).toEqual(['rendering', 'rendering', 'queued', 'queued']);
      for (const e of inWorkers) e.release();
      await r.queue.whenIdle(p);
      expect(inWorkers.map((e) => e.calls)).toEqual([2, 2]);
      expect(inWorkers.map((e) => e.maxActive)).toEqual([1, 1]);
      expect(r.timeline.view(p).clips.every((c) => c.status === 'ready')).toBe(true);
    } finally {
      await pooled.dispose();
    }
  });
});
