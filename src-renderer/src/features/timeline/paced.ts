// Event-driven reloads of the timeline view: a render of a book sends an event per line, and each only
// needs the latest view. `paced` runs the reload at most once at a time and, after each run, waits
// `factor` times as long as the run took (at least `minMs`) before the next, so a 10,000-line view
// that takes 300 ms to fetch and apply takes at most a third of the page's time while a render streams
// events, and a small scene still updates at once.

export interface PaceTimers {
  now(): number;
  after(ms: number, f: () => void): void;
}

const realTimers: PaceTimers = { now: () => performance.now(), after: (ms, f) => void setTimeout(f, ms) };

/** Returns `request`: asks for one more run of `run`, which happens as soon as the pacing allows. */
export function paced(run: () => Promise<void>, factor = 2, minMs = 50, timers: PaceTimers = realTimers): () => void {
  let pending = false;
  let running = false;
  let waiting = false;
  let nextAt = -Infinity;
  const tick = () => {
    if (running || waiting || !pending) return;
    const wait = nextAt - timers.now();
    if (wait > 0) {
      waiting = true;
      timers.after(wait, () => {
        waiting = false;
        tick();
      });
      return;
    }
    pending = false;
    running = true;
    const t0 = timers.now();
    void run()
      .catch(() => {})
      .finally(() => {
        running = false;
        const took = timers.now() - t0;
        nextAt = timers.now() + Math.max(minMs, factor * took);
        tick();
      });
  };
  return () => {
    pending = true;
    tick();
  };
}
