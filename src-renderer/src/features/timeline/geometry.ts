// Time ↔ pixel math of the timeline, apart from React so it is tested in Node. Positions are kept
// in samples (what the core stores) and only turned into pixels at the edge, so a zoom change never
// rounds a clip's start.
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';

// Low enough that zoom to fit shows a ten-hour book in a narrow window.
export const ZOOM_MIN = 0.01;
export const ZOOM_MAX = 800;
export const ZOOM_DEFAULT = 80;
/** The grid a dragged clip falls on when no clip edge is nearer. */
export const SNAP_GRID_SAMPLES = SAMPLE_RATE / 10;
/** How close, in pixels, a dragged edge must come to another clip's edge to stick to it. */
export const SNAP_EDGE_PX = 8;

export const samplesToPx = (samples: number, pxPerSec: number): number => (samples / SAMPLE_RATE) * pxPerSec;
export const pxToSamples = (px: number, pxPerSec: number): number => Math.round((px / pxPerSec) * SAMPLE_RATE);

/** Zoom steps by a factor so each press feels the same at any zoom level. */
export function zoomBy(pxPerSec: number, factor: number): number {
  return clampZoom(pxPerSec * factor);
}

/** A zoom within the limits, to three significant figures (whole px/s from 100 up). */
export function clampZoom(pxPerSec: number): number {
  const z = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, pxPerSec));
  return Number(z.toPrecision(3));
}

/** The zoom that shows `samples` of program in `widthPx` of lanes, with a little room after. */
export function zoomToFit(samples: number, widthPx: number): number {
  const sec = Math.max(1, samples / SAMPLE_RATE) * 1.02;
  const fit = Math.max(1, widthPx) / sec;
  // Round down so the end stays in view.
  const z = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, fit));
  const digits = Number(z.toPrecision(3));
  return digits > z ? Number((z * 0.995).toPrecision(3)) : digits;
}

/** How the zoom reads in the toolbar. */
export function formatZoom(pxPerSec: number): string {
  return `${pxPerSec >= 10 ? Math.round(pxPerSec) : pxPerSec >= 1 ? pxPerSec.toFixed(1) : pxPerSec.toPrecision(2)} px/s`;
}

export interface Span {
  start: number;
  length: number;
}

/**
 * Where a clip dragged to `start` lands. Its start or end sticks to another clip's edge when that is
 * within SNAP_EDGE_PX (lining up an interruption with the end of a line is the common case);
 * otherwise the start falls on the 100 ms grid. `free` (Alt held) turns snapping off.
 */
export function snapStart(start: number, length: number, others: readonly Span[], pxPerSec: number, free = false): number {
  const clamped = Math.max(0, Math.round(start));
  if (free) return clamped;
  const reach = pxToSamples(SNAP_EDGE_PX, pxPerSec);
  // Each other clip offers four landings: my start or my end on its start or its end.
  const landings: [candidate: number, dist: number][] = [];
  for (const o of others) {
    for (const edge of [o.start, o.start + o.length]) {
      landings.push([edge, Math.abs(clamped - edge)], [edge - length, Math.abs(clamped + length - edge)]);
    }
  }
  let best = -1;
  let bestDist = reach + 1;
  for (const [candidate, dist] of landings) {
    if (candidate >= 0 && dist < bestDist) {
      best = candidate;
      bestDist = dist;
    }
  }
  if (best >= 0) return best;
  return Math.round(clamped / SNAP_GRID_SAMPLES) * SNAP_GRID_SAMPLES;
}

/** Ruler ticks: a label step that keeps labels at least ~70 px apart, with minor ticks between. */
export function rulerStep(pxPerSec: number): { majorSec: number; minorSec: number } {
  const steps = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400];
  const majorSec = steps.find((s) => s * pxPerSec >= 70) ?? 28_800;
  const minorSec = majorSec >= 1 && majorSec % 5 === 0 ? majorSec / 5 : majorSec / 2;
  return { majorSec, minorSec };
}

export function formatTime(sec: number, withTenths: boolean): string {
  const m = Math.floor(sec / 60);
  const s = sec - m * 60;
  const whole = Math.floor(s + 1e-9);
  const base = `${m}:${String(whole).padStart(2, '0')}`;
  if (!withTenths) return base;
  return `${base}.${Math.floor((s - whole) * 10 + 1e-6)}`;
}

/** A trim never leaves less than this to play (50 ms): a zero-length clip could not be grabbed again. */
export const MIN_CLIP_SAMPLES = SAMPLE_RATE / 20;

/** Where a clip is and how it is cut: what a gesture changes before it is sent as one op. */
export interface ClipShape {
  start: number;
  trimStart: number;
  trimEnd: number;
  fadeIn: number;
  fadeOut: number;
}

/** What the pointer grabbed: the body moves the clip, the edges trim it, the corner handles fade it. */
export type Grip = 'move' | 'trim-start' | 'trim-end' | 'fade-in' | 'fade-out';

/** An edge dragged to `pos` sticks to the nearest other clip edge within SNAP_EDGE_PX, if any. */
export function snapEdge(pos: number, others: readonly Span[], pxPerSec: number, free = false): number {
  const at = Math.round(pos);
  if (free) return at;
  let best = at;
  let bestDist = pxToSamples(SNAP_EDGE_PX, pxPerSec) + 1;
  for (const o of others) {
    for (const edge of [o.start, o.start + o.length]) {
      const d = Math.abs(at - edge);
      if (d < bestDist) {
        best = edge;
        bestDist = d;
      }
    }
  }
  return best;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * The clip after dragging a trim or fade grip by `delta` samples. A head trim moves the clip's left
 * edge with the pointer (the audio stays where it was); trims keep MIN_CLIP_SAMPLES and never go
 * past the take's ends; fades stay within what plays and never overlap each other.
 */
export function dragGrip(grip: Exclude<Grip, 'move'>, o: ClipShape, takeSamples: number, delta: number, snap: (edge: number) => number = Math.round): ClipShape {
  const played = takeSamples - o.trimStart - o.trimEnd;
  switch (grip) {
    case 'trim-start': {
      const edge = snap(o.start + delta);
      const trimStart = clamp(o.trimStart + (edge - o.start), Math.max(0, o.trimStart - o.start), takeSamples - o.trimEnd - MIN_CLIP_SAMPLES);
      return { ...o, trimStart, start: o.start + (trimStart - o.trimStart) };
    }
    case 'trim-end': {
      const end = o.start + played;
      const trimEnd = clamp(o.trimEnd - (snap(end + delta) - end), 0, takeSamples - o.trimStart - MIN_CLIP_SAMPLES);
      return { ...o, trimEnd };
    }
    case 'fade-in':
      return { ...o, fadeIn: clamp(Math.round(o.fadeIn + delta), 0, played - o.fadeOut) };
    case 'fade-out':
      return { ...o, fadeOut: clamp(Math.round(o.fadeOut - delta), 0, played - o.fadeIn) };
  }
}
