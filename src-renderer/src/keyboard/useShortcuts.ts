// Installs the keyboard map on the window for the app's lifetime.
import { useEffect } from 'react';
import { playCaretLine, stopPlayback, togglePlayAll } from '../store/playback-actions';
import { getStudio } from '../store/studio';
import { setHelpOpen } from '../store/ui-actions';
import { shortcutFor } from './shortcuts';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // The innermost target: a key typed in the script editor (inside a shadow root) reaches the
      // window retargeted to the editor's host, which is not itself a text field.
      const inner = e.composedPath()[0] ?? e.target;
      const el = inner instanceof HTMLElement ? inner : null;
      const target = el ? { tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable } : null;
      const action = shortcutFor(e, target, getStudio().helpOpen);
      if (!action) return;
      e.preventDefault();
      if (action === 'toggle-play') togglePlayAll();
      else if (action === 'play-caret-line') playCaretLine();
      else if (action === 'stop') stopPlayback();
      else setHelpOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
