// The speech API card: keys for other programs (created here, shown once, revoked at once) and, in
// the desktop app, the switch that serves the API, with the LAN opt-in and its warning; in both
// faces, the web pages allowed to call it from a browser (CORS). In a browser
// the page's own server already answers at /v1, so the card says where.
import { useCallback, useEffect, useState } from 'react';
import type { ApiKey } from '../../../../src-main/contract/calls-api-keys';
import type { Settings } from '../../../../src-main/contract/schemas';
import { call, errorMessage } from '../../client';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { updateSettings } from '../../store/library-actions';
import { CorsOriginsField } from './CorsOriginsField';
import { Field } from './Field';

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never');

export function ApiSettings({ settings }: { settings: Settings }) {
  const info = useStudio(selectInfo);
  const desktop = info?.face === 'electron';
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [listening, setListening] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    call('apiKeys.list', {}).then(setKeys, (e: unknown) => setError(errorMessage(e)));
    call('apiKeys.status', {}).then(setListening, () => {});
  }, []);
  useEffect(reload, [reload, settings.apiEnabled, settings.apiLan, settings.apiPort]);

  const create = async () => {
    setError(null);
    try {
      const r = await call('apiKeys.create', { name });
      setCreated({ name: r.key.name, secret: r.secret });
      setName('');
      reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const revoke = async (id: string) => {
    try {
      await call('apiKeys.revoke', { id });
      reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const where = desktop ? listening.url : `${window.location.origin}/v1`;
  return (
    <section className="card" aria-labelledby="set-api" data-testid="settings-api">
      <h2 id="set-api" className="card-title">Speech API</h2>
      <p className="muted small">
        Other programs (Open WebUI, scripts, note apps) can speak with these voices through the OpenAI speech API. Each needs a key.
      </p>
      {desktop && (
        <>
          <Field label="Serve the API" hint="While the app runs." htmlFor="set-api-on">
            <input id="set-api-on" type="checkbox" data-testid="settings-api-enabled" checked={settings.apiEnabled} onChange={(e) => void updateSettings({ apiEnabled: e.target.checked })} />
          </Field>
          <Field label="Port" htmlFor="set-api-port">
            <input id="set-api-port" className="input input-number" type="number" min={1024} max={65535} value={settings.apiPort} onChange={(e) => void updateSettings({ apiPort: Math.max(1024, Math.min(65535, Math.round(Number(e.target.value) || 8880))) })} />
          </Field>
          <Field label="Local network" hint="Other devices on your network may connect, with a key." htmlFor="set-api-lan">
            <input id="set-api-lan" type="checkbox" data-testid="settings-api-lan" checked={settings.apiLan} onChange={(e) => void updateSettings({ apiLan: e.target.checked })} />
          </Field>
          {settings.apiLan && <p className="form-error small">Anyone on this network who has a key can use your voices, clones included. Revoke keys you no longer use.</p>}
          {listening.error && (
            <p className="form-error" role="alert" data-testid="settings-api-error">
              {listening.error}
            </p>
          )}
        </>
      )}
      {where && (
        <p className="small" data-testid="settings-api-url">
          Base URL: <code>{where}</code>
        </p>
      )}
      <CorsOriginsField origins={settings.apiCorsOrigins} />
      {created && (
        <div className="api-key-created" role="status" data-testid="api-key-created">
          <p className="small">
            Key for “{created.name}”. Copy it now: it is not shown again.
          </p>
          <code className="api-key-secret" data-testid="api-key-secret">
            {created.secret}
          </code>
          <div className="cache-actions">
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.secret)}>
              Copy
            </button>
            <button type="button" className="btn btn-small btn-ghost" data-testid="api-key-done" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <form
        className="cache-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input className="input" data-testid="api-key-name" placeholder="Name, e.g. Open WebUI" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} aria-label="New key name" />
        <button type="submit" className="btn btn-small" data-testid="api-key-create" disabled={!name.trim()}>
          Create key
        </button>
      </form>
      {keys.length === 0 ? (
        <p className="muted small">No keys yet.</p>
      ) : (
        <ul className="api-keys" data-testid="api-keys">
          {keys.map((k) => (
            <li key={k.id} className="api-key" data-testid={`api-key-${k.id}`}>
              <span className="api-key-name">{k.name}</span>
              <code className="muted small">{k.prefix}…</code>
              <span className="muted small">
                created {day(k.createdAt)} · last used {day(k.lastUsedAt)}
              </span>
              <button type="button" className="btn btn-small btn-danger" data-testid={`api-key-revoke-${k.id}`} onClick={() => void revoke(k.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
