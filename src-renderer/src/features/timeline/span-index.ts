// Which clips meet a window, in O(log n + k) rather than a scan of the lane: the window moves as the
// user scrolls, and a book's lane holds thousands of clips. Clips may overlap and have any length
// (an interruption, a long paragraph), so a sorted start alone cannot bound the search; the running
// maximum of the clips' ends can, since it never decreases.
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';

interface SpanLike {
  startSample: number;
  samples: number;
}

export interface SpanIndex<T extends SpanLike> {
  /** The clips by start (stable: equal starts keep their order). */
  readonly sorted: readonly T[];
  /** maxEnd[i]: the furthest end among sorted[0..i]. */
  readonly maxEnd: Float64Array;
}

export function indexSpans<T extends SpanLike>(clips: readonly T[]): SpanIndex<T> {
  const sorted = [...clips].sort((a, b) => a.startSample - b.startSample);
  const maxEnd = new Float64Array(sorted.length);
  let m = -Infinity;
  sorted.forEach((c, i) => (maxEnd[i] = m = Math.max(m, c.startSample + c.samples)));
  return { sorted, maxEnd };
}

/** First index in [0, n] where `pred` turns true; `pred` must be false…false true…true. */
function firstTrue(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The clips whose span meets [from, to) in samples, in start order. */
export function spansIn<T extends SpanLike>(index: SpanIndex<T>, from: number, to: number): T[] {
  const { sorted, maxEnd } = index;
  // Before `lo` every clip ends at or before `from`; from `hi` on every clip starts at or after `to`.
  const lo = firstTrue(sorted.length, (i) => maxEnd[i]! > from);
  const hi = firstTrue(sorted.length, (i) => sorted[i]!.startSample >= to);
  const out: T[] = [];
  for (let i = lo; i < hi; i++) {
    const c = sorted[i]!;
    if (c.startSample + c.samples > from) out.push(c);
  }
  return out;
}

/** The same, for a window in lane pixels at a zoom. */
export function spansInPx<T extends SpanLike>(index: SpanIndex<T>, fromPx: number, toPx: number, pxPerSec: number): T[] {
  return spansIn(index, (fromPx / pxPerSec) * SAMPLE_RATE, (toPx / pxPerSec) * SAMPLE_RATE);
}
