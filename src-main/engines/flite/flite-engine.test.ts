// How Koe's controls become Flite's arguments, checked without running Flite (contained.test.ts runs
// it, in its child process, as the app does).
import { describe, expect, it } from 'vitest';
import { durationStretch, fliteArgs, targetF0 } from './flite-engine';
import { fliteVoice } from './voices';

describe('Flite arguments', () => {
  it('turns speed into a duration stretch, clamped to 0.5–2', () => {
    expect(durationStretch(1)).toBe(1);
    expect(durationStretch(2)).toBe(0.5);
    expect(durationStretch(0.5)).toBe(2);
    expect(durationStretch(5)).toBe(0.5);
    expect(durationStretch(0)).toBe(1);
    expect(durationStretch(Number.NaN)).toBe(1);
  });

  it('moves pitch up to six semitones either way from the voice’s own mean', () => {
    expect(targetF0(50, 172)).toBe(172);
    expect(targetF0(100, 100)).toBeCloseTo(100 * Math.SQRT2, 6);
    expect(targetF0(0, 100)).toBeCloseTo(100 / Math.SQRT2, 6);
    expect(targetF0(200, 100)).toBeCloseTo(100 * Math.SQRT2, 6);
  });

  it('passes the text as one argument and leaves neutral pitch, and rms, alone', () => {
    const slt = fliteVoice('SLT')!;
    expect(fliteArgs('-v Hello "there"', slt, { speed: 1, pitch: 50 })).toEqual(['-voice', 'slt', '--setf', 'duration_stretch=1.0000', '-t', '-v Hello "there"']);
    expect(fliteArgs('Hi.', slt, { speed: 2, pitch: 100 })).toEqual(['-voice', 'slt', '--setf', 'duration_stretch=0.5000', '--setf', 'int_f0_target_mean=243.2', '-t', 'Hi.']);
    expect(fliteArgs('Hi.', fliteVoice('rms')!, { speed: 1, pitch: 100 }).some((a) => a.startsWith('int_f0'))).toBe(false);
    expect(fliteVoice('nobody')).toBeUndefined();
  });
});
