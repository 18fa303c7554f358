// The renderer's side of waveforms: clips ask for their take's peaks as they come into view, the
// asks of one frame travel as one `timeline.peaks` call, and answers are kept by take id (a take's
// audio never changes, so neither do its peaks). A clip scrolled back into view draws at once.
//
// Not in the zustand store on purpose: a thousand clips subscribing to one store would all run
// their selectors on every answer; here each clip listens to its own take only.
import { useEffect, useSyncExternalStore } from 'react';
import { call } from '../../client';

export interface TakePeaks {
  takeId: number;
  /** Samples in the whole take, before trims. */
  samples: number;
  samplesPerPeak: number;
  /** Interleaved [min, max] per bucket, ±127 for ±1.0. */
  data: Int8Array;
}

/** One call answers at most this many lines (the contract's limit). */
const BATCH = 2000;

const byTake = new Map<number, TakePeaks>();
/** Takes asked for and not answered yet. */
const asked = new Set<number>();
const queue = new Map<number, number>(); // takeId -> lineId
const listeners = new Map<number, Set<() => void>>();
let projectOf: string | null = null;
let flushing = false;

function notify(takeId: number): void {
  for (const fn of listeners.get(takeId) ?? []) fn();
}

function decode(base64: string): Int8Array {
  const bin = atob(base64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = (bin.charCodeAt(i) << 24) >> 24;
  return out;
}

async function flush(projectId: string): Promise<void> {
  flushing = false;
  const wanted = [...queue.entries()];
  queue.clear();
  for (let i = 0; i < wanted.length; i += BATCH) {
    const part = wanted.slice(i, i + BATCH);
    try {
      const r = await call('timeline.peaks', { projectId, lineIds: part.map(([, lineId]) => lineId) });
      if (projectOf !== projectId) return;
      for (const c of r.clips) {
        byTake.set(c.takeId, { takeId: c.takeId, samples: c.samples, samplesPerPeak: r.samplesPerPeak, data: decode(c.peaks) });
        notify(c.takeId);
      }
      // A take not answered for was no longer its line's selected one; forget the ask so picking
      // it again fetches it.
      for (const [takeId] of part) if (!byTake.has(takeId)) asked.delete(takeId);
    } catch {
      // A failed batch is asked again the next time those clips mount; a clip without peaks just
      // shows no waveform, which is what it showed before.
      for (const [takeId] of part) asked.delete(takeId);
    }
  }
}

function request(projectId: string, lineId: number, takeId: number): void {
  if (projectOf !== projectId) {
    projectOf = projectId;
    byTake.clear();
    asked.clear();
    queue.clear();
  }
  if (byTake.has(takeId) || asked.has(takeId)) return;
  asked.add(takeId);
  queue.set(takeId, lineId);
  if (flushing) return;
  flushing = true;
  // One frame's worth of newly visible clips in one call.
  requestAnimationFrame(() => void flush(projectId));
}

/** The peaks of a clip's selected take, fetched on first use; null until they arrive or without a take. */
export function usePeaks(projectId: string | null, lineId: number, takeId: number | null): TakePeaks | null {
  const peaks = useSyncExternalStore(
    (fn) => {
      if (takeId === null) return () => {};
      let set = listeners.get(takeId);
      if (!set) listeners.set(takeId, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(takeId);
      };
    },
    () => (takeId === null || projectOf !== projectId ? null : (byTake.get(takeId) ?? null)),
  );
  useEffect(() => {
    if (projectId && takeId !== null) request(projectId, lineId, takeId);
  }, [projectId, lineId, takeId]);
  return peaks;
}
