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

export function shortcutFor(e: KeyInfo, target: TargetInfo | null, overlayOpen: boolean): ShortcutAction | null {
  if (e.key === 'Escape') return overlayOpen ? 'close-overlay' : 'stop';
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) return e.repeat ? null : 'play-caret-line';
  // Undo and redo: the studio's one history (the script editor binds the same keys to it), except in
  // a text field, whose own undo is what its user means.
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && (key === 'z' || (key === 'y' && !e.shiftKey))) {
    if (isTextEntry(target)) return null;
    return key === 'y' || e.shiftKey ? 'redo' : 'undo';
  }
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
