import { describe, expect, it } from 'vitest';
import { paced, type PaceTimers } from './paced';

/** A clock the test moves by hand, with the timers due at each step. */
function fakeClock() {
  let t = 0;
  const due: { at: number; f: () => void }[] = [];
  const timers: PaceTimers = { now: () => t, after: (ms, f) => void due.push({ at: t + ms, f }) };
  const advance = async (ms: number) => {
    const end = t + ms;
    for (;;) {
      due.sort((a, b) => a.at - b.at);
      const next = due[0];
      if (!next || next.at > end) break;
      due.shift();
      t = next.at;
      next.f();
      await Promise.resolve();
      await Promise.resolve();
    }
    t = end;
    await Promise.resolve();
  };
  return { timers, advance, now: () => t };
}

describe('paced reloads', () => {
  it('runs at once when idle, folds requests made during a run into one, and waits twice the run after it', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    let finish: (() => void) | null = null;
    const run = () =>
      new Promise<void>((resolve) => {
        starts.push(clock.now());
        finish = resolve;
      });
    const request = paced(run, 2, 50, clock.timers);
    request();
    expect(starts).toEqual([0]);
    for (let i = 0; i < 10; i++) request(); // a burst of progress events while the first run is going
    await clock.advance(300);
    finish!(); // the run took 300 ms
    await clock.advance(0);
    expect(starts).toEqual([0]); // not yet: it waits 600 ms after a 300 ms run
    await clock.advance(599);
    expect(starts).toEqual([0]);
    await clock.advance(1);
    expect(starts).toEqual([0, 900]); // the ten requests became one run
    finish!();
    await clock.advance(10_000);
    expect(starts).toEqual([0, 900]); // nothing asked since: nothing runs
  });

  it('keeps a short run responsive: a fast reload waits only the minimum', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const request = paced(async () => void starts.push(clock.now()), 2, 50, clock.timers);
    request();
    await clock.advance(0);
    request();
    await clock.advance(49);
    expect(starts).toEqual([0]);
    await clock.advance(1);
    expect(starts).toEqual([0, 50]);
  });

  it('goes on after a failed run', async () => {
    const clock = fakeClock();
    let calls = 0;
    const request = paced(() => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve()), 2, 50, clock.timers);
    request();
    await clock.advance(0);
    request();
    await clock.advance(100);
    expect(calls).toBe(2);
  });
});
