// The rendered-audio cache: how much it holds, its size cap, and a way to empty it. Takes keep their
// own audio, so neither a smaller cap nor clearing can lose a line the person picked; both only mean
// some unchanged lines render again when asked.
import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../../src-main/contract/schemas';
import { call, errorMessage } from '../../client';
import { updateSettings } from '../../store/library-actions';
import { formatBytes } from '../../lib/format';
import { Field } from './Field';

const CAPS_MB = [256, 512, 1024, 2048, 5120, 10240, 20480];

interface Stats {
  entries: number;
  bytes: number;
  hits: number;
  maxBytes: number;
}

export function CacheSettings({ settings }: { settings: Settings }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const reload = useCallback(() => {
    call('cache.stats', {}).then(setStats, (e: unknown) => setStatus({ ok: false, text: errorMessage(e) }));
  }, []);
  useEffect(reload, [reload, settings.audioCacheMaxMB]);

  const caps = CAPS_MB.includes(settings.audioCacheMaxMB) ? CAPS_MB : [...CAPS_MB, settings.audioCacheMaxMB].sort((a, b) => a - b);
  const clear = async () => {
    setConfirming(false);
    try {
      const r = await call('cache.clear', {});
      setStatus({ ok: true, text: `Cleared ${r.entries} rendered clips (${formatBytes(r.freedBytes)}).` });
    } catch (e) {
      setStatus({ ok: false, text: errorMessage(e) });
    }
    reload();
  };

  return (
    <section className="card" aria-labelledby="set-cache" data-testid="settings-cache">
      <h2 id="set-cache" className="card-title">Audio cache</h2>
      <p className="muted small" data-testid="cache-usage">
        {stats ? `${formatBytes(stats.bytes)} in ${stats.entries} rendered ${stats.entries === 1 ? 'clip' : 'clips'}, ${stats.hits} replays served from it.` : 'Reading…'} An unchanged line is never
        synthesized twice, in any project.
      </p>
      <Field label="Size limit" hint="Past it, the least recently used audio goes first. Takes are kept." htmlFor="set-cache-cap">
        <select id="set-cache-cap" className="select" data-testid="settings-cache-cap" value={settings.audioCacheMaxMB} onChange={(e) => void updateSettings({ audioCacheMaxMB: Number(e.target.value) })}>
          {caps.map((mb) => (
            <option key={mb} value={mb}>
              {mb >= 1024 ? `${+(mb / 1024).toFixed(1)} GB` : `${mb} MB`}
            </option>
          ))}
        </select>
      </Field>
      <div className="cache-actions">
        {confirming ? (
          <>
            <span className="small">Empty the cache? Lines render again when next played or exported.</span>
            <button type="button" className="btn btn-small btn-danger" data-testid="cache-clear-confirm" onClick={() => void clear()}>
              Clear
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-small" data-testid="cache-clear" disabled={!stats || stats.entries === 0} onClick={() => setConfirming(true)}>
            Clear cache…
          </button>
        )}
      </div>
      {status && (
        <p className={status.ok ? 'muted small' : 'form-error'} role="status" data-testid="cache-status">
          {status.text}
        </p>
      )}
    </section>
  );
}
