// Ties the transport (transport.ts, mix-player.ts) to the Timeline screen's life: the player is
// silenced and forgotten when the screen closes or another project opens, and every new view of the
// timeline (an edit, undo, a line finishing its render) re-mixes the windows not yet playing, so
// what is heard keeps up with what is shown. While playing, the lanes scroll to keep the playhead
// in sight, a page at a time as editors do, rather than dragging the view under the pointer.
import { useEffect, useMemo, type RefObject } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { mixKey } from './mix-window';
import { useTimeline } from './timeline-store';
import { attachScreenTransport } from '../../store/playback-actions';
import { play, primeAtPlayhead, replan, resetTransport, stop, useTransport } from './transport';

/** Quiet time after the last seek or edit before the window at the playhead is mixed ahead. */
const PRIME_DELAY_MS = 120;

export function useMixPlayback(projectId: string | null, scroller?: RefObject<HTMLElement | null>, headPx = 0): void {
  const view = useTimeline((s) => s.view);

  useEffect(() => () => resetTransport(), [projectId]);
  // While this screen is open, the top bar's Play and Space play the timeline (one transport).
  useEffect(() => attachScreenTransport({ play: () => play(), stop }), []);
  const key = useMemo(() => mixKey(view), [view]);
  useEffect(() => replan(), [key]);

  // While stopped, keep the first window at the playhead mixed, so Play starts without a round trip.
  // A store subscription, not a selector: a seek must not re-render the whole screen.
  useEffect(() => {
    if (!key) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(primeAtPlayhead, PRIME_DELAY_MS);
    };
    later();
    const off = useTransport.subscribe((s, prev) => {
      if (s.playing) return clearTimeout(timer);
      if (s.playhead !== prev.playhead || s.playing !== prev.playing || s.loop !== prev.loop || s.loopOn !== prev.loopOn) later();
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [key]);

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
}
