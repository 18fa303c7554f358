// Autosave rules with fake timers: debounce, one save at a time, revisions, conflict, offline retry, drafts.
import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { Autosaver, type SaveState } from './autosave';
import type { Snapshot } from './snapshot';

const snap = (script: string, name = 'P'): Snapshot => ({ name, script, speakers: [] });

function harness(opts: { fail?: (n: number) => unknown; saved?: Snapshot | (() => Snapshot) } = {}) {
  let current = snap('hello');
  const states: SaveState[] = [];
  const drafts: { script: string; rev: number }[] = [];
  let draft: Snapshot | null = null;
  const saves: { revision: number; script: string }[] = [];
  const resolvers: (() => void)[] = [];
  let serverRev = 1;
  const saver = new Autosaver(1, opts.saved ?? snap('hello'), {
    read: () => current,
    save: (revision, s) => {
      saves.push({ revision, script: s.script });
      const n = saves.length;
      return new Promise((resolve, reject) => {
        resolvers.push(() => {
          const err = opts.fail?.(n);
          if (err) reject(err);
          else resolve({ revision: ++serverRev });
        });
      });
    },
    writeDraft: (s, rev) => {
      draft = s;
      drafts.push({ script: s.script, rev });
    },
    settleDraft: () => (draft = null),
    onState: (s) => states.push(s),
  });
  return {
    saver,
    states,
    drafts,
    saves,
    type(script: string) {
      current = snap(script);
      saver.edit();
    },
    draft: () => draft,
    /** Lets the oldest pending save reply. */
    async reply() {
      resolvers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
    last: () => states[states.length - 1],
  };
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces typing into one save ~300 ms after the last key', async () => {
    const h = harness();
    h.type('hello w');
    await vi.advanceTimersByTimeAsync(200);
    h.type('hello wo');
    await vi.advanceTimersByTimeAsync(200);
    h.type('hello world');
    expect(h.saves).toHaveLength(0);
    expect(h.last()).toEqual({ kind: 'dirty' });
    await vi.advanceTimersByTimeAsync(300);
    expect(h.saves).toEqual([{ revision: 1, script: 'hello world' }]);
    expect(h.last()).toEqual({ kind: 'saving' });
    await h.reply();
    expect(h.last()).toEqual({ kind: 'saved', revision: 2 });
  });

  it('keeps a draft until the core confirms exactly that text', async () => {
    const h = harness();
    h.type('draft me');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.draft()?.script).toBe('draft me');
    h.type('draft me more'); // typed while the save is in flight
    await h.reply();
    expect(h.draft()?.script).toBe('draft me more');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saves.map((s) => s.revision)).toEqual([1, 2]); // the second save names the new revision
    await h.reply();
    expect(h.draft()).toBeNull();
    expect(h.last()).toEqual({ kind: 'saved', revision: 3 });
  });

  it('never runs two saves at once', async () => {
    const h = harness();
    h.type('a');
    const first = h.saver.flush();
    h.type('ab');
    const second = h.saver.flush();
    expect(h.saves).toHaveLength(1);
    await h.reply();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saves).toHaveLength(2);
    await h.reply();
    await Promise.all([first, second]);
    expect(h.saves.map((s) => s.script)).toEqual(['a', 'ab']);
  });

  it('stops on conflict and keeps the text as a draft, even as typing continues', async () => {
    const h = harness({ fail: () => Object.assign(new Error('stale'), { code: 'conflict' }) });
    h.type('mine');
    await vi.advanceTimersByTimeAsync(300);
    await h.reply();
    expect(h.last()).toEqual({ kind: 'conflict' });
    h.type('mine, still typing');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.saves).toHaveLength(1);
    expect(h.draft()?.script).toBe('mine, still typing');
    expect(h.drafts[h.drafts.length - 1]!.rev).toBe(1);
  });

  it('retries a save lost to a dropped connection once reconnected', async () => {
    const h = harness({ fail: (n) => (n === 1 ? Object.assign(new Error('gone'), { code: 'disconnected' }) : null) });
    h.type('offline words');
    await vi.advanceTimersByTimeAsync(300);
    await h.reply();
    expect(h.last()).toMatchObject({ kind: 'error', willRetry: true });
    expect(h.draft()?.script).toBe('offline words');
    h.saver.reconnected();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.saves).toHaveLength(2);
    await h.reply();
    expect(h.last()).toEqual({ kind: 'saved', revision: 2 });
    expect(h.draft()).toBeNull();
  });

  it('reports other refusals and tries again on the next edit', async () => {
    const h = harness({ fail: (n) => (n === 1 ? Object.assign(new Error('too big'), { code: 'too_large' }) : null) });
    h.type('x'.repeat(10));
    await vi.advanceTimersByTimeAsync(300);
    await h.reply();
    expect(h.last()).toEqual({ kind: 'error', message: 'Not saved: too big', willRetry: false });
    h.type('x');
    await vi.advanceTimersByTimeAsync(300);
    await h.reply();
    expect(h.last()).toEqual({ kind: 'saved', revision: 2 });
  });

  it('saves nothing when the text is back to what was saved', async () => {
    const h = harness();
    h.type('hello!');
    h.type('hello');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.saves).toHaveLength(0);
    expect(h.last()).toEqual({ kind: 'saved', revision: 1 });
  });

  it('writes the draft synchronously when the page is being closed', () => {
    const h = harness();
    h.type('last words');
    h.saver.flushForUnload();
    expect(h.draft()?.script).toBe('last words');
  });

  it('markConflict (another window saved) pauses saving', async () => {
    const h = harness();
    h.type('local');
    h.saver.markConflict();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.saves).toHaveLength(0);
    expect(h.last()).toEqual({ kind: 'conflict' });
    expect(h.draft()?.script).toBe('local');
  });

  it('builds a baseline given as a function once, when it is first compared, and saves against it', async () => {
    let built = 0;
    const h = harness({ saved: () => (built++, snap('hello')) });
    h.type('hello, world');
    expect(built).toBe(0); // typing only schedules the save
    await vi.advanceTimersByTimeAsync(300);
    expect(built).toBe(1);
    expect(h.saves).toEqual([{ revision: 1, script: 'hello, world' }]);
    await h.reply();
    h.type('hello');
    await vi.advanceTimersByTimeAsync(300);
    expect(built).toBe(1);
    // The baseline is now what was saved, so going back to the opened text is a change to save.
    expect(h.saves).toHaveLength(2);
  });

  it('a baseline given as a function still tells an unchanged text from an edit', async () => {
    const h = harness({ saved: () => snap('hello') });
    expect(h.saver.isDirty()).toBe(false);
    h.type('hello');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.saves).toHaveLength(0);
    expect(h.last()).toEqual({ kind: 'saved', revision: 1 });
  });
});
