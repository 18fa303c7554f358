// The turn-taking rules on plain arrays: which gap applies, pauses, manual clips, ripple.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, estimateSamples, gapBeforeMs, layoutStarts, msToSamples, tracksOf, type LayoutLine } from './layout';

const opts = { baseGapMs: 700, quickGapMs: 200, continueGapMs: 100, ripple: true };
const long = 'This is an ordinary line with plenty of words in it.';
const line = (speaker: string, text: string, samples: number, extra: Partial<LayoutLine> = {}): LayoutLine => ({ speaker, text, pauseBeforeMs: 0, samples, ...extra });

describe('gaps between turns', () => {
  it('uses the base gap between ordinary turns, the quick gap after a question or around a short line, the continue gap for the same speaker', () => {
    expect(gapBeforeMs(null, line('Ana', long, 0), opts)).toBe(0);
    expect(gapBeforeMs(line('Ana', long, 0), line('Ben', long, 0), opts)).toBe(700);
    expect(gapBeforeMs(line('Ana', 'Did you really mean all of that, just now?', 0), line('Ben', long, 0), opts)).toBe(200);
    expect(gapBeforeMs(line('Ana', long, 0), line('Ben', 'No. Never.', 0), opts)).toBe(200);
    expect(gapBeforeMs(line('Ana', 'Yes!', 0), line('Ben', long, 0), opts)).toBe(200);
    expect(gapBeforeMs(line('Ana', long, 0), line('Ana', long, 0), opts)).toBe(100);
  });

  it('adds a [pause] exactly, on top of whichever gap applies', () => {
    for (const prev of [line('Ana', long, 0), line('Ben', long, 0), line('Ben', 'Why?', 0)]) {
      const without = gapBeforeMs(prev, line('Ana', long, 0), opts);
      expect(gapBeforeMs(prev, line('Ana', long, 0, { pauseBeforeMs: 800 }), opts) - without).toBe(800);
    }
    expect(gapBeforeMs(null, line('Ana', long, 0, { pauseBeforeMs: 1500 }), opts)).toBe(1500);
  });
});

describe('layoutStarts', () => {
  const lines = [line('Ana', long, 48_000), line('Ben', long, 24_000), line('Ana', long, 12_000)];

  it('places lines in order, each one gap after the one before', () => {
    const s = layoutStarts(lines, opts);
    expect(s).toEqual([0, 48_000 + msToSamples(700), 48_000 + msToSamples(700) + 24_000 + msToSamples(700)]);
  });

  it('keeps a manual clip where the user put it and places the next turn after the latest end', () => {
    // Ben interrupts: dragged to start halfway through Ana's line, and ends before her.
    const moved = [lines[0]!, { ...lines[1]!, placedAt: 10_000, manual: true, samples: 5_000 }, lines[2]!];
    const s = layoutStarts(moved, opts);
    expect(s[1]).toBe(10_000);
    expect(s[2]).toBe(48_000 + msToSamples(700));
  });

  it('ripples clips after a line that grew, or leaves placed clips alone with ripple off', () => {
    const placed = layoutStarts(lines, opts);
    const grown = lines.map((l, i) => ({ ...l, placedAt: placed[i] }));
    grown[0] = { ...grown[0]!, samples: 96_000 };
    const rippled = layoutStarts(grown, opts);
    expect(rippled[1]! - placed[1]!).toBe(48_000);
    expect(rippled[2]! - placed[2]!).toBe(48_000);
    expect(layoutStarts(grown, { ...opts, ripple: false })).toEqual(placed);
    // A manual clip stays put even with ripple on.
    grown[2] = { ...grown[2]!, manual: true };
    expect(layoutStarts(grown, opts)[2]).toBe(placed[2]);
  });

  it('one track per speaker, in order of first appearance', () => {
    expect(tracksOf([line('Ben', 'a', 1), line('Ana', 'b', 1), line('Ben', 'c', 1), line('Cy', 'd', 1)])).toEqual(['Ben', 'Ana', 'Cy']);
  });

  it('estimates an unrendered line from its text and speed', () => {
    expect(estimateSamples('Hi.')).toBe(12_000);
    expect(estimateSamples('x'.repeat(140))).toBe(240_000);
    expect(estimateSamples('x'.repeat(140), 2)).toBe(120_000);
  });

  it('has defaults a writer can start with', () => {
    expect(DEFAULT_LAYOUT.quickGapMs).toBeLessThan(DEFAULT_LAYOUT.baseGapMs);
    expect(DEFAULT_LAYOUT.continueGapMs).toBeLessThan(DEFAULT_LAYOUT.quickGapMs);
  });
});
