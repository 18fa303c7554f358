// The take's waveform on a canvas, with the trim as two draggable handles (also arrow keys) and the
// playback cursor. The canvas redraws only when the take, the trim or its size changes; handles
// and cursor are elements placed by CSS variables, so dragging does not repaint the samples.
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampTrim, waveformPeaks, type Take, type Trim } from '../../audio/recorder-take';
import { cssVars } from '../../lib/css-vars';

interface Props {
  take: Take;
  /** Absent for a file, whose part is chosen by the core. */
  trim?: Trim;
  onTrim?(trim: Trim): void;
  /** Where playback is, in seconds into the take; null when not playing. */
  cursor(): number | null;
}

const KEY_STEP_SEC = 0.1;

export function Waveform({ take, trim, onTrim, cursor }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef<'start' | 'end' | null>(null);
  const duration = take.pcm.length / take.sampleRate;

  useEffect(() => {
    const c = canvas.current;
    const el = box.current;
    if (!c || !el) return;
    const draw = () => {
      const w = Math.max(1, el.clientWidth);
      const h = Math.max(1, c.clientHeight);
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
      const g = c.getContext('2d');
      if (!g) return;
      const css = getComputedStyle(el);
      const on = css.getPropertyValue('--wave-on').trim() || '#5b9dff';
      const off = css.getPropertyValue('--wave-off').trim() || '#586072';
      const { min, max } = waveformPeaks(take.pcm, c.width);
      const mid = c.height / 2;
      g.clearRect(0, 0, c.width, c.height);
      const from = trim ? (trim.startSec / duration) * c.width : 0;
      const to = trim ? (trim.endSec / duration) * c.width : c.width;
      for (let x = 0; x < c.width; x++) {
        g.fillStyle = x >= from && x <= to ? on : off;
        const top = mid - max[x]! * mid * 0.95;
        const bottom = mid - min[x]! * mid * 0.95;
        g.fillRect(x, top, 1, Math.max(1, bottom - top));
      }
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(el);
    return () => ro.disconnect();
  }, [take, trim, duration]);

  useEffect(() => {
    let frame = 0;
    const step = () => {
      const at = cursor();
      const el = box.current;
      if (el) {
        el.style.setProperty('--cursor', at === null ? '-1' : String(at / duration));
        el.dataset.playing = at === null ? 'false' : 'true';
      }
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [cursor, duration]);

  const secAt = (clientX: number): number => {
    const r = box.current!.getBoundingClientRect();
    return Math.min(duration, Math.max(0, ((clientX - r.left) / r.width) * duration));
  };

  const move = (edge: 'start' | 'end', sec: number) => {
    if (!trim || !onTrim) return;
    const next = edge === 'start' ? { startSec: Math.min(sec, trim.endSec - 0.5), endSec: trim.endSec } : { startSec: trim.startSec, endSec: Math.max(sec, trim.startSec + 0.5) };
    onTrim(clampTrim(next, duration));
  };

  const handle = (edge: 'start' | 'end') => ({
    role: 'slider' as const,
    tabIndex: 0,
    'aria-label': edge === 'start' ? 'Trim start' : 'Trim end',
    'aria-valuemin': 0,
    'aria-valuemax': Number(duration.toFixed(1)),
    'aria-valuenow': Number((edge === 'start' ? trim!.startSec : trim!.endSec).toFixed(1)),
    'aria-valuetext': `${(edge === 'start' ? trim!.startSec : trim!.endSec).toFixed(1)} seconds`,
    'data-testid': `clone-trim-handle-${edge}`,
    className: `trim-handle is-${edge}`,
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      dragging.current = edge;
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      if (dragging.current === edge) move(edge, secAt(e.clientX));
    },
    onPointerUp: () => (dragging.current = null),
    onPointerCancel: () => (dragging.current = null),
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      const cur = edge === 'start' ? trim!.startSec : trim!.endSec;
      const step = e.shiftKey ? 1 : KEY_STEP_SEC;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') move(edge, cur - step);
      else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') move(edge, cur + step);
      else return;
      e.preventDefault();
    },
  });

  return (
    <div
      className="waveform"
      ref={box}
      data-testid="clone-waveform"
      style={cssVars({ '--start': trim ? trim.startSec / duration : 0, '--end': trim ? trim.endSec / duration : 1 })}
    >
      <canvas ref={canvas} className="waveform-canvas" aria-label={`Waveform of the recording, ${duration.toFixed(1)} seconds`} role="img" />
      {trim && (
        <>
          <div className="trim-shade is-start" />
          <div className="trim-shade is-end" />
          <div {...handle('start')} />
          <div {...handle('end')} />
        </>
      )}
      <div className="wave-cursor" />
    </div>
  );
}
