// The Edit menu beside File: Undo and Redo, each naming the change it would take back or make again
// ("Undo Move clip", "Redo Typing"). The same history as Ctrl/Cmd+Z, in the script or on the
// timeline, whichever was changed last (store/undo-actions).
import { useCallback, useRef, useState } from 'react';
import { useMenuDismiss } from '../../ui/useMenuDismiss';
import { redo, undo, useUndo } from '../../store/undo-actions';

export function EditMenu() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  const next = useUndo();

  useMenuDismiss(open, root, close);

  const item = (run: () => Promise<void>) => () => {
    setOpen(false);
    void run();
  };

  return (
    <div className="file-menu edit-menu" ref={root}>
      <button type="button" className="btn file-menu-btn" aria-haspopup="menu" aria-expanded={open} aria-controls="edit-menu" data-testid="edit-menu" onClick={() => setOpen(!open)}>
        Edit
      </button>
      {open && (
        <div className="menu edit-menu-list" id="edit-menu" role="menu" aria-label="Edit">
          <button type="button" role="menuitem" className="menu-item menu-command" data-testid="edit-undo" disabled={!next.undo || next.busy} onClick={item(undo)}>
            <span>{next.undo ? `Undo ${next.undo}` : 'Undo'}</span>
            <span className="menu-keys">
              <kbd>Ctrl</kbd>
              <kbd>Z</kbd>
            </span>
          </button>
          <button type="button" role="menuitem" className="menu-item menu-command" data-testid="edit-redo" disabled={!next.redo || next.busy} onClick={item(redo)}>
            <span>{next.redo ? `Redo ${next.redo}` : 'Redo'}</span>
            <span className="menu-keys">
              <kbd>Shift</kbd>
              <kbd>Ctrl</kbd>
              <kbd>Z</kbd>
            </span>
          </button>
          <div className="menu-sep" role="separator" />
          <div className="menu-empty">One history for the script and the timeline: the most recent change goes first, wherever it was made.</div>
        </div>
      )}
    </div>
  );
}
