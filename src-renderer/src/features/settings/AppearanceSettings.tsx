// Settings → Appearance: the theme (dark, light, or the computer's). app/useTheme applies it.
import type { Settings } from '../../../../src-main/contract/schemas';
import { updateSettings } from '../../store/library-actions';
import { Field } from './Field';

export function AppearanceSettings({ settings }: { settings: Settings }) {
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
