// The Settings screen: defaults for new speakers and playback, export format, appearance, and the
// facts a bug report needs (version, folders, engines).
import type { ReactNode } from 'react';
import type { Settings } from '../../../../src-main/contract/schemas';
import { ShortcutList } from '../shell';
import { useDebouncedCommit } from '../../lib/useDebouncedCommit';
import { updateSettings } from '../../store/library-actions';
import { selectInfo, selectSettings, selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { groupByLanguage } from '../voices';
import { CacheSettings } from './CacheSettings';
import { KokoroSettings } from './KokoroSettings';

function Field({ label, hint, htmlFor, children }: { label: string; hint?: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={htmlFor}>{label}</label>
        {hint && <span className="field-hint">{hint}</span>}
      </div>
      <div className="field-control">{children}</div>
    </div>
  );
}

function PlaybackSettings({ settings }: { settings: Settings }) {
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

function ExportSettings({ settings }: { settings: Settings }) {
  return (
    <section className="card" aria-labelledby="set-export">
      <h2 id="set-export" className="card-title">Export</h2>
      <Field label="Format" hint="WAV for editing, FLAC lossless and smaller, MP3 or Opus to publish." htmlFor="set-format">
        <select id="set-format" className="select" data-testid="settings-export-format" value={settings.exportFormat} onChange={(e) => void updateSettings({ exportFormat: e.target.value as Settings['exportFormat'] })}>
          <option value="wav">WAV</option>
          <option value="flac">FLAC</option>
          <option value="mp3">MP3 (192 kbps)</option>
          <option value="opus">Opus</option>
        </select>
      </Field>
      <Field label="Loudness" hint="Normalized per ITU-R BS.1770 with a −1 dBTP true-peak ceiling." htmlFor="set-loudness">
        <select
          id="set-loudness"
          className="select"
          data-testid="settings-export-loudness"
          value={settings.exportLoudness === null ? '' : String(settings.exportLoudness)}
          onChange={(e) => void updateSettings({ exportLoudness: e.target.value === '' ? null : (Number(e.target.value) as -16 | -14 | -23) })}
        >
          <option value="">As rendered</option>
          <option value="-16">−16 LUFS (podcast)</option>
          <option value="-14">−14 LUFS (streaming)</option>
          <option value="-23">−23 LUFS (broadcast)</option>
        </select>
      </Field>
      <Field label="Channels" hint="Stereo places each speaker by their pan (Timeline lanes); playback follows." htmlFor="set-channels">
        <select id="set-channels" className="select" data-testid="settings-export-channels" value={settings.exportChannels} onChange={(e) => void updateSettings({ exportChannels: Number(e.target.value) as 1 | 2 })}>
          <option value="1">Mono</option>
          <option value="2">Stereo (with pan)</option>
        </select>
      </Field>
      <Field label="Stems" hint="Also one file per speaker, aligned to the mix.">
        <input type="checkbox" data-testid="settings-export-stems" checked={settings.exportStems} onChange={(e) => void updateSettings({ exportStems: e.target.checked })} />
      </Field>
      <Field label="Subtitles" hint="Timed from the rendered audio, with speaker names." htmlFor="set-subs">
        <select id="set-subs" className="select" data-testid="settings-export-subtitles" value={settings.exportSubtitles} onChange={(e) => void updateSettings({ exportSubtitles: e.target.value as Settings['exportSubtitles'] })}>
          <option value="none">None</option>
          <option value="srt">SRT</option>
          <option value="vtt">WebVTT</option>
        </select>
      </Field>
      <Field label="Bit depth (WAV, FLAC)" hint="24-bit keeps more headroom for editing; 16-bit is smaller and plays everywhere.">
        <div className="segmented" role="radiogroup" aria-label="WAV bit depth">
          {([16, 24] as const).map((b) => (
            <label key={b} className={`segment${settings.exportBitDepth === b ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="bit-depth"
                value={b}
                checked={settings.exportBitDepth === b}
                data-testid={`settings-bit-depth-${b}`}
                onChange={() => void updateSettings({ exportBitDepth: b })}
              />
              {b}-bit
            </label>
          ))}
        </div>
      </Field>
    </section>
  );
}

function AppearanceSettings({ settings }: { settings: Settings }) {
  return (
    <section className="card" aria-labelledby="set-look">
      <h2 id="set-look" className="card-title">Appearance</h2>
      <Field label="Theme" hint="Dark suits long sessions; System follows your computer." htmlFor="set-theme">
        <select
          id="set-theme"
          className="select"
          data-testid="settings-theme"
          value={settings.theme}
          onChange={(e) => void updateSettings({ theme: e.target.value as Settings['theme'] })}
        >
          <option value="dark">Dark</option>
          <option value="light">Light</option>
          <option value="system">System</option>
        </select>
      </Field>
    </section>
  );
}

function About() {
  const info = useStudio(selectInfo);
  if (!info) return null;
  const rows: [string, ReactNode][] = [
    ['Version', info.version],
    ['Running as', info.face === 'electron' ? 'Desktop app' : info.face === 'server' ? 'Local server (browser)' : 'Command line'],
    ['Data folder', <code key="d" className="path">{info.dataDir}</code>],
    ['Models folder', <code key="m" className="path">{info.modelsDir}</code>],
    ['Engines', info.engines.map((e) => `${e.name} (${e.ready ? 'ready' : 'not ready'})`).join(', ')],
  ];
  return (
    <section className="card" aria-labelledby="set-about" data-testid="settings-about">
      <h2 id="set-about" className="card-title">About Koe Studio</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        Free software under the GNU GPL v3 or later. Speech by eSpeak NG; Kokoro-82M by hexgrad (Apache-2.0) with misaki's lexicons
        (Apache-2.0); voice cloning by Pocket TTS by Kyutai Labs, ONNX export by thewh1teagle (CC BY 4.0). Everything runs on this
        computer; nothing is sent anywhere.
      </p>
    </section>
  );
}

function Shortcuts() {
  return (
    <section className="card" aria-labelledby="set-keys">
      <h2 id="set-keys" className="card-title">Keyboard</h2>
      <ShortcutList />
    </section>
  );
}

export function SettingsView() {
  const settings = useStudio(selectSettings);
  return (
    <div className="settings-view">
      <div className="pane-head">
        <h1 className="pane-title">Settings</h1>
        <span className="pane-hint">Changes apply at once.</span>
      </div>
      {settings ? (
        <div className="settings-grid">
          <div className="settings-col">
            <PlaybackSettings settings={settings} />
            <KokoroSettings settings={settings} />
            <ExportSettings settings={settings} />
            <AppearanceSettings settings={settings} />
          </div>
          <div className="settings-col">
            <About />
            <CacheSettings settings={settings} />
            <Shortcuts />
          </div>
        </div>
      ) : (
        <p className="empty">Loading settings…</p>
      )}
    </div>
  );
}
