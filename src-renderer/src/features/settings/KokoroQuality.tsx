// Kokoro's quality modes (fast, balanced, best), each with the speed measured on this computer, and
// the button that measures them: a mode is chosen by its measured speed, not by assumption.
import type { Settings } from '../../../../src-main/contract/schemas';
import { updateSettings } from '../../store/library-actions';
import type { Plans } from './useKokoroPlans';

const MODES = [
  { id: 'fast', label: 'Fast' },
  { id: 'balanced', label: 'Balanced' },
  { id: 'best', label: 'Best' },
] as const;

function speedLabel(rtf: number | undefined): string {
  if (!rtf || rtf <= 0) return 'not measured';
  return `${(1 / rtf).toFixed(1)}× real time`;
}

interface Props {
  settings: Settings;
  plans: Plans | null;
  measuring: boolean;
  error: string | null;
  onMeasure(): void;
}

export function KokoroQuality({ settings, plans, measuring, error, onMeasure }: Props) {
  const installed = (plans?.installed.length ?? 0) > 0;
  return (
    <>
      <div className="field">
        <div className="field-label">
          <span>Quality</span>
          <span className="field-hint">Each mode is a model variant and chunking; speeds are measured on this computer.</span>
        </div>
        <div className="field-control quality-modes" role="radiogroup" aria-label="Quality">
          {MODES.map((m) => {
            const plan = plans?.plans[m.id];
            return (
              <label key={m.id} className={`quality-mode${settings.kokoroQuality === m.id ? ' is-on' : ''}`}>
                <input type="radio" name="kokoro-quality" checked={settings.kokoroQuality === m.id} data-testid={`kokoro-quality-${m.id}`} onChange={() => void updateSettings({ kokoroQuality: m.id })} />
                <span className="quality-name">{m.label}</span>
                <span className="quality-speed" data-testid={`kokoro-speed-${m.id}`}>
                  {speedLabel(plan?.measured?.rtf)}
                </span>
                {plan?.modelFile && <span className="quality-file muted">{plan.modelFile}</span>}
              </label>
            );
          })}
        </div>
      </div>
      <div className="kokoro-measure">
        <button type="button" className="btn btn-small" data-testid="kokoro-measure" disabled={!installed || measuring} onClick={onMeasure}>
          {measuring ? 'Measuring…' : 'Measure speed'}
        </button>
        <span className="muted small">{installed ? 'Speaks a short passage with each installed variant; takes a few seconds each.' : 'Install a Kokoro model in Models first.'}</span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
