import { describe, expect, it } from 'vitest';
import { EngineScheduler, type Lane } from './scheduler';

/** Queues one request per lane on a full engine and records the order they are granted in. */
function harness(capacity = 1) {
  const s = new EngineScheduler(() => capacity);
  const order: string[] = [];
  const releases: (() => void)[] = [];
  const ask = (name: string, lane: Lane, signal?: AbortSignal, engine = 'espeak') =>
    s.acquire(engine, s.ticket(lane), signal).then((release) => {
      order.push(name);
      releases.push(release);
      return release;
    });
  /** Releases the oldest held slot and lets the next grant land. */
  const step = async () => {
    releases.shift()!();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { s, order, ask, step };
}

const studio: Lane = { priority: 'interactive', owner: 'ws-1' };
const keyA: Lane = { priority: 'api', owner: 'key-a' };
const keyB: Lane = { priority: 'api', owner: 'key-b' };
const book: Lane = { priority: 'background', owner: 'project-1' };

describe('EngineScheduler', () => {
  it('grants at once while the engine has a free slot, one slot per worker', async () => {
    const { s, ask, order } = harness(2);
    await ask('a', keyA);
    await ask('b', book);
    expect(order).toEqual(['a', 'b']);
    expect(s.running('espeak')).toBe(2);
    void ask('c', studio);
    await Promise.resolve();
    expect(s.waiting('espeak')).toBe(1);
    expect(order).toEqual(['a', 'b']);
  });

  it('serves the studio first, then API requests, then background renders, whatever the order they came in', async () => {
    const { ask, order, step } = harness();
    await ask('holder', book);
    void ask('book', book);
    void ask('api', keyA);
    void ask('play', studio);
    for (let i = 0; i < 3; i++) await step();
    expect(order).toEqual(['holder', 'play', 'api', 'book']);
  });

  it("takes API keys in turn: key B's one request is served before key A's tail of ten", async () => {
    const { ask, order, step } = harness();
    await ask('holder', studio);
    for (let i = 1; i <= 10; i++) void ask(`A${i}`, keyA);
    void ask('B1', keyB);
    for (let i = 0; i < 11; i++) await step();
    expect(order.slice(1)).toEqual(['A1', 'B1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10']);
  });

  it("keeps one owner's requests in the order they started, so a stream already playing goes first", async () => {
    const s = new EngineScheduler(() => 1);
    const order: string[] = [];
    const early = s.ticket(keyA);
    const late = s.ticket(keyA);
    const holder = await s.acquire('espeak', s.ticket(studio));
    // The late request's chunk asks before the early request's next chunk does.
    const a = s.acquire('espeak', late).then((r) => (order.push('late'), r));
    const b = s.acquire('espeak', early).then((r) => (order.push('early'), r));
    holder();
    (await b)();
    (await a)();
    expect(order).toEqual(['early', 'late']);
  });

  it('takes a request that gave up (its client disconnected) out of the queue at once', async () => {
    const { s, ask, order, step } = harness();
    await ask('holder', studio);
    const gone = new AbortController();
    const dropped = ask('gone', keyA, gone.signal).catch((e: Error) => e.name);
    void ask('B1', keyB);
    expect(s.waiting('espeak')).toBe(2);
    gone.abort();
    expect(await dropped).toBe('AbortError');
    expect(s.waiting('espeak')).toBe(1);
    await step();
    expect(order).toEqual(['holder', 'B1']);
    // Already aborted: refused without queueing.
    await expect(ask('late', keyA, gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.waiting()).toBe(0);
  });

  it('keeps engines apart: a full engine does not hold up another, and a release counts once', async () => {
    const { s, ask, order } = harness();
    const r = await ask('espeak', keyA);
    await ask('kokoro', keyA, undefined, 'kokoro');
    expect(order).toEqual(['espeak', 'kokoro']);
    r();
    r();
    expect(s.running('espeak')).toBe(0);
    expect(s.running()).toBe(1);
  });

  it('reads the slot count at every grant: an engine given more workers serves its waiters in order', async () => {
    let slots = 1;
    const s = new EngineScheduler(() => slots);
    const order: string[] = [];
    await s.acquire('kokoro', s.ticket(studio));
    const a = s.acquire('kokoro', s.ticket(keyA)).then((r) => (order.push('api'), r));
    void s.acquire('kokoro', s.ticket(book)).then(() => order.push('book'));
    slots = 2;
    // The next request finds a free slot, but the one waiting longer at a higher priority gets it.
    void s.acquire('kokoro', s.ticket(keyB)).then(() => order.push('B'));
    (await a)();
    await Promise.resolve();
    expect(order).toEqual(['api', 'B']);
    expect(s.waiting('kokoro')).toBe(1);
  });
});
