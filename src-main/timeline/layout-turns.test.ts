// Overlaps the script asks for: "--" lets the next speaker cut in, "[over]" puts a line under the
// previous one; checked sample for sample, with manual clips and ripple still ruling.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CUT_IN_MS, DEFAULT_OVER_PERCENT, layoutStarts, msToSamples, type LayoutLine } from './layout';

const opts = { baseGapMs: 700, quickGapMs: 200, continueGapMs: 100, ripple: true };
const long = 'This is an ordinary line with plenty of words in it.';
const line = (speaker: string, text: string, samples: number, extra: Partial<LayoutLine> = {}): LayoutLine => ({ speaker, text, pauseBeforeMs: 0, samples, ...extra });

describe('turn markers in the layout', () => {
  it('starts the next speaker 300 ms before the end of a line cut off with "--"', () => {
    expect(DEFAULT_CUT_IN_MS).toBe(300);
    const starts = layoutStarts([line('Ana', long, 48_000, { turn: 'cut' }), line('Ben', long, 30_000), line('Ana', long, 10_000)], opts);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBe(48_000 - 7_200);
    // The line after the interruption follows the latest end, as usual.
    expect(starts[2]).toBe(starts[1]! + 30_000 + msToSamples(700));
  });

  it('takes the cut-in from the options, never before the cut line starts, and keeps a [pause] on top', () => {
    const a = line('Ana', long, 48_000, { turn: 'cut' });
    expect(layoutStarts([a, line('Ben', long, 1000)], { ...opts, cutInMs: 500 })[1]).toBe(48_000 - 12_000);
    expect(layoutStarts([line('Ana', 'Wait', 2_400, { turn: 'cut' }), line('Ben', long, 1000)], opts)[1]).toBe(0);
    expect(layoutStarts([a, line('Ben', long, 1000, { pauseBeforeMs: 100 })], opts)[1]).toBe(48_000 - 7_200 + 2_400);
  });

  it('places an [over] line 40% into the previous speaker\'s line, and the next turn after the longer of the two', () => {
    expect(DEFAULT_OVER_PERCENT).toBe(40);
    const starts = layoutStarts([line('Narrator', long, 1000), line('Ana', long, 100_000), line('Ben', 'Mm-hm.', 12_000, { turn: 'over' }), line('Ana', long, 5_000)], opts);
    const anaStart = 1000 + msToSamples(700);
    expect(starts[1]).toBe(anaStart);
    expect(starts[2]).toBe(anaStart + 40_000);
    expect(starts[3]).toBe(anaStart + 100_000 + msToSamples(200));
    expect(layoutStarts([line('Ana', long, 100_000), line('Ben', 'Mm.', 1, { turn: 'over' })], { ...opts, overPercent: 75 })[1]).toBe(75_000);
  });

  it('leaves a dragged (manual) clip where the user put it, and ignores markers within one speaker', () => {
    const starts = layoutStarts([line('Ana', long, 48_000, { turn: 'cut' }), line('Ben', long, 1000, { manual: true, placedAt: 90_000 })], opts);
    expect(starts[1]).toBe(90_000);
    const same = layoutStarts([line('Ana', long, 48_000, { turn: 'cut' }), line('Ana', long, 1000)], opts);
    expect(same[1]).toBe(48_000 + msToSamples(100));
    const overSelf = layoutStarts([line('Ana', long, 48_000), line('Ana', 'Mm.', 1000, { turn: 'over' })], opts);
    expect(overSelf[1]).toBe(48_000 + msToSamples(100));
  });
});

describe('exchange gaps', () => {
  const exchange = { ...opts, questionGapMs: 90, topicGapMs: 1250 };

  it('answers a question after the question gap, sample for sample, and falls back to the quick gap without one', () => {
    const q = [line('Ana', 'Did you really mean all of that, just now?', 24_000), line('Ben', long, 10_000)];
    expect(layoutStarts(q, exchange)[1]).toBe(24_000 + 2_160);
    expect(layoutStarts(q, { ...exchange, questionGapMs: 0 })[1]).toBe(24_000);
    expect(layoutStarts(q, opts)[1]).toBe(24_000 + msToSamples(200));
    // A speaker who asks and carries on is not answering: the same-speaker gap applies.
    expect(layoutStarts([q[0]!, line('Ana', long, 10_000)], exchange)[1]).toBe(24_000 + msToSamples(100));
    // A short line that is not a question keeps the quick gap.
    expect(layoutStarts([line('Ana', 'Fine.', 12_000), line('Ben', long, 10_000)], exchange)[1]).toBe(12_000 + msToSamples(200));
  });

  it('adds the topic gap before a line that opens a new topic, on top of its natural gap and a [pause]', () => {
    const lines = [line('Ana', long, 30_000), line('Ben', long, 20_000, { topic: true }), line('Ben', long, 10_000, { topic: true, pauseBeforeMs: 500 }), line('Ana', long, 5_000)];
    const s = layoutStarts(lines, exchange);
    expect(s[1]).toBe(30_000 + msToSamples(700 + 1250));
    expect(s[2]).toBe(s[1]! + 20_000 + msToSamples(100 + 1250 + 500));
    expect(s[3]).toBe(s[2]! + 10_000 + msToSamples(700));
    // Without the setting (a timeline from before it) a topic changes nothing.
    expect(layoutStarts(lines, opts)[1]).toBe(30_000 + msToSamples(700));
  });

  it('takes the cut-in and the [over] position from the settings, sample for sample', () => {
    const cut = [line('Ana', long, 48_000, { turn: 'cut' }), line('Ben', long, 1000)];
    for (const ms of [0, 120, 300, 1000]) expect(layoutStarts(cut, { ...exchange, cutInMs: ms })[1]).toBe(48_000 - ms * 24);
    const over = [line('Ana', long, 100_000), line('Ben', 'Mm.', 1000, { turn: 'over' })];
    for (const pct of [0, 25, 40, 100]) expect(layoutStarts(over, { ...exchange, overPercent: pct })[1]).toBe(pct * 1000);
  });
});
