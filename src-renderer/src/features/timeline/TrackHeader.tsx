// The head of a speaker's lane: who it is, and the lane's mix (mute, solo, gain, pan). Each control is
// one absolute edit in the core, so undo walks back through mix changes like clip moves.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { LevelMeter } from './LevelMeter';
import { NumberField } from './NumberField';
import { editTimeline } from './timeline-store';

type Track = TimelineView['tracks'][number];

export function TrackHeader({ track, busy }: { track: Track; busy: boolean }) {
  const speaker = track.speaker;
  return (
    <div className="tl-head" data-testid={`lane-head-${speaker}`}>
      <div className="tl-head-name">
        <span className="tl-swatch" style={{ background: track.color }} aria-hidden="true" />
        <span className="tl-head-label" title={track.voiceId ?? 'Default voice'}>{speaker}</span>
        <span className="tl-head-pan" title="Pan: −100 is hard left, 100 hard right">
          <NumberField value={Math.round(track.pan * 100)} min={-100} max={100} step={5} unit="pan" label={`${speaker} pan`} testId={`track-pan-${speaker}`} onCommit={(v) => void editTimeline({ type: 'pan', speaker, pan: v / 100 }, 'Pan')} />
        </span>
      </div>
      <div className="tl-head-controls">
        <button
          type="button"
          className={`tl-toggle${track.mute ? ' is-mute' : ''}`}
          aria-pressed={track.mute}
          title={track.mute ? 'Unmute' : 'Mute'}
          disabled={busy}
          data-testid={`mute-${speaker}`}
          onClick={() => void editTimeline({ type: 'mute', speaker, on: !track.mute }, track.mute ? 'Unmute' : 'Mute')}
        >
          M
        </button>
        <button
          type="button"
          className={`tl-toggle${track.solo ? ' is-solo' : ''}`}
          aria-pressed={track.solo}
          title={track.solo ? 'Unsolo' : 'Solo'}
          disabled={busy}
          data-testid={`solo-${speaker}`}
          onClick={() => void editTimeline({ type: 'solo', speaker, on: !track.solo }, track.solo ? 'Unsolo' : 'Solo')}
        >
          S
        </button>
        <NumberField value={track.gainDb} min={-60} max={24} step={0.5} unit="dB" label={`${speaker} gain`} testId={`track-gain-${speaker}`} onCommit={(db) => void editTimeline({ type: 'trackGain', speaker, db }, 'Track gain')} />
      </div>
      <LevelMeter pick={(r) => r.lanes[speaker]} label={`${speaker} level`} testId={`meter-${speaker}`} compact />
    </div>
  );
}
