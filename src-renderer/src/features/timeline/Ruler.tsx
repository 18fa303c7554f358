// The time ruler over the lanes. Ticks are computed for the whole width at once: even an hour at
// the closest zoom is a few thousand small divs, cheap next to re-rendering the clips.
import { formatTime, rulerStep } from './geometry';

export function Ruler({ widthPx, pxPerSec }: { widthPx: number; pxPerSec: number }) {
  const { majorSec, minorSec } = rulerStep(pxPerSec);
  const seconds = widthPx / pxPerSec;
  const ticks: { sec: number; major: boolean }[] = [];
  const perMajor = Math.round(majorSec / minorSec);
  for (let i = 0; i * minorSec <= seconds; i++) ticks.push({ sec: i * minorSec, major: i % perMajor === 0 });
  return (
    <div className="tl-ruler" style={{ width: widthPx }} aria-hidden="true">
      {ticks.map((t) => (
        <div key={t.sec} className={`tl-tick${t.major ? ' is-major' : ''}`} style={{ left: t.sec * pxPerSec }}>
          {t.major && <span className="tl-tick-label">{formatTime(t.sec, majorSec < 1)}</span>}
        </div>
      ))}
    </div>
  );
}
