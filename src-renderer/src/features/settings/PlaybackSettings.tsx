// Settings → Voices and playback: the default voice for speakers without one, speaking speed, and
// the gap between lines. Sliders commit after a pause (useDebouncedCommit), not on every step.
import type { Settings } from '../../../../src-main/contract/schemas';
import { useDebouncedCommit } from '../../lib/useDebouncedCommit';
import { updateSettings } from '../../store/library-actions';
import { selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { groupByLanguage } from '../voices';
import { Field } from './Field';

export function PlaybackSettings({ settings }: { settings: Settings }) {
  const voices = useStudio(selectVoices);
  const [speed, setSpeed] = useDebouncedCommit(settings.speed, (v) => void updateSettings({ speed: v }));
  const [gap, setGap] = useDebouncedCommit(settings.gapMs, (v) => void updateSettings({ gapMs: v }));
  return (
    <section className="card" aria-labelledby="set-playback">
      <h2 id="set-playback" className="card-title">Voices and playback</h2>
      <Field label="Default voice" hint="Speakers without a voice of their own use it." htmlFor="set-default-voice">
        <select
          id="set-default-voice"
          className="select"
          data-testid="settings-default-voice"
          value={settings.defaultVoiceId}
          onChange={(e) => void updateSettings({ defaultVoiceId: e.target.value })}
        >
          {groupByLanguage(voices.filter((v) => v.available)).map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.voices.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field label="Speed" hint="How fast every voice speaks, 0.5× to 2×." htmlFor="set-speed">
        <div className="range-row">
          <input
            id="set-speed"
            type="range"
            min={0.5}
            max={2}
            step={0.05}
            value={speed}
            data-testid="settings-speed"
            onChange={(e) => setSpeed(Number(e.target.value))}
          />
          <output className="range-value">{speed.toFixed(2)}×</output>
        </div>
      </Field>
      <Field label="Gap between lines" hint="Silence between lines in Play all and in exports." htmlFor="set-gap">
        <div className="range-row">
          <input id="set-gap-range" type="range" min={0} max={2000} step={50} value={Math.min(gap, 2000)} aria-label="Gap between lines" onChange={(e) => setGap(Number(e.target.value))} />
          <span className="number-unit">
            <input
              id="set-gap"
              className="input input-number"
              type="number"
              min={0}
              max={5000}
              step={50}
              value={gap}
              data-testid="settings-gap"
              onChange={(e) => {
                const n = Math.round(Number(e.target.value));
                if (Number.isFinite(n)) setGap(Math.max(0, Math.min(5000, n)));
              }}
            />
            <span className="muted">ms</span>
          </span>
        </div>
      </Field>
    </section>
  );
}
