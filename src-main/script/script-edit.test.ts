import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/rng';
import { applyScriptEdit, scriptEditBetween } from './script-edit';

describe('script edits', () => {
  it('round-trips random edits, with the splice no larger than the change', () => {
    const r = seededRandom(3);
    const pick = (s: string) => s[Math.floor(r() * s.length)] ?? '';
    const alphabet = 'ab \nAna: é😀';
    for (let k = 0; k < 500; k++) {
      const base = Array.from({ length: Math.floor(r() * 60) }, () => pick(alphabet)).join('');
      const a = Math.floor(r() * (base.length + 1));
      const b = a + Math.floor(r() * (base.length - a + 1));
      const ins = Array.from({ length: Math.floor(r() * 6) }, () => pick(alphabet)).join('');
      const after = base.slice(0, a) + ins + base.slice(b);
      const edit = scriptEditBetween(base, after);
      expect(applyScriptEdit(base, edit)).toBe(after);
      expect(edit.insert.length).toBeLessThanOrEqual(ins.length);
      expect(edit.to - edit.from).toBeLessThanOrEqual(b - a);
    }
  });

  it('a typed character in a long script is a one-character splice', () => {
    const base = 'Ana: hello.\n'.repeat(50_000);
    const after = base.slice(0, 300_000) + 'x' + base.slice(300_000);
    expect(scriptEditBetween(base, after)).toEqual({ from: 300_000, to: 300_000, insert: 'x', length: base.length + 1 });
  });

  it('refuses an edit made against other text', () => {
    expect(applyScriptEdit('abc', { from: 1, to: 5, insert: '', length: 1 })).toBeNull();
    expect(applyScriptEdit('abc', { from: 2, to: 1, insert: '', length: 3 })).toBeNull();
    expect(applyScriptEdit('abcd', { from: 1, to: 2, insert: 'x', length: 3 })).toBeNull();
  });
});
