// The timeline's transport keys: the map, and that typing in a field never triggers them.
import { describe, expect, it } from 'vitest';
import { transportKeyFor } from './transport-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; repeat: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat: false, ...mods });
const div = { tagName: 'DIV' };

describe('transportKeyFor', () => {
  it('maps Space, J/K/L, Home/End, arrows and R', () => {
    expect(transportKeyFor(key(' '), div)).toBe('toggle');
    expect(transportKeyFor(key('j'), div)).toBe('back');
    expect(transportKeyFor(key('K'), div)).toBe('pause');
    expect(transportKeyFor(key('l'), div)).toBe('forward');
    expect(transportKeyFor(key('Home'), div)).toBe('start');
    expect(transportKeyFor(key('End'), div)).toBe('end');
    expect(transportKeyFor(key('ArrowLeft', { shiftKey: true }), div)).toBe('nudge-back');
    expect(transportKeyFor(key('ArrowRight'), div)).toBe('nudge-forward');
    expect(transportKeyFor(key('r'), div)).toBe('loop');
  });

  it('ignores keys while typing, with Ctrl/Alt/⌘, and held-down Space', () => {
    for (const t of [{ tagName: 'INPUT', type: 'text' }, { tagName: 'TEXTAREA' }, { tagName: 'DIV', isContentEditable: true }, { tagName: 'SELECT' }]) {
      expect(transportKeyFor(key(' '), t)).toBeNull();
      expect(transportKeyFor(key('l'), t)).toBeNull();
      expect(transportKeyFor(key('Home'), t)).toBeNull();
    }
    expect(transportKeyFor(key('z', { ctrlKey: true }), div)).toBeNull();
    expect(transportKeyFor(key('l', { metaKey: true }), div)).toBeNull();
    expect(transportKeyFor(key(' ', { repeat: true }), div)).toBeNull();
  });

  it('leaves Space and arrows to a focused button or slider, but J/K/L still work there', () => {
    expect(transportKeyFor(key(' '), { tagName: 'BUTTON' })).toBeNull();
    expect(transportKeyFor(key('ArrowLeft'), { tagName: 'INPUT', type: 'range' })).toBeNull();
    expect(transportKeyFor(key('k'), { tagName: 'BUTTON' })).toBe('pause');
  });
});
