import { describe, expect, it } from 'vitest';
import { parseMarkup, stripMarkup } from './markup';
import { parseScript } from './parse';

describe('inline markup', () => {
  it('reads one-off pronunciations and stress in misaki’s link form', () => {
    const m = parseMarkup('Say [Koe](/kˈOA/) and [record](+1) now.');
    expect(m.problems).toEqual([]);
    expect(m.plain).toBe('Say Koe and record now.');
    expect(m.runs).toHaveLength(1);
    expect(m.runs[0]!.pieces).toEqual([
      { kind: 'text', text: 'Say ' },
      { kind: 'word', text: 'Koe', phonemes: 'kˈOA' },
      { kind: 'text', text: ' and ' },
      { kind: 'word', text: 'record', stress: 1 },
      { kind: 'text', text: ' now.' },
    ]);
  });

  it('splits the line into runs with their rate and emphasis', () => {
    const m = parseMarkup('I *really* mean it. [rate 0.8]Slowly [rate 1.5]now[/rate] here[/rate] done');
    expect(m.problems).toEqual([]);
    expect(m.plain).toBe('I really mean it. Slowly now here done');
    expect(m.runs.map((r) => [r.pieces.map((p) => p.text).join(''), r.rate, r.emphasis])).toEqual([
      ['I ', 1, false],
      ['really', 0.9, true],
      [' mean it. ', 1, false],
      ['Slowly ', 0.8, false],
      ['now', 1.2, false],
      [' here', 0.8, false],
      [' done', 1, false],
    ]);
  });

  it('leaves arithmetic and lone stars alone', () => {
    expect(parseMarkup('2 * 3 is 6 and 2*3 too').problems).toEqual([]);
    expect(stripMarkup('2 * 3 is 6')).toBe('2 * 3 is 6');
  });

  it('names the place of markup left open, and still reads the rest', () => {
    const star = parseMarkup('This is *very important.');
    expect(star.problems.map((p) => p.message)).toEqual(['The emphasis mark * at column 9 is not closed: write *words* with a * on both sides. It is ignored.']);
    expect(star.plain).toBe('This is very important.');
    expect(star.runs.map((r) => r.emphasis)).toEqual([false]);

    const rate = parseMarkup('[rate 0.9]Slow to the end');
    expect(rate.problems[0]!.message).toBe('[rate] at column 1 is not closed with [/rate]; it lasts to the end of the line.');
    expect(rate.runs[0]!.rate).toBe(0.9);

    expect(parseMarkup('fast[/rate]').problems[0]!.message).toContain('[/rate] at column 5 closes nothing');
    expect(parseMarkup('[rate fast]x[/rate]').problems[0]!.message).toContain('[rate fast] at column 1 needs a number from 0.5 to 2');
    const link = parseMarkup('Say [Koe](/kˈOA and go');
    expect(link.problems[0]!.message).toContain('The pronunciation of “Koe” at column 5 is not closed');
  });

  it('gives the editor ranges in order', () => {
    const ranges = parseMarkup('*a* [b](/bˈi/) [rate 2]c[/rate] *d').ranges;
    expect(ranges.map((r) => r.kind)).toEqual(['emphasis', 'emphasis', 'syntax', 'phonemes', 'rate', 'rate', 'problem']);
    expect([...ranges].sort((x, y) => x.from - y.from)).toEqual(ranges);
  });
});

describe('markup in the script', () => {
  it('survives the parser: links are not cues or directions, rate marks are not cues', () => {
    const s = parseScript('Ana: Say [Koe](/kˈOA/) (softly) [rate 0.9]slowly[/rate] and [record](+1).');
    expect(s.lines.map((l) => l.text)).toEqual(['Say [Koe](/kˈOA/) [rate 0.9]slowly[/rate] and [record](+1).']);
  });
});
