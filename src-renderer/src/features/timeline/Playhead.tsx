// The playhead and the loop band: a line and a shaded span across the lanes, and on the ruler a
// grip to drag the playhead by and the loop's bracket. Each subscribes to the transport store on
// its own, so the playhead moving re-renders these few elements and nothing else.
import { useRef, type PointerEvent } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { pxToSamples, samplesToPx } from './geometry';
import { pause, play, seek, setLoop, useTransport } from './transport';

/** The sample under the pointer on an element whose left edge is timeline zero. */
export function sampleAtPointer(e: { clientX: number; currentTarget: Element }, pxPerSec: number): number {
  return Math.max(0, pxToSamples(e.clientX - e.currentTarget.getBoundingClientRect().left, pxPerSec));
}

/** Line and loop band over the lanes; `left` is where timeline zero sits in the canvas. */
export function PlayheadOverlay({ pxPerSec, left }: { pxPerSec: number; left: number }) {
  const playhead = useTransport((s) => s.playhead);
  const loop = useTransport((s) => s.loop);
  const loopOn = useTransport((s) => s.loopOn);
  return (
    <>
      {loop && (
        <div
          className={`tl-loop-band${loopOn ? ' is-on' : ''}`}
          style={{ left: left + samplesToPx(loop.start, pxPerSec), width: samplesToPx(loop.end - loop.start, pxPerSec) }}
          data-testid="tl-loop-band"
          data-start={loop.start}
          data-end={loop.end}
          data-on={loopOn}
        />
      )}
      <div className="tl-playhead" style={{ left: left + samplesToPx(playhead, pxPerSec) }} data-testid="tl-playhead" data-sample={playhead} data-sec={(playhead / SAMPLE_RATE).toFixed(2)} />
    </>
  );
}

/** On the ruler: the loop bracket and the playhead's grip, which drags the playhead. */
export function RulerMarks({ pxPerSec }: { pxPerSec: number }) {
  const playhead = useTransport((s) => s.playhead);
  const loop = useTransport((s) => s.loop);
  const loopOn = useTransport((s) => s.loopOn);
  const drag = useRef<{ resume: boolean } | null>(null);

  // Dragging while playing pauses, and play resumes from where the grip is let go.
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    const resume = useTransport.getState().playing;
    if (resume) pause();
    drag.current = { resume };
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const ruler = e.currentTarget.parentElement!;
    seek(sampleAtPointer({ clientX: e.clientX, currentTarget: ruler }, pxPerSec));
  };
  const onUp = () => {
    if (drag.current?.resume) play();
    drag.current = null;
  };

  return (
    <>
      {loop && <div className={`tl-loop-bracket${loopOn ? ' is-on' : ''}`} style={{ left: samplesToPx(loop.start, pxPerSec), width: samplesToPx(loop.end - loop.start, pxPerSec) }} />}
      {loop && <LoopEdge edge="start" at={loop.start} pxPerSec={pxPerSec} />}
      {loop && <LoopEdge edge="end" at={loop.end} pxPerSec={pxPerSec} />}
      <div
        className="tl-playhead-grip"
        style={{ left: samplesToPx(playhead, pxPerSec) }}
        title="Drag to move the playhead"
        data-testid="tl-playhead-grip"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      />
    </>
  );
}

/**
 * A loop edge on the ruler, dragged to move that end of the loop. The band follows the pointer and
 * the player hears about the new loop once, on release; dragged past the other end, the two swap.
 */
function LoopEdge({ edge, at, pxPerSec }: { edge: 'start' | 'end'; at: number; pxPerSec: number }) {
  const other = useRef<number | null>(null);
  const spanTo = (e: PointerEvent<HTMLDivElement>) => {
    const s = sampleAtPointer({ clientX: e.clientX, currentTarget: e.currentTarget.parentElement! }, pxPerSec);
    return { start: Math.min(s, other.current!), end: Math.max(s, other.current!) };
  };
  return (
    <div
      className={`tl-loop-edge is-${edge}`}
      style={{ left: samplesToPx(at, pxPerSec) }}
      title={`Drag to move the loop's ${edge}`}
      data-testid={`tl-loop-${edge}`}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        const loop = useTransport.getState().loop!;
        other.current = edge === 'start' ? loop.end : loop.start;
      }}
      onPointerMove={(e) => {
        if (other.current !== null) useTransport.setState({ loop: spanTo(e) });
      }}
      onPointerUp={(e) => {
        if (other.current === null) return;
        setLoop(spanTo(e));
        other.current = null;
      }}
      onPointerCancel={() => (other.current = null)}
    />
  );
}
