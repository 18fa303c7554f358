// Which stored line a re-parsed script line continues: unchanged, moved, edited in place, or new.
import { describe, expect, it } from 'vitest';
import { matchLines, type LineKey } from './line-identity';
import { oneEditIn5000Lines, replaced5000Lines } from '../../bench/library';

const L = (s: string): LineKey => {
  const [speaker, text] = s.split(': ');
  return { speaker: speaker!, text: text! };
};
const lines = (...s: string[]) => s.map(L);

describe('matchLines', () => {
  const base = lines('Ana: The harbour was quiet this morning.', 'Ben: Did the boats come in?', 'Ana: Only the small ones did.', 'Cy: Nobody tells me anything.');

  it('keeps every line of an unchanged script', () => {
    expect(matchLines(base, base)).toEqual([0, 1, 2, 3]);
  });

  it('a typo fix keeps the line', () => {
    const next = [...base];
    next[1] = L('Ben: Did the boats come in yet?');
    expect(matchLines(base, next)).toEqual([0, 1, 2, 3]);
  });

  it('a whole line rewritten in place keeps its slot, as does a speaker change', () => {
    const next = [...base];
    next[2] = L('Ana: Something else entirely, said instead.');
    next[3] = L('Ben: Nobody tells me anything.');
    expect(matchLines(base, next)).toEqual([0, 1, 2, 3]);
  });

  it('an inserted line is new; the others keep theirs', () => {
    const next = [base[0]!, base[1]!, L('Cy: Wait, what boats?'), base[2]!, base[3]!];
    expect(matchLines(base, next)).toEqual([0, 1, null, 2, 3]);
  });

  it('a deleted line is dropped', () => {
    expect(matchLines(base, [base[0]!, base[2]!, base[3]!])).toEqual([0, 2, 3]);
  });

  it('swapped and moved lines keep their identity', () => {
    expect(matchLines(base, [base[1]!, base[0]!, base[2]!, base[3]!])).toEqual([1, 0, 2, 3]);
    expect(matchLines(base, [base[3]!, base[0]!, base[1]!, base[2]!])).toEqual([3, 0, 1, 2]);
  });

  it('an edit next to an insertion in the same save still finds its line', () => {
    const next = [base[0]!, L('Ben: Did the boats come in, then?'), L('Ana: What do you mean?'), base[2]!, base[3]!];
    expect(matchLines(base, next)).toEqual([0, 1, null, 2, 3]);
    const before = [L('Cy: Hello?'), ...next.slice(1, 3), L('Ana: A line that goes away.'), base[3]!];
    const after = [L('Cy: Hello?'), L('Ben: Did the boats come in today?'), base[3]!];
    expect(matchLines(before, after)).toEqual([0, 1, 4]);
  });

  it('repeated identical lines are matched in order', () => {
    const rows = lines('Ana: Yes.', 'Ben: No.', 'Ana: Yes.');
    expect(matchLines(rows, lines('Ana: Yes.', 'Ana: Yes.'))).toEqual([0, 2]);
    // Which of two identical lines goes where cannot matter; each stored one is used once.
    const m = matchLines(rows, lines('Ben: No.', 'Ana: Yes.', 'Ana: Yes.', 'Ana: Yes.'));
    expect(m[0]).toBe(1);
    expect(m.filter((i) => i === null)).toHaveLength(1);
    expect(new Set(m.filter((i) => i !== null))).toEqual(new Set([0, 1, 2]));
  });

  it('from and to nothing', () => {
    expect(matchLines([], base)).toEqual([null, null, null, null]);
    expect(matchLines(base, [])).toEqual([]);
  });

  // How long these two take (target < 2 s for the wholesale replacement) is measured in bench/library.ts.
  it('one edit in a 5,000-line script is found', () => {
    const { before, after } = oneEditIn5000Lines();
    expect(matchLines(before, after)).toEqual(before.map((_, i) => i));
  });

  it('a 5,000-line script replaced wholesale is matched, exact lines only', () => {
    const { before, after } = replaced5000Lines();
    expect(matchLines(before, after)[0]).toBe(0);
  });
});
