// The live input meter: level (RMS) and peak bars in dBFS, a held peak tick, the numbers, and a
// clipping lamp that stays lit until clicked. Readings arrive ~40 times a second; they are written
// to CSS variables on the element each animation frame instead of through React state, so the
// meter does not re-render the recorder around it.
import { useEffect, useRef, useState } from 'react';
import { FLOOR_DB, meterFraction, type MeterReading } from '../../audio/recorder-levels';
import { cssVars } from '../../lib/css-vars';

export interface MeterSource {
  current(): MeterReading | null;
}

function fmt(db: number): string {
  if (db <= FLOOR_DB) return '−∞';
  const r = Math.round(db);
  // Over full scale is possible (inter-sample peaks, a hot interface) and worth a visible sign.
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '0';
}

export function InputMeter({ source, onResetClip }: { source: MeterSource; onResetClip(): void }) {
  const el = useRef<HTMLDivElement>(null);
  const rmsText = useRef<HTMLSpanElement>(null);
  const peakText = useRef<HTMLSpanElement>(null);
  const [clipped, setClipped] = useState(false);
  // What the lamp shows, seen from the drawing loop; reset writes it too, so a clip right after a
  // reset lights the lamp again instead of being mistaken for "no change".
  const shown = useRef(false);

  useEffect(() => {
    let frame = 0;
    const draw = () => {
      const r = source.current();
      const node = el.current;
      if (node) {
        node.style.setProperty('--rms', String(r ? meterFraction(r.rmsDb) : 0));
        node.style.setProperty('--peak', String(r ? meterFraction(r.peakDb) : 0));
        node.style.setProperty('--hold', String(r ? meterFraction(r.holdDb) : 0));
        node.dataset.level = !r ? 'off' : r.peakDb > -3 ? 'hot' : r.rmsDb < -40 ? 'low' : 'good';
      }
      if (rmsText.current) rmsText.current.textContent = r ? fmt(r.rmsDb) : '–';
      if (peakText.current) peakText.current.textContent = r ? fmt(r.holdDb) : '–';
      const c = r?.clipped ?? false;
      if (c !== shown.current) {
        shown.current = c;
        setClipped(c);
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [source]);

  return (
    <div className="input-meter" ref={el} data-testid="clone-meter">
      <div className="meter-track" role="meter" aria-label="Input level" aria-valuemin={FLOOR_DB} aria-valuemax={0}>
        <div className="meter-peak" />
        <div className="meter-rms" />
        <div className="meter-hold" />
        <div className="meter-scale" aria-hidden="true">
          {[-48, -36, -24, -12, -6, 0].map((d) => (
            <span key={d} className="meter-tick" style={cssVars({ '--at': meterFraction(d) })}>
              {d < 0 ? `−${-d}` : d}
            </span>
          ))}
        </div>
      </div>
      <div className="meter-readout">
        <span className="meter-num" title="Average level (RMS), dBFS">
          RMS <span ref={rmsText} data-testid="clone-meter-rms">–</span>
        </span>
        <span className="meter-num" title="Peak level, dBFS">
          Peak <span ref={peakText} data-testid="clone-meter-peak">–</span>
        </span>
        <button
          type="button"
          className={`clip-lamp${clipped ? ' is-on' : ''}`}
          data-testid="clone-clip"
          aria-pressed={clipped}
          title={clipped ? 'The input clipped. Turn the gain down, then click to reset.' : 'Lights up if the input clips'}
          onClick={() => {
            onResetClip();
            shown.current = false;
            setClipped(false);
          }}
        >
          {clipped ? 'Clipped · reset' : 'Clip'}
        </button>
      </div>
    </div>
  );
}
