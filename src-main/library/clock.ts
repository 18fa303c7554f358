// Timestamps that never repeat or go backwards within a process. Saves and cache hits often land in
// the same millisecond; "most recent first" and LRU eviction need a strict order, and a wall clock
// stepping back (NTP) must not make a fresh save look old.
let last = 0;

/** Milliseconds since the epoch, strictly greater than any value returned before. */
export function tick(floor = 0): number {
  last = Math.max(Date.now(), last + 1, floor + 1);
  return last;
}

export function isoNow(): string {
  return new Date(tick()).toISOString();
}
