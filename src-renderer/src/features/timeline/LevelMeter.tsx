// One level meter: a bar to the true peak (dBTP) of the 100 ms being heard, a tick at its short-term
// loudness (LUFS, 3 s), and the two figures. Empty while nothing plays.
import { cssVars } from '../../lib/css-vars';
import { formatLevel, meterFill, SILENT, useMeters, type LevelReading, type MeterReading } from './meters';

interface Props {
  /** Which reading: the master, or a lane by speaker. */
  pick: (r: MeterReading) => LevelReading | undefined;
  label: string;
  testId: string;
  compact?: boolean;
}

export function LevelMeter({ pick, label, testId, compact }: Props) {
  const level = useMeters((s) => (s.reading ? (pick(s.reading) ?? SILENT) : SILENT));
  // Over −1 dBTP: where delivery specs (and the limiter's ceiling) draw the line.
  const hot = level.truePeakDb > -1;
  return (
    <div className={`tl-meter${compact ? ' is-compact' : ''}`} role="meter" aria-label={label} aria-valuemin={-60} aria-valuemax={0} aria-valuenow={Math.max(-60, Math.round(level.truePeakDb))} data-testid={testId} data-peak={level.peakDb} data-true-peak={level.truePeakDb} data-lufs={level.lufs}>
      <div className="tl-meter-bar">
        <div className={`tl-meter-peak${hot ? ' is-hot' : ''}`} style={cssVars({ '--fill': meterFill(level.truePeakDb) })} />
        <div className="tl-meter-lufs" style={cssVars({ '--at': meterFill(level.lufs) })} hidden={level.lufs <= -60} />
      </div>
      <span className="tl-meter-figures">
        <span title="True peak of the last 100 ms (dBTP, 4× oversampled)">{formatLevel(level.truePeakDb)}</span>
        {!compact && <span className="muted"> dBTP · </span>}
        <span title="Short-term loudness, the last 3 s (LUFS)">{compact ? ` / ${formatLevel(level.lufs)}` : `${formatLevel(level.lufs)} LUFS`}</span>
      </span>
    </div>
  );
}
