// The timeline's transport: playhead, play/stop/pause, shuttle speed and loop, in a store of their
// own so the playhead moving 60 times a second re-renders the playhead and the clock, never the
// lanes. The timeline store holds what the core owns; this holds what only the player knows.
//
// Stop follows Audition and Reaper: Space (or the Stop button) stops and returns the playhead to
// where play started, so the same passage can be heard again at once; K pauses, leaving the
// playhead where the sound stopped.
import { create } from 'zustand';
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { call } from '../../client';
import { renderLines, useTimeline } from './timeline-store';
import { getStudio } from '../../store/studio';
import { screenPlaybackEnded, screenPlaybackMoved, screenPlaybackStarted } from '../../store/playback-actions';
import { clampSample, decodePlanar, type SampleSpan, type WindowPlan } from './mix-window';
import { MixPlayer } from './mix-player';
import { readingAt, useMeters } from './meters';

export const SHUTTLE_RATES = [1, 2, 4] as const;

export interface TransportData {
  /** Where play starts, in samples; while playing, what is being heard. */
  playhead: number;
  playing: boolean;
  /** Where the current play began: Stop returns here. */
  playedFrom: number | null;
  loop: SampleSpan | null;
  loopOn: boolean;
  rate: number;
  error: string | null;
  /** Windows scheduled since play, and how many of them had sound (the e2e reads these). */
  windows: number;
  audibleWindows: number;
  /** Lines heard as silence in the latest window because they have no take yet. */
  silentLines: number;
  /** Windows that arrived after the previous one had ended (a gap was heard). */
  lateWindows: number;
  /** Milliseconds from the last Play to its first window sounding (measured here, for the e2e log). */
  firstSoundMs: number | null;
}

const initial = (): TransportData => ({ playhead: 0, playing: false, playedFrom: null, loop: null, loopOn: false, rate: 1, error: null, windows: 0, audibleWindows: 0, silentLines: 0, lateWindows: 0, firstSoundMs: null });

export const useTransport = create<TransportData>()(() => initial());

const selectLoop = (s: TransportData) => s.loop;
/** The range marked on the ruler, or null. Other features read it through this, never the store. */
export const useLoopRange = (): SampleSpan | null => useTransport(selectLoop);
const get = () => useTransport.getState();
const set = (p: Partial<TransportData>) => useTransport.setState(p);

let player: MixPlayer | null = null;
let frame = 0;
let playPressedAt = 0;

function projectId(): string | null {
  return useTimeline.getState().projectId;
}

/** End of the last clip as the timeline shows it (unrendered lines by their estimated length). */
export function timelineEnd(view: TimelineView | null = useTimeline.getState().view): number {
  return (view?.clips ?? []).reduce((m, c) => Math.max(m, c.startSample + c.samples), 0);
}

/** What plays must be what exports: mono, or stereo with each speaker's pan, as Settings → Export says. */
function channelsOf(_view: TimelineView | null): 1 | 2 {
  return getStudio().settings?.exportChannels ?? 1;
}

function plan(): WindowPlan {
  const { loop, loopOn } = get();
  return { end: timelineEnd(), loop: loopOn ? loop : null };
}

async function fetchWindow(from: number, to: number, channels: 1 | 2) {
  const id = projectId();
  if (!id) throw new Error('no project is open');
  const r = await call('timeline.mixWindow', { projectId: id, fromSample: from, toSample: to, channels, meters: true });
  return { channels: decodePlanar(r.pcm, r.channels), missing: r.missing, meters: r.meters };
}

function getPlayer(): MixPlayer {
  player ??= new MixPlayer(fetchWindow, {
    onWindow: (w) => {
      const first = get().windows === 0 ? { firstSoundMs: Math.round((performance.now() - playPressedAt + w.inMs) * 10) / 10 } : {};
      set({ windows: get().windows + 1, audibleWindows: get().audibleWindows + (w.audible ? 1 : 0), lateWindows: get().lateWindows + (w.late ? 1 : 0), silentLines: w.missing.length, ...first });
    },
    onEnded: () => finish(true),
    onError: (m) => {
      finish(true);
      set({ error: `Playback failed: ${m}` });
    },
  });
  return player;
}

function follow(): void {
  cancelAnimationFrame(frame);
  let shown: { meters: unknown; step: number } | null = null;
  const tick = () => {
    if (!player?.playing) return;
    const at = player.position();
    set({ playhead: at });
    const m = player.metersNow();
    if (m && (m.meters !== shown?.meters || m.step !== shown.step)) useMeters.setState({ reading: readingAt(m.meters, m.step) });
    shown = m;
    screenPlaybackMoved(at / SAMPLE_RATE, timelineEnd() / SAMPLE_RATE);
    frame = requestAnimationFrame(tick);
  };
  frame = requestAnimationFrame(tick);
}

/** Ends a play; `back` returns the playhead to where it began. */
function finish(back: boolean): void {
  cancelAnimationFrame(frame);
  const at = player?.playing ? player.position() : get().playhead;
  player?.stop();
  const from = get().playedFrom;
  set({ playing: false, playedFrom: null, rate: 1, playhead: back && from !== null ? from : at });
  useMeters.setState({ reading: null });
  screenPlaybackEnded();
}

/** Lines that would be silent are queued for rendering, and heard once done (see replan). */
function renderSilentLines(): void {
  const clips = useTimeline.getState().view?.clips ?? [];
  const todo = clips.filter((c) => c.status !== 'ready' && !(c.render && ['queued', 'rendering', 'failed'].includes(c.render.state))).map((c) => c.lineId);
  if (todo.length > 0) void renderLines(todo);
}

/** Plays from the playhead (or `at`); while already playing, carries on from there. */
export function play(rate = 1, at = get().playhead): void {
  const view = useTimeline.getState().view;
  if (!projectId() || !view || view.clips.length === 0) return;
  const end = timelineEnd(view);
  // At the very end, play from the start rather than hear nothing.
  const from = at >= end && !(get().loopOn && get().loop) ? 0 : at;
  playPressedAt = performance.now();
  screenPlaybackStarted(from / SAMPLE_RATE, end / SAMPLE_RATE);
  set({ playing: true, playedFrom: get().playing ? get().playedFrom : from, playhead: from, rate, error: null, windows: 0, audibleWindows: 0, lateWindows: 0 });
  getPlayer().play(from, plan(), { rate, channels: channelsOf(view) });
  follow();
  renderSilentLines();
}

export const stop = (): void => finish(true);
export const pause = (): void => finish(false);

export function togglePlay(): void {
  if (get().playing) stop();
  else play();
}

/** L: play, or play faster (1×, 2×, 4×) when already playing. */
export function shuttleForward(): void {
  if (!get().playing) return play(1);
  const next = SHUTTLE_RATES.find((r) => r > get().rate);
  if (next !== undefined) play(next, player!.position());
}

/** Moves the playhead; while playing, playback carries on from there. */
export function seek(sample: number): void {
  const to = clampSample(sample, Math.max(timelineEnd(), get().loop?.end ?? 0));
  if (!get().playing) return set({ playhead: to });
  // Past the end there is nothing to hear: stop there, as End does in any editor.
  if (to >= timelineEnd() && !(get().loopOn && get().loop)) {
    finish(false);
    return set({ playhead: to });
  }
  play(get().rate, to);
}

export function seekBy(seconds: number): void {
  const at = get().playing && player ? player.position() : get().playhead;
  seek(at + Math.round(seconds * SAMPLE_RATE));
}

export const seekStart = (): void => seek(0);
export const seekEnd = (): void => seek(timelineEnd());

/** Sets the loop (a drag on the ruler) and turns looping on; a span under 50 ms clears it. */
export function setLoop(span: SampleSpan | null): void {
  const ok = span && span.end - span.start >= SAMPLE_RATE / 20;
  set(ok ? { loop: { start: Math.max(0, Math.round(span.start)), end: Math.round(span.end) }, loopOn: true } : { loop: null, loopOn: false });
  replan();
}

export function toggleLoop(): void {
  if (!get().loop) return;
  set({ loopOn: !get().loopOn });
  replan();
}

/** The timeline or the loop changed: windows not yet playing are mixed again. */
export function replan(): void {
  if (!player) return;
  if (get().playing) player.replan(plan(), channelsOf(useTimeline.getState().view));
  else player.unprime();
}

/** Stopped: mix the window at the playhead ahead of Play (see MixPlayer.prime). */
export function primeAtPlayhead(): void {
  const view = useTimeline.getState().view;
  if (get().playing || !projectId() || !view || view.clips.length === 0) return;
  getPlayer().prime(get().playhead, plan(), channelsOf(view));
}

/** The screen closed or the project changed: silence and forget. */
export function resetTransport(): void {
  cancelAnimationFrame(frame);
  if (get().playing) screenPlaybackEnded();
  player?.dispose();
  player = null;
  useTransport.setState(initial());
  useMeters.setState({ reading: null });
}
