// The studio's keyboard map, decided by a pure function so the rules are testable without a DOM.
// Space is the transport key, as in any audio tool, everywhere except where it types a space or
// changes a control (text fields, selects). Ctrl/Cmd+Enter works even inside the editor, which is
// where the user is when they want to hear the line they just wrote. Ctrl/Cmd+Z undoes the studio's
// most recent change, in the script or on the timeline, from anywhere but another text field.
export type ShortcutAction = 'toggle-play' | 'play-caret-line' | 'stop' | 'close-overlay' | 'undo' | 'redo';

export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
}

export interface TargetInfo {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image']);

export function isTextEntry(t: TargetInfo | null): boolean {
  if (!t) return false;
  const tag = t.tagName.toUpperCase();
  if (t.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((t.type ?? 'text').toLowerCase());
  return false;
}

/**
 * Ctrl/Cmd+Z undo; Shift+Ctrl/Cmd+Z and Ctrl/Cmd+Y redo. By the shift key, not the letter's case:
 * a key with Shift held may arrive as 'z' or 'Z'.
 */
export function historyKey(e: Pick<KeyInfo, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

export function shortcutFor(e: KeyInfo, target: TargetInfo | null, overlayOpen: boolean): ShortcutAction | null {
  if (e.key === 'Escape') return overlayOpen ? 'close-overlay' : 'stop';
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) return e.repeat ? null : 'play-caret-line';
  // Undo and redo: the studio's one history (the script editor sends the same keys to it), except in
  // a text field, whose own undo is what its user means.
  const history = historyKey(e);
  if (history) return isTextEntry(target) ? null : history;
  if ((e.key === ' ' || e.key === 'Spacebar') && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
    if (e.repeat || isTextEntry(target)) return null;
    return 'toggle-play';
  }
  return null;
}

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play all / stop (outside text fields)' },
  { keys: ['Ctrl', 'Enter'], what: 'Play the line under the caret (⌘ Enter on a Mac)' },
  { keys: ['Esc'], what: 'Stop playback, close this panel' },
  { keys: ['Ctrl', 'Z'], what: 'Undo the last change, in the script or on the timeline (⌘ Z on a Mac)' },
  { keys: ['Shift', 'Ctrl', 'Z'], what: 'Redo (or Ctrl Y)' },
];
