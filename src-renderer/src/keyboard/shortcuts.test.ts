// The keyboard map: Space as transport outside text fields, Ctrl/Cmd+Enter anywhere, Escape, undo and redo.
import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; repeat: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  ...mods,
});
const textarea = { tagName: 'TEXTAREA' };
const button = { tagName: 'BUTTON' };

describe('shortcutFor', () => {
  it('Space toggles playback except where it types or changes a control', () => {
    expect(shortcutFor(key(' '), null, false)).toBe('toggle-play');
    expect(shortcutFor(key(' '), button, false)).toBe('toggle-play');
    expect(shortcutFor(key(' '), { tagName: 'INPUT', type: 'checkbox' }, false)).toBe('toggle-play');
    expect(shortcutFor(key(' '), textarea, false)).toBeNull();
    expect(shortcutFor(key(' '), { tagName: 'INPUT', type: 'search' }, false)).toBeNull();
    expect(shortcutFor(key(' '), { tagName: 'SELECT' }, false)).toBeNull();
    expect(shortcutFor(key(' '), { tagName: 'DIV', isContentEditable: true }, false)).toBeNull();
    expect(shortcutFor(key(' ', { repeat: true }), null, false)).toBeNull();
  });

  it("Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (Ctrl+Y) are the studio's undo and redo, except in another text field", () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), button, false)).toBe('undo');
    expect(shortcutFor(key('z', { metaKey: true }), null, false)).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), { tagName: 'DIV' }, false)).toBe('redo');
    expect(shortcutFor(key('z', { ctrlKey: true, shiftKey: true }), { tagName: 'DIV' }, false)).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }), null, false)).toBe('redo');
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }), null, false)).toBeNull();
    expect(shortcutFor(key('z'), null, false)).toBeNull();
    // A project name or a gain field keeps its own undo.
    expect(shortcutFor(key('z', { ctrlKey: true }), { tagName: 'INPUT', type: 'text' }, false)).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true }), textarea, false)).toBeNull();
  });

  it('Ctrl/Cmd+Enter plays the caret line even from the editor', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }), textarea, false)).toBe('play-caret-line');
    expect(shortcutFor(key('Enter', { metaKey: true }), textarea, false)).toBe('play-caret-line');
    expect(shortcutFor(key('Enter'), textarea, false)).toBeNull();
    expect(shortcutFor(key('Enter', { ctrlKey: true, shiftKey: true }), textarea, false)).toBeNull();
  });

  it('Escape closes an open panel first, then stops', () => {
    expect(shortcutFor(key('Escape'), null, true)).toBe('close-overlay');
    expect(shortcutFor(key('Escape'), textarea, false)).toBe('stop');
  });
});
