// Kokoro's engine settings: the quality mode (each a variant, provider and chunking measured on this
// machine, with its speed shown), the execution provider, threads, graph optimization, warm-up and
// idle unload. "Measure speed" times every installed variant here, so nothing is chosen by assumption.
import type { Settings } from '../../../../src-main/contract/schemas';
import { updateSettings } from '../../store/library-actions';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { Field } from './Field';
import { KokoroQuality } from './KokoroQuality';
import { useKokoroPlans } from './useKokoroPlans';

export function KokoroSettings({ settings }: { settings: Settings }) {
  const info = useStudio(selectInfo);
  const { plans, measuring, error, measure } = useKokoroPlans(settings);
  const engine = info?.engines.find((e) => e.id === 'kokoro');

  return (
    <section className="card" aria-labelledby="set-kokoro" data-testid="settings-kokoro">
      <h2 id="set-kokoro" className="card-title">Kokoro engine</h2>
      <p className="muted small kokoro-status" data-testid="kokoro-status">
        {engine ? engine.detail : 'Not installed.'}
        {plans?.active ? ` · ${plans.active}` : ''}
      </p>
      <KokoroQuality settings={settings} plans={plans} measuring={measuring} error={error} onMeasure={() => void measure()} />
      <Field label="Hardware" hint="Auto uses Core ML, DirectML or CUDA when present and falls back to the CPU." htmlFor="set-provider">
        <select id="set-provider" className="select" data-testid="kokoro-provider" value={settings.kokoroProvider} onChange={(e) => void updateSettings({ kokoroProvider: e.target.value as Settings['kokoroProvider'] })}>
          <option value="auto">Auto (best available)</option>
          <option value="cpu">CPU only</option>
        </select>
      </Field>
      <Field label="Threads" hint="0 = one per physical core (recommended)." htmlFor="set-threads">
        <input id="set-threads" className="input input-number" type="number" min={0} max={64} data-testid="kokoro-threads" value={settings.kokoroThreads} onChange={(e) => void updateSettings({ kokoroThreads: Math.max(0, Math.min(64, Math.round(Number(e.target.value) || 0))) })} />
      </Field>
      <Field label="Graph optimization" hint="All is fastest; lower it only to work around a runtime problem." htmlFor="set-graph">
        <select id="set-graph" className="select" value={settings.kokoroGraphOptimization} onChange={(e) => void updateSettings({ kokoroGraphOptimization: e.target.value as Settings['kokoroGraphOptimization'] })}>
          <option value="all">All</option>
          <option value="extended">Extended</option>
          <option value="basic">Basic</option>
          <option value="disabled">Disabled</option>
        </select>
      </Field>
      <Field label="Warm up on load" hint="A silent test run at load, so the first line starts fast." htmlFor="set-warm">
        <input id="set-warm" type="checkbox" checked={settings.kokoroWarmUp} onChange={(e) => void updateSettings({ kokoroWarmUp: e.target.checked })} />
      </Field>
      <Field label="Unload when idle" hint="Frees the model’s memory after this many idle minutes; 0 keeps it loaded." htmlFor="set-idle">
        <span className="number-unit">
          <input id="set-idle" className="input input-number" type="number" min={0} max={1440} value={settings.kokoroIdleUnloadMinutes} onChange={(e) => void updateSettings({ kokoroIdleUnloadMinutes: Math.max(0, Math.min(1440, Math.round(Number(e.target.value) || 0))) })} />
          <span className="muted">min</span>
        </span>
      </Field>
    </section>
  );
}
