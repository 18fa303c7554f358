import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/rng';
import { applyScriptEdit, scriptEditBetween } from './script-edit';

const SAME = 'Ana: same.\n'.repeat(1000);

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

  it('finds the same smallest splice in long scripts, wherever the change falls against its comparison blocks', () => {
    const r = seededRandom(11);
    const charByChar = (before: string, after: string) => {
      const max = Math.min(before.length, after.length);
      let p = 0;
      while (p < max && before[p] === after[p]) p++;
      let s = 0;
      while (s < max - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
      return { from: p, to: before.length - s, insert: after.slice(p, after.length - s), length: after.length };
    };
    for (let k = 0; k < 200; k++) {
      const base = 'Ana: hello there.\nBen: ab\n'.repeat(200 + Math.floor(r() * 400));
      // Often right at or around a multiple of 2048, where a block ends.
      const near = Math.floor(r() * (base.length / 2048)) * 2048 + Math.floor(r() * 5) - 2;
      const a = Math.max(0, Math.min(base.length, r() < 0.5 ? near : Math.floor(r() * base.length)));
      const b = Math.min(base.length, a + Math.floor(r() * (r() < 0.2 ? 5000 : 4)));
      const after = base.slice(0, a) + ['', 'x', 'Ana', '\n'.repeat(3000)][Math.floor(r() * 4)] + base.slice(b);
      const edit = scriptEditBetween(base, after);
      expect(edit).toEqual(charByChar(base, after));
      expect(applyScriptEdit(base, edit)).toBe(after);
    }
    expect(scriptEditBetween(SAME, SAME)).toEqual({ from: SAME.length, to: SAME.length, insert: '', length: SAME.length });
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
