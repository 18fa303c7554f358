// The keyboard shortcuts as one definition list, shown in the help popover and in Settings.
import { SHORTCUTS } from '../../keyboard/shortcuts';

export function ShortcutList() {
  return (
    <dl className="shortcut-list">
      {SHORTCUTS.map((s) => (
        <div key={s.what} className="shortcut">
          <dt>
            {s.keys.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </dt>
          <dd>{s.what}</dd>
        </div>
      ))}
    </dl>
  );
}
