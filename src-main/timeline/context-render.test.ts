// "Continue from the previous line" through the timeline and the render queue, on a stand-in engine
// that can continue from audio and whose output follows both its text and its context: which line
// a line continues from (own vs reply), the order lines render in, a changed context making the
// lines after it stale, a take rendered without context to compare, and off by default changing
// nothing for anyone.
import { afterEach, describe, expect, it } from 'vitest';
import { ContinuingEngine, makeRig, type Rig } from '../../test-support/timeline';
import type { ContextMode } from '../contract/calls-timeline';

let rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});

function rig(concurrency = 3): Rig & { ctx: ContinuingEngine } {
  const ctx = new ContinuingEngine();
  const r = makeRig(':memory:', concurrency, { engines: [ctx], continuesFrom: (v) => v.startsWith('ctx:') });
  r.library.settings.setSettings({ defaultVoiceId: 'ctx:a' });
  rigs.push(r);
  return { ...r, ctx };
}

const SCRIPT = ['Ana: Where were you last night?', 'Ben: Out. Why do you ask?', 'Ana: Because the door was open.', 'Ben: I locked it, I swear.'].join('\n');

function setMode(r: Rig, p: string, mode: ContextMode): void {
  r.timeline.edit(p, r.timeline.view(p).revision, { type: 'context', mode });
}

async function renderAll(r: Rig, p: string): Promise<void> {
  r.queue.enqueue(p);
  await r.queue.whenIdle(p);
}

/** The selected take's audio of every clip, in script order. */
function takes(r: Rig, p: string): Float32Array[] {
  return r.timeline.view(p).clips.map((c) => r.timeline.repo.takePcm(c.take!.id)!);
}

const tail = (pcm: Float32Array, seconds = 0.1) => pcm.slice(pcm.length - Math.round(seconds * 24_000));

describe('continue from the previous line', () => {
  it('is off by default: no context reaches the engine and no line carries one', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    expect(r.timeline.view(p).options.contextMode).toBe('off');
    await renderAll(r, p);
    expect([...r.ctx.contexts.values()]).toEqual([null, null, null, null]);
    expect(r.timeline.work(p).every((w) => w.params.context === undefined && w.contextLineId === undefined)).toBe(true);
  });

  it("own: a line continues from its speaker's previous line, and the first of each speaker from nothing", async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'own');
    await renderAll(r, p);
    const [ana1, ben1] = takes(r, p);
    const texts = r.timeline.view(p).clips.map((c) => c.text);
    expect(r.ctx.contexts.get(texts[0]!)).toBeNull();
    expect(r.ctx.contexts.get(texts[1]!)).toBeNull();
    expect(r.ctx.contexts.get(texts[2]!)).toEqual(tail(ana1!));
    expect(r.ctx.contexts.get(texts[3]!)).toEqual(tail(ben1!));
    expect(r.timeline.view(p).clips.every((c) => c.status === 'ready')).toBe(true);
  });

  it("reply: a line continues from the line just before it, the other speaker's", async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'reply');
    await renderAll(r, p);
    const t = takes(r, p);
    const texts = r.timeline.view(p).clips.map((c) => c.text);
    expect(r.ctx.contexts.get(texts[0]!)).toBeNull();
    for (let i = 1; i < 4; i++) expect(r.ctx.contexts.get(texts[i]!)).toEqual(tail(t[i - 1]!));
  });

  it('renders a chain of lines in order without deadlock, one at a time or several', async () => {
    for (const concurrency of [1, 4]) {
      const r = rig(concurrency);
      const p = r.library.projects.createProject('P', ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map((n, i) => `${i % 2 ? 'Ben' : 'Ana'}: Line number ${n}.`).join('\n')).id;
      setMode(r, p, 'reply');
      await renderAll(r, p);
      expect(r.ctx.texts).toEqual(r.timeline.view(p).clips.map((c) => c.text));
      expect(r.timeline.view(p).clips.every((c) => c.status === 'ready')).toBe(true);
    }
  });

  it('the context changes the audio and the cache key: the same line with and without context differ', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    await renderAll(r, p);
    const off = takes(r, p);
    const calls = r.ctx.calls;
    setMode(r, p, 'own');
    // Lines with something to continue from are stale now; the first of each speaker is not.
    expect(r.timeline.view(p).clips.map((c) => c.status)).toEqual(['ready', 'ready', 'stale', 'stale']);
    await renderAll(r, p);
    expect(r.ctx.calls).toBe(calls + 2);
    const on = takes(r, p);
    expect(on[2]).not.toEqual(off[2]);
    expect(on[0]).toEqual(off[0]);
    // Back off: the old takes' keys still hit the audio cache, so the engine is not asked again.
    setMode(r, p, 'off');
    expect(r.timeline.view(p).clips.map((c) => c.status)).toEqual(['ready', 'ready', 'stale', 'stale']);
    await renderAll(r, p);
    expect(r.ctx.calls).toBe(calls + 2);
    expect(takes(r, p)[2]).toEqual(off[2]);
  });

  it('a changed context take makes the lines continuing from it stale, down the chain, and only those', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'own');
    await renderAll(r, p);
    const first = r.timeline.view(p).clips;
    const [ana1, , ana3] = first;
    const edit = (op: Parameters<Rig['timeline']['edit']>[2]) => r.timeline.edit(p, r.timeline.view(p).revision, op);
    const statuses = () => r.timeline.view(p).clips.map((c) => c.status);
    // Ana's first line at another speed sounds different: her next line waits for it.
    edit({ type: 'lineSpeed', lineId: ana1!.lineId, speed: 1.2 });
    expect(statuses()).toEqual(['stale', 'ready', 'stale', 'ready']);
    expect(r.timeline.work(p)[2]!.params.context).toBe('own:pending');
    await renderAll(r, p);
    expect(statuses()).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(r.ctx.contexts.get(ana3!.text)).toEqual(tail(takes(r, p)[0]!));
    // Back to the first take of line 1: line 3's newest take continued from other audio…
    edit({ type: 'lineSpeed', lineId: ana1!.lineId, speed: null });
    edit({ type: 'selectTake', lineId: ana1!.lineId, takeId: ana1!.take!.id });
    expect(statuses()).toEqual(['ready', 'ready', 'stale', 'ready']);
    // …and its first take, which continued from this one, is current again.
    edit({ type: 'selectTake', lineId: ana3!.lineId, takeId: ana3!.take!.id });
    expect(statuses()).toEqual(['ready', 'ready', 'ready', 'ready']);
    // A text edit of line 1 makes it stale, and so line 3, which waits for it.
    r.library.projects.saveProject({ id: p, revision: r.library.projects.getProject(p).revision, script: SCRIPT.replace('last night', 'yesterday') });
    expect(statuses()).toEqual(['stale', 'ready', 'stale', 'ready']);
  });

  it('rendering one line first renders the line it continues from when that has no current take', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'own');
    const ana3 = r.timeline.view(p).clips[2]!;
    expect(r.queue.enqueue(p, [ana3.lineId])).toEqual({ queued: 2 });
    await r.queue.whenIdle(p);
    expect(r.ctx.texts).toEqual([r.timeline.view(p).clips[0]!.text, ana3.text]);
    expect(r.timeline.view(p).clips.map((c) => c.status)).toEqual(['ready', 'missing', 'ready', 'missing']);
  });

  it('a line whose context line fails fails too, naming that line, and stores no take', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'own');
    r.ctx.failing = { pattern: /last night/, message: 'the engine broke' };
    await renderAll(r, p);
    const clips = r.timeline.view(p).clips;
    expect(clips[0]!.render).toMatchObject({ state: 'failed' });
    expect(clips[2]!.render?.error).toMatch(/continues from Ana's line "Where were you last night\?", which has no current take \(.*the engine broke\)/);
    expect(clips[2]!.take).toBeNull();
    expect(clips[3]!.status).toBe('ready');
  });

  it('renders a line without context on request, as a new take to compare with the one with context', async () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'own');
    await renderAll(r, p);
    const ana3 = r.timeline.view(p).clips[2]!;
    const withContext = r.timeline.repo.takePcm(ana3.take!.id)!;
    r.queue.enqueue(p, [ana3.lineId], { withoutContext: true });
    await r.queue.whenIdle(p);
    expect(r.ctx.contexts.get(ana3.text)).toBeNull();
    const all = r.timeline.takes(p, ana3.lineId);
    expect(all).toHaveLength(2);
    const plain = all.find((t) => t.selected)!;
    expect(plain.params.context).toBeUndefined();
    expect(plain.stale).toBe(true);
    expect(all.find((t) => !t.selected)!.params.context).toMatch(/^own:[0-9a-f]{16}$/);
    expect(r.timeline.repo.takePcm(plain.id)).not.toEqual(withContext);
  });

  it('leaves voices whose engine cannot continue as they were: no context, keys and takes unchanged', async () => {
    const r = makeRig(':memory:', 3, { continuesFrom: () => false });
    rigs.push(r);
    const p = r.library.projects.createProject('P', SCRIPT).id;
    await renderAll(r, p);
    const calls = r.engine.calls;
    setMode(r, p, 'reply');
    expect(r.timeline.view(p).clips.every((c) => c.status === 'ready')).toBe(true);
    expect(r.timeline.work(p).every((w) => w.params.context === undefined)).toBe(true);
    r.queue.enqueue(p, r.timeline.view(p).clips.map((c) => c.lineId));
    await r.queue.whenIdle(p);
    expect(r.engine.calls).toBe(calls);
  });

  it('the mode is an undoable edit', () => {
    const r = rig();
    const p = r.library.projects.createProject('P', SCRIPT).id;
    setMode(r, p, 'reply');
    expect(r.timeline.view(p).options.contextMode).toBe('reply');
    r.timeline.undo(p, r.timeline.view(p).revision);
    expect(r.timeline.view(p).options.contextMode).toBe('off');
  });
});
