import { describe, expect, it } from 'vitest';
import { formatTime, pxToSamples, rulerStep, samplesToPx, snapStart, SNAP_GRID_SAMPLES, zoomBy, ZOOM_MAX, ZOOM_MIN } from './geometry';

const SR = 24_000;

describe('timeline geometry', () => {
  it('converts samples and pixels both ways at a zoom', () => {
    expect(samplesToPx(SR * 2, 50)).toBe(100);
    expect(pxToSamples(100, 50)).toBe(SR * 2);
  });

  it('clamps zoom to its range', () => {
    expect(zoomBy(ZOOM_MAX, 2)).toBe(ZOOM_MAX);
    expect(zoomBy(ZOOM_MIN, 0.5)).toBe(ZOOM_MIN);
    expect(zoomBy(100, 1.5)).toBe(150);
  });

  it('snaps to the 100 ms grid when no edge is near', () => {
    expect(snapStart(SR * 1.04, SR, [], 100)).toBe(SR);
    expect(snapStart(SR * 1.06, SR, [], 100)).toBe(SR + SNAP_GRID_SAMPLES);
    expect(snapStart(-500, SR, [], 100)).toBe(0);
  });

  it("sticks its start to another clip's end, or its end to another clip's start", () => {
    const other = { start: SR * 2, length: SR * 3 }; // 2 s … 5 s
    // At 100 px/s, 8 px = 80 ms: 5.05 s lands on 5 s.
    expect(snapStart(SR * 5.05, SR, [other], 100)).toBe(SR * 5);
    // A 1 s clip whose end is at 1.97 s sticks so it ends at 2 s.
    expect(snapStart(SR * 0.97, SR, [other], 100)).toBe(SR * 1);
    // Too far from any edge: grid.
    expect(snapStart(SR * 5.23, SR, [other], 100)).toBe(SR * 5.2);
  });

  it('moves freely when snapping is off', () => {
    expect(snapStart(12_345.4, SR, [{ start: 12_000, length: 10 }], 100, true)).toBe(12_345);
  });

  it('keeps ruler labels apart and formats times', () => {
    expect(rulerStep(80).majorSec * 80).toBeGreaterThanOrEqual(70);
    expect(rulerStep(800).majorSec).toBe(0.1);
    expect(formatTime(65.25, true)).toBe('1:05.2');
    expect(formatTime(3, false)).toBe('0:03');
  });
});
