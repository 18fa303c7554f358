// Trim and fade gestures, edge snapping, the visible window, and what a waveform column shows.
import { describe, expect, it } from 'vitest';
import { dragGrip, MIN_CLIP_SAMPLES, snapEdge, type ClipShape } from './geometry';
import { indexSpans, spansInPx } from './span-index';
import { envelopeAt, waveColumns } from './waveform-math';
import { keepUnchanged } from './timeline-store';
import { touchedEdge } from './SnapGuide';
import type { TimelineClip, TimelineView } from '../../../../src-main/contract/calls-timeline';

const SR = 24_000;
const shape: ClipShape = { start: SR * 2, trimStart: 0, trimEnd: 0, fadeIn: 0, fadeOut: 0 };

describe('trim and fade gestures', () => {
  it('a head trim moves the left edge with the pointer and keeps the audio in place', () => {
    const s = dragGrip('trim-start', shape, SR, SR / 4);
    expect(s).toEqual({ ...shape, start: SR * 2 + SR / 4, trimStart: SR / 4 });
  });

  it('a head trim cannot pull in more than the take has, nor leave less than the minimum', () => {
    expect(dragGrip('trim-start', { ...shape, trimStart: 100 }, SR, -1000)).toMatchObject({ trimStart: 0, start: SR * 2 - 100 });
    expect(dragGrip('trim-start', shape, SR, SR * 5).trimStart).toBe(SR - MIN_CLIP_SAMPLES);
    // At the timeline's start the clip cannot go below 0.
    expect(dragGrip('trim-start', { ...shape, start: 50, trimStart: 500 }, SR, -1000)).toMatchObject({ start: 0, trimStart: 450 });
  });

  it('a tail trim shortens from the right and can be dragged back out to the take end', () => {
    expect(dragGrip('trim-end', shape, SR, -SR / 2).trimEnd).toBe(SR / 2);
    expect(dragGrip('trim-end', { ...shape, trimEnd: 300 }, SR, 10_000).trimEnd).toBe(0);
    expect(dragGrip('trim-end', shape, SR, -SR * 3).trimEnd).toBe(SR - MIN_CLIP_SAMPLES);
  });

  it('fades stay within what plays and never cross', () => {
    expect(dragGrip('fade-in', shape, SR, 2400).fadeIn).toBe(2400);
    expect(dragGrip('fade-in', { ...shape, fadeOut: SR / 2 }, SR, SR).fadeIn).toBe(SR / 2);
    expect(dragGrip('fade-out', shape, SR, -4800).fadeOut).toBe(4800);
    expect(dragGrip('fade-out', { ...shape, trimEnd: SR / 2 }, SR, -SR).fadeOut).toBe(SR / 2);
    expect(dragGrip('fade-in', { ...shape, fadeIn: 100 }, SR, -500).fadeIn).toBe(0);
  });

  it('snaps a trimmed edge to a nearby clip edge', () => {
    const others = [{ start: SR * 3, length: SR }];
    // 8 px at 100 px/s is 1920 samples.
    expect(snapEdge(SR * 3 + 1000, others, 100)).toBe(SR * 3);
    expect(snapEdge(SR * 3 + 3000, others, 100)).toBe(SR * 3 + 3000);
    expect(snapEdge(SR * 3 + 1000, others, 100, true)).toBe(SR * 3 + 1000);
    const s = dragGrip('trim-end', shape, SR, -SR / 2 + 1000, (e) => snapEdge(e, [{ start: SR * 2.5, length: SR }], 100));
    expect(s.trimEnd).toBe(SR / 2);
  });
});

describe('the visible window', () => {
  it('keeps clips that meet the window, even partly', () => {
    const clips = [0, 1, 2, 3, 4].map((i) => ({ id: i, startSample: i * SR, samples: SR / 2 }));
    // 100 px/s: window 150..320 px is 1.5..3.2 s.
    expect(spansInPx(indexSpans(clips), 150, 320, 100).map((c) => c.id)).toEqual([2, 3]);
    expect(spansInPx(indexSpans(clips), 40, 120, 100).map((c) => c.id)).toEqual([0, 1]);
  });
});

/** Columns back in peak units, so float32 rounding does not matter. */
const levels = (cols: Float32Array) => Array.from(cols, (v) => Math.round(v * 127) + 0);

describe('waveform columns', () => {
  const data = new Int8Array([-127, 127, -64, 64, 0, 0, -32, 32]); // 4 buckets
  const base = { data, samplesPerPeak: 80, trimStartSamples: 0, samples: 320, gainDb: 0, fadeInSamples: 0, fadeOutSamples: 0, pxPerSec: SR / 80 };

  it('one column per bucket at one bucket per px, extremes when zoomed out', () => {
    expect(levels(waveColumns(base, 4))).toEqual([-127, 127, -64, 64, 0, 0, -32, 32]);
    expect(levels(waveColumns({ ...base, pxPerSec: SR / 160 }, 2))).toEqual([-127, 127, -32, 32]);
  });

  it('starts at the trimmed head and stops at the played length', () => {
    const out = waveColumns({ ...base, trimStartSamples: 80, samples: 160 }, 4);
    expect(levels(out)).toEqual([-64, 64, 0, 0, 0, 0, 0, 0]);
  });

  it('applies gain and the fade ramps', () => {
    const quieter = waveColumns({ ...base, gainDb: -6 }, 1);
    expect(quieter[1]).toBeCloseTo(10 ** (-6 / 20), 5);
    expect(envelopeAt(0, 1000, 1, 100, 0)).toBe(0);
    expect(envelopeAt(50, 1000, 1, 100, 0)).toBeCloseTo(0.5, 12);
    // The export mixer's sin² curve, not a straight line: a quarter of the way in is ~0.146.
    expect(envelopeAt(25, 1000, 1, 100, 0)).toBeCloseTo(Math.sin(Math.PI / 8) ** 2, 12);
    expect(envelopeAt(975, 1000, 1, 0, 100)).toBeCloseTo(Math.sin(Math.PI / 8) ** 2, 12);
    expect(envelopeAt(950, 1000, 2, 0, 100)).toBeCloseTo(1, 12);
    expect(envelopeAt(500, 1000, 1, 100, 100)).toBe(1);
  });
});

describe('reloaded views keep unchanged clips', () => {
  const clip = (lineId: number, startSample: number) => ({ lineId, startSample, samples: 100, speaker: 'A' }) as unknown as TimelineClip;
  const view = (clips: TimelineClip[]) => ({ projectId: 'p', revision: 1, clips }) as unknown as TimelineView;

  it('reuses the objects of clips that did not change, and the array when none did', () => {
    const old = view([clip(1, 0), clip(2, 100)]);
    const same = keepUnchanged(old, view([clip(1, 0), clip(2, 100)]));
    expect(same.clips).toBe(old.clips);
    const moved = keepUnchanged(old, view([clip(1, 0), clip(2, 300)]));
    expect(moved.clips).not.toBe(old.clips);
    expect(moved.clips[0]).toBe(old.clips[0]);
    expect(moved.clips[1]!.startSample).toBe(300);
    expect(keepUnchanged(old, view([clip(1, 0)])).clips).toHaveLength(1);
  });
});

describe('the snap guide', () => {
  it('shows the other clip edge a moved edge landed on, and nothing otherwise', () => {
    const others = [{ start: 1000, length: 500 }];
    expect(touchedEdge([1500, 2500], others)).toBe(1500);
    expect(touchedEdge([0, 1000], others)).toBe(1000);
    expect(touchedEdge([1499], others)).toBeNull();
    expect(touchedEdge([], others)).toBeNull();
  });
});
