// Ties the transport (transport.ts, mix-player.ts) to the Timeline screen's life: the player is
// silenced and forgotten when the screen closes or another project opens, and every new view of the
// timeline (an edit, undo, a line finishing its render) re-mixes the windows not yet playing, so
// what is heard keeps up with what is shown. While playing, the lanes scroll to keep the playhead
// in sight, a page at a time as editors do, rather than dragging the view under the pointer.
import { useEffect, type RefObject } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { useTimeline } from './timeline-store';
import { replan, resetTransport, useTransport } from './transport';

export interface MixPlayback {
  /** The playhead in seconds, read live (a marker added while playing lands where the sound is). */
  readonly positionSec: number;
}

export function useMixPlayback(projectId: string | null, scroller?: RefObject<HTMLElement | null>, headPx = 0): MixPlayback {
  const view = useTimeline((s) => s.view);
  // The screen re-renders when a stopped playhead is moved, never 60 times a second while playing.
  useTransport((s) => (s.playing ? -1 : s.playhead));

  useEffect(() => () => resetTransport(), [projectId]);
  useEffect(() => replan(), [view]);

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
