// Kokoro's engine settings: the quality mode (each a variant, provider and chunking measured on this
// machine, with its speed shown), the execution provider, threads, graph optimization, warm-up and
// idle unload. "Measure speed" times every installed variant here, so nothing is chosen by assumption.
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../../src-main/contract/schemas';
import type { CallResult } from '../../../../src-main/contract/calls';
import { call } from '../../client';
import { updateSettings } from '../../store/library-actions';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';

type Plans = CallResult<'kokoro.plans'>;
const MODES = [
  { id: 'fast', label: 'Fast' },
  { id: 'balanced', label: 'Balanced' },
  { id: 'best', label: 'Best' },
] as const;

function speedLabel(rtf: number | undefined): string {
  if (!rtf || rtf <= 0) return 'not measured';
  return `${(1 / rtf).toFixed(1)}× real time`;
}

export function KokoroSettings({ settings }: { settings: Settings }) {
  const info = useStudio(selectInfo);
  const [plans, setPlans] = useState<Plans | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const engine = info?.engines.find((e) => e.id === 'kokoro');

  const reload = useCallback(async () => {
    try {
      setPlans(await call('kokoro.plans', {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => void reload(), [reload, settings.kokoroQuality, settings.kokoroMeasurements]);

  const measure = async () => {
    setMeasuring(true);
    setError(null);
    try {
      await call('kokoro.measure', {});
      await updateSettings({});
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMeasuring(false);
    }
  };

  const installed = (plans?.installed.length ?? 0) > 0;
  return (
    <section className="card" aria-labelledby="set-kokoro" data-testid="settings-kokoro">
      <h2 id="set-kokoro" className="card-title">Kokoro engine</h2>
      <p className="muted small kokoro-status" data-testid="kokoro-status">
        {engine ? engine.detail : 'Not installed.'}
        {plans?.active ? ` · ${plans.active}` : ''}
      </p>
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
        <button type="button" className="btn btn-small" data-testid="kokoro-measure" disabled={!installed || measuring} onClick={() => void measure()}>
          {measuring ? 'Measuring…' : 'Measure speed'}
        </button>
        <span className="muted small">{installed ? 'Speaks a short passage with each installed variant; takes a few seconds each.' : 'Install a Kokoro model in Models first.'}</span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <div className="field-label">
          <label htmlFor="set-provider">Hardware</label>
          <span className="field-hint">Auto uses Core ML, DirectML or CUDA when present and falls back to the CPU.</span>
        </div>
        <div className="field-control">
          <select id="set-provider" className="select" data-testid="kokoro-provider" value={settings.kokoroProvider} onChange={(e) => void updateSettings({ kokoroProvider: e.target.value as Settings['kokoroProvider'] })}>
            <option value="auto">Auto (best available)</option>
            <option value="cpu">CPU only</option>
          </select>
        </div>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="set-threads">Threads</label>
          <span className="field-hint">0 = one per physical core (recommended).</span>
        </div>
        <div className="field-control">
          <input id="set-threads" className="input input-number" type="number" min={0} max={64} data-testid="kokoro-threads" value={settings.kokoroThreads} onChange={(e) => void updateSettings({ kokoroThreads: Math.max(0, Math.min(64, Math.round(Number(e.target.value) || 0))) })} />
        </div>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="set-graph">Graph optimization</label>
          <span className="field-hint">All is fastest; lower it only to work around a runtime problem.</span>
        </div>
        <div className="field-control">
          <select id="set-graph" className="select" value={settings.kokoroGraphOptimization} onChange={(e) => void updateSettings({ kokoroGraphOptimization: e.target.value as Settings['kokoroGraphOptimization'] })}>
            <option value="all">All</option>
            <option value="extended">Extended</option>
            <option value="basic">Basic</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="set-warm">Warm up on load</label>
          <span className="field-hint">A silent test run at load, so the first line starts fast.</span>
        </div>
        <div className="field-control">
          <input id="set-warm" type="checkbox" checked={settings.kokoroWarmUp} onChange={(e) => void updateSettings({ kokoroWarmUp: e.target.checked })} />
        </div>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor="set-idle">Unload when idle</label>
          <span className="field-hint">Frees the model’s memory after this many idle minutes; 0 keeps it loaded.</span>
        </div>
        <div className="field-control">
          <span className="number-unit">
            <input id="set-idle" className="input input-number" type="number" min={0} max={1440} value={settings.kokoroIdleUnloadMinutes} onChange={(e) => void updateSettings({ kokoroIdleUnloadMinutes: Math.max(0, Math.min(1440, Math.round(Number(e.target.value) || 0))) })} />
            <span className="muted">min</span>
          </span>
        </div>
      </div>
    </section>
  );
}
