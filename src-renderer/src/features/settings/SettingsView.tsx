// The Settings screen: defaults for new speakers and playback, the Kokoro engine, export format,
// appearance, the audio cache, the speech API's keys, the keyboard, and the facts a bug report needs (version, folders,
// engines). Each card is its own module; this lays them out in two columns.
import { selectSettings } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { ShortcutList } from '../shell';
import { About } from './About';
import { ApiSettings } from './ApiSettings';
import { AppearanceSettings } from './AppearanceSettings';
import { CacheSettings } from './CacheSettings';
import { ExportSettings } from './ExportSettings';
import { KokoroSettings } from './KokoroSettings';
import { PlaybackSettings } from './PlaybackSettings';

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
            <ApiSettings settings={settings} />
            <Shortcuts />
          </div>
        </div>
      ) : (
        <p className="empty">Loading settings…</p>
      )}
    </div>
  );
}
