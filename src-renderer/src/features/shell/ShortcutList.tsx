// The keyboard shortcuts as definition lists, shown in the help popover and in Settings: the
// app-wide keys, then the Timeline screen's transport and editing keys.
import { SHORTCUTS } from '../../keyboard/shortcuts';
import { TIMELINE_SHORTCUTS } from '../timeline';

function Keys({ list, testId }: { list: { keys: string[]; what: string }[]; testId: string }) {
  return (
    <dl className="shortcut-list" data-testid={testId}>
      {list.map((s) => (
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

export function ShortcutList() {
  return (
    <>
      <Keys list={SHORTCUTS} testId="shortcuts-app" />
      <h3 className="shortcut-group">On the timeline</h3>
      <Keys list={TIMELINE_SHORTCUTS} testId="shortcuts-timeline" />
    </>
  );
}
