// The master bus: gain over the whole mix and the limiter (the export's look-ahead limiter at
// −1 dBTP), with the master's meters and how much the limiter is taking off. Both settings are
// undoable timeline edits kept with the project, heard in playback and applied at export.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { LevelMeter } from './LevelMeter';
import { formatLevel, useMeters, type MeterReading } from './meters';
import { NumberField } from './NumberField';
import { editTimeline } from './timeline-store';

const pickMaster = (r: MeterReading) => r.master;

function Reduction() {
  const db = useMeters((s) => s.reading?.master.reductionDb ?? 0);
  return (
    <span className={`tl-master-gr${db < -0.05 ? ' is-active' : ''}`} data-testid="master-reduction" data-db={db} title="How much the limiter takes off now">
      GR {db < -0.05 ? formatLevel(db) : '0.0'} dB
    </span>
  );
}

export function MasterStrip({ master, busy }: { master: TimelineView['master']; busy: boolean }) {
  return (
    <div className="tl-master" role="group" aria-label="Master bus" data-testid="master-strip">
      <span className="tl-master-name">Master</span>
      <NumberField value={master.gainDb} min={-60} max={24} step={0.5} unit="dB" label="Master gain" testId="master-gain" onCommit={(gainDb) => void editTimeline({ type: 'master', gainDb }, 'Master gain')} />
      <button
        type="button"
        className={`tl-toggle tl-limiter${master.limiter ? ' is-on' : ''}`}
        aria-pressed={master.limiter}
        disabled={busy}
        title={master.limiter ? 'Limiter on: peaks held under −1 dBTP, in playback and export' : 'Limiter off: turn on to hold peaks under −1 dBTP, as the export will'}
        data-testid="master-limiter"
        onClick={() => void editTimeline({ type: 'master', limiter: !master.limiter }, master.limiter ? 'Limiter off' : 'Limiter on')}
      >
        Limiter
      </button>
      {master.limiter && <Reduction />}
      <LevelMeter pick={pickMaster} label="Master level" testId="meter-master" />
    </div>
  );
}
