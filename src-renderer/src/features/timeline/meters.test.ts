// The meter display's arithmetic: which figures a step shows, the bar's fill, and how a figure prints.
import { describe, expect, it } from 'vitest';
import type { WindowMeters } from '../../../../src-main/contract/calls-timeline';
import { formatLevel, meterFill, readingAt } from './meters';

const window: WindowMeters = {
  stepSamples: 2400,
  master: { peakDb: [-12, -6], truePeakDb: [-11.5, -5.2], lufs: [-30, -20], reductionDb: [0, -2.5] },
  lanes: [{ speaker: 'Ana', peakDb: [-12, -120], truePeakDb: [-11.9, -120], lufs: [-30, -32] }],
};

describe('meters', () => {
  it('reads the step being heard, for the master and each lane; past the end reads silence', () => {
    expect(readingAt(window, 1)).toEqual({ master: { peakDb: -6, truePeakDb: -5.2, lufs: -20, reductionDb: -2.5 }, lanes: { Ana: { peakDb: -120, truePeakDb: -120, lufs: -32 } } });
    expect(readingAt(window, 5).master).toEqual({ peakDb: -120, truePeakDb: -120, lufs: -120, reductionDb: 0 });
  });

  it('fills the bar from −60 dB to 0 dB and clamps outside', () => {
    expect(meterFill(-60)).toBe(0);
    expect(meterFill(-30)).toBe(0.5);
    expect(meterFill(0)).toBe(1);
    expect(meterFill(6)).toBe(1);
    expect(meterFill(-120)).toBe(0);
  });

  it('prints one decimal, a sign over full scale, and −∞ for silence', () => {
    expect(formatLevel(-23.04)).toBe('−23.0');
    expect(formatLevel(0)).toBe('0.0');
    expect(formatLevel(9.84)).toBe('+9.8');
    expect(formatLevel(-120)).toBe('−∞');
  });
});
