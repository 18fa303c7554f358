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
      const el = e.target instanceof HTMLElement ? e.target : null;
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
