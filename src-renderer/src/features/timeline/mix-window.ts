// The pure half of playback: which window of the timeline to ask the core for next, how to read
// its reply, and where the playhead is given what the audio clock has reached. Apart from Web Audio
// so it is tested in Node.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';

/** The first window is short so sound starts after mixing one second, not the whole timeline. */
export const FIRST_WINDOW = SAMPLE_RATE;
/** Later windows are longer: fewer calls, and each has a whole window's playing time to arrive. */
export const NEXT_WINDOW = 3 * SAMPLE_RATE;
/** How far ahead of the audio clock windows are fetched and scheduled, in seconds. */
export const AHEAD_SEC = 6;

export interface SampleSpan {
  start: number;
  end: number;
}

export interface WindowPlan {
  /** Where the timeline ends: playback without a loop stops here. */
  end: number;
  /** Wraps at loop.end back to loop.start, once playback is inside or before it. */
  loop: SampleSpan | null;
}

/**
 * The next window starting at `from`, or null when playback has reached its end. A loop bounds the
 * window at its end, so the wrap is a window boundary and the join stays sample-exact; once at the
 * loop's end the next window starts at the loop's start.
 */
export function nextWindow(from: number, plan: WindowPlan, first: boolean): SampleSpan | null {
  const size = first ? FIRST_WINDOW : NEXT_WINDOW;
  const loop = plan.loop && plan.loop.end > plan.loop.start ? plan.loop : null;
  if (loop && from < loop.end) return { start: from, end: Math.min(loop.end, from + size) };
  if (loop && from === loop.end) return { start: loop.start, end: Math.min(loop.end, loop.start + size) };
  if (from >= plan.end) return null;
  return { start: from, end: Math.min(plan.end, from + size) };
}

/** A window scheduled on the audio clock: samples [from, to) play from `at` to `until` seconds. */
export interface Segment {
  at: number;
  until: number;
  from: number;
  to: number;
  rate: number;
}

/**
 * The timeline sample heard at audio-clock time `t`. Before the first segment it is where play
 * started; in a gap (a window that arrived late) it waits at the end of the last one heard.
 */
export function positionAt(segments: readonly Segment[], t: number, startedFrom: number): number {
  let pos = startedFrom;
  for (const s of segments) {
    if (t < s.at) break;
    if (t < s.until) return Math.min(s.to, s.from + Math.floor((t - s.at) * SAMPLE_RATE * s.rate));
    pos = s.to;
  }
  return pos;
}

/** Reads the core's planar float32 (base64) into one array per channel. */
export function decodePlanar(base64: string, channels: number): Float32Array[] {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const all = new Float32Array(bytes.buffer, 0, bytes.length >> 2);
  const n = all.length / channels;
  return Array.from({ length: channels }, (_, c) => all.subarray(c * n, (c + 1) * n));
}

export function clampSample(s: number, end: number): number {
  return Math.max(0, Math.min(Math.round(s), Math.max(0, end)));
}

/** The transport clock: m:ss.mmm, tabular so it does not jitter while playing. */
export function formatClock(sec: number): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const m = Math.floor(ms / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  return `${m}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * What the mix depends on, as one string: a new view with the same key (a render moving from
 * queued to rendering, a selection) sounds the same, so the windows ahead need not be mixed again.
 */
export function mixKey(view: TimelineView | null): string {
  if (!view) return '';
  const tracks = view.tracks.map((t) => `${t.speaker}|${t.gainDb}|${t.pan}|${+t.mute}|${+t.solo}`);
  const clips = view.clips.map((c) => `${c.lineId}|${c.speaker}|${c.startSample}|${c.samples}|${c.take?.id ?? '-'}|${c.gainDb}|${c.fadeInSamples}|${c.fadeOutSamples}|${c.trimStartSamples}|${c.trimEndSamples}`);
  return `${view.master.gainDb}|${+view.master.limiter}#${tracks.join(';')}#${clips.join(';')}`;
}
