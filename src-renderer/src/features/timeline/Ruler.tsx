// The time ruler over the lanes. Only the ticks in the scroller's window (useScrollWindow) are in the
// page: an hour-long scene at the closest zoom would otherwise be tens of thousands of divs, and
// every zoom step would rebuild them all.
//
// Pointer gestures follow Reaper: a press moves the playhead there at once; dragging on from the
// press sweeps a loop range instead (Shift-drag sweeps one without moving the playhead). The
// ticks are memoized: the playhead and loop marks re-render on their own (RulerMarks).
import { memo, useRef, type PointerEvent, type RefObject } from 'react';
import { formatTime, rulerStep } from './geometry';
import { RulerMarks, sampleAtPointer } from './Playhead';
import { seek, setLoop, useTransport } from './transport';
import { useScrollWindow } from './useScrollWindow';

/** Movement before a press on the ruler becomes a loop sweep rather than a seek. */
const SWEEP_PX = 4;

const Ticks = memo(function Ticks({ widthPx, pxPerSec, fromPx, toPx }: { widthPx: number; pxPerSec: number; fromPx: number; toPx: number }) {
  const { majorSec, minorSec } = rulerStep(pxPerSec);
  const seconds = Math.min(widthPx, toPx) / pxPerSec;
  const ticks: { sec: number; major: boolean }[] = [];
  const perMajor = Math.round(majorSec / minorSec);
  // Start on a major tick at or before the window, so labels never start mid-way.
  const first = Math.max(0, Math.floor(fromPx / pxPerSec / majorSec) * perMajor);
  for (let i = first; i * minorSec <= seconds; i++) ticks.push({ sec: i * minorSec, major: i % perMajor === 0 });
  return (
    <>
      {ticks.map((t) => (
        <div key={t.sec} className={`tl-tick${t.major ? ' is-major' : ''}`} style={{ left: t.sec * pxPerSec }}>
          {t.major && <span className="tl-tick-label">{formatTime(t.sec, majorSec < 1)}</span>}
        </div>
      ))}
    </>
  );
});

export function Ruler({ widthPx, pxPerSec, scroller, headW }: { widthPx: number; pxPerSec: number; scroller: RefObject<HTMLDivElement | null>; headW: number }) {
  const press = useRef<{ x: number; at: number; sweeping: boolean } | null>(null);
  const win = useScrollWindow(scroller, headW);

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const at = sampleAtPointer(e, pxPerSec);
    press.current = { x: e.clientX, at, sweeping: false };
    if (!e.shiftKey) seek(at);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = press.current;
    if (!p) return;
    if (!p.sweeping && Math.abs(e.clientX - p.x) < SWEEP_PX) return;
    p.sweeping = true;
    const at = sampleAtPointer(e, pxPerSec);
    // The band follows the pointer; the player hears about the loop once, on release.
    useTransport.setState({ loop: { start: Math.min(p.at, at), end: Math.max(p.at, at) }, loopOn: true });
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    const p = press.current;
    press.current = null;
    if (!p?.sweeping) return;
    const at = sampleAtPointer(e, pxPerSec);
    setLoop({ start: Math.min(p.at, at), end: Math.max(p.at, at) });
  };

  return (
    <div
      className="tl-ruler"
      style={{ width: widthPx }}
      title="Click to move the playhead; drag to set a loop"
      data-testid="tl-ruler"
      data-px-per-sec={pxPerSec}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={() => (press.current = null)}
    >
      <Ticks widthPx={widthPx} pxPerSec={pxPerSec} fromPx={win.from} toPx={win.to} />
      <RulerMarks pxPerSec={pxPerSec} />
    </div>
  );
}
