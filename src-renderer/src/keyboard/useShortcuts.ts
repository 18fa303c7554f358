// Installs the keyboard map on the window for the app's lifetime.
import { useEffect } from 'react';
import { playCaretLine, stopPlayback, togglePlayback } from '../store/playback-actions';
import { getStudio } from '../store/studio';
import { setHelpOpen } from '../store/ui-actions';
import { redo, undo } from '../store/undo-actions';
import { shortcutFor } from './shortcuts';

export function useShortcuts(): void {
  useEffect(() => {
    // Space on a focused button is the transport, not a click: the key's release would otherwise
    // activate the button too (a focused Play would stop what Space had just started, or the other
    // way round). Preventing the keydown stops that in Chromium; the keyup is held as well.
    let spaceTaken = false;
    const onKeyUp = (e: KeyboardEvent) => {
      if ((e.key === ' ' || e.key === 'Spacebar') && spaceTaken) {
        spaceTaken = false;
        e.preventDefault();
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // The innermost target: were the script editor in a shadow root (document-styles.ts), its keys
      // would reach the window retargeted to the editor's host, which is not itself a text field.
      const inner = e.composedPath()[0] ?? e.target;
      const el = inner instanceof HTMLElement ? inner : null;
      const target = el ? { tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable } : null;
      const action = shortcutFor(e, target, getStudio().helpOpen);
      if (!action) return;
      e.preventDefault();
      spaceTaken = action === 'toggle-play';
      if (action === 'toggle-play') togglePlayback();
      else if (action === 'play-caret-line') playCaretLine();
      else if (action === 'stop') stopPlayback();
      else if (action === 'undo') void undo();
      else if (action === 'redo') void redo();
      else setHelpOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
