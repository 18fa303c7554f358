// Ties the transport (transport.ts, mix-player.ts) to the Timeline screen's life: the player is
// silenced and forgotten when the screen closes or another project opens, and every new view of the
// timeline (an edit, undo, a line finishing its render) re-mixes the windows not yet playing, so
// what is heard keeps up with what is shown. While playing, the lanes scroll to keep the playhead
// in sight, a page at a time as editors do, rather than dragging the view under the pointer.
import { useEffect, useMemo, type RefObject } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { mixKey } from './mix-window';
import { useTimeline } from './timeline-store';
import { primeAtPlayhead, replan, resetTransport, useTransport } from './transport';

/** Quiet time after the last seek or edit before the window at the playhead is mixed ahead. */
const PRIME_DELAY_MS = 120;

export interface MixPlayback {
  /** The playhead in seconds, read live (a marker added while playing lands where the sound is). */
  readonly positionSec: number;
}

export function useMixPlayback(projectId: string | null, scroller?: RefObject<HTMLElement | null>, headPx = 0): MixPlayback {
  const view = useTimeline((s) => s.view);

  useEffect(() => () => resetTransport(), [projectId]);
  const key = useMemo(() => mixKey(view), [view]);
  useEffect(() => replan(), [key]);

  // While stopped, keep the first window at the playhead mixed, so Play starts without a round trip.
  // (The screen re-renders when a stopped playhead moves, never 60 times a second while playing.)
  const playhead = useTransport((s) => (s.playing ? -1 : s.playhead));
  const loopKey = useTransport((s) => `${s.loopOn}:${s.loop?.start}:${s.loop?.end}`);
  useEffect(() => {
    if (playhead < 0 || !key) return;
    const t = setTimeout(primeAtPlayhead, PRIME_DELAY_MS);
    return () => clearTimeout(t);
  }, [playhead, loopKey, key]);

  useEffect(() => {
    if (!scroller) return;
    return useTransport.subscribe((s, prev) => {
      const el = scroller.current;
      if (!el || !s.playing || s.playhead === prev.playhead) return;
      const x = headPx + (s.playhead / SAMPLE_RATE) * useTimeline.getState().pxPerSec;
      const visible = el.clientWidth - headPx;
      if (x > el.scrollLeft + el.clientWidth - 24 || x < el.scrollLeft + headPx) el.scrollLeft = Math.max(0, x - headPx - visible * 0.1);
    });
  }, [scroller, headPx]);

  return live;
}

const live: MixPlayback = {
  get positionSec() {
    return useTransport.getState().playhead / SAMPLE_RATE;
  },
};
