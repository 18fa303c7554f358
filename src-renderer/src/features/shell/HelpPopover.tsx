// The "?" button and its popover listing the keyboard shortcuts.
import { useEffect, useRef } from 'react';
import { ShortcutList } from './ShortcutList';
import { selectHelpOpen } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { setHelpOpen } from '../../store/ui-actions';

export function HelpPopover() {
  const open = useStudio(selectHelpOpen);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setHelpOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div className="help" ref={root}>
      <button
        type="button"
        className="icon-btn help-btn"
        aria-label="Keyboard shortcuts"
        aria-expanded={open}
        aria-controls="help-popover"
        title="Keyboard shortcuts"
        data-testid="help"
        onClick={() => setHelpOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div className="popover" id="help-popover" role="dialog" aria-label="Keyboard shortcuts">
          <h2 className="popover-title">Keyboard shortcuts</h2>
          <ShortcutList />
          <p className="popover-foot">Script format: <code>Name: text</code> · <code>(direction)</code> · <code>[pause 800ms]</code> · <code># comment</code></p>
        </div>
      )}
    </div>
  );
}
