// Window planning (first short, loop-bounded, wrapping), the audio clock → playhead mapping, and
// reading the core's planar float32.
import { describe, expect, it } from 'vitest';
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { decodePlanar, FIRST_WINDOW, formatClock, mixKey, NEXT_WINDOW, nextWindow, positionAt, type Segment } from './mix-window';

describe('nextWindow', () => {
  it('starts short, then steps in longer windows to the end, then stops', () => {
    const plan = { end: 10 * 24000, loop: null };
    expect(nextWindow(5000, plan, true)).toEqual({ start: 5000, end: 5000 + FIRST_WINDOW });
    expect(nextWindow(5000, plan, false)).toEqual({ start: 5000, end: 5000 + NEXT_WINDOW });
    expect(nextWindow(plan.end - 10, plan, false)).toEqual({ start: plan.end - 10, end: plan.end });
    expect(nextWindow(plan.end, plan, false)).toBeNull();
  });

  it('bounds windows at the loop end and wraps to the loop start', () => {
    const plan = { end: 100 * 24000, loop: { start: 24000, end: 24000 + 30000 } };
    expect(nextWindow(50000, plan, false)).toEqual({ start: 50000, end: 54000 });
    expect(nextWindow(54000, plan, false)).toEqual({ start: 24000, end: 54000 });
    expect(nextWindow(0, plan, true)).toEqual({ start: 0, end: FIRST_WINDOW }); // before the loop: plays into it
    expect(nextWindow(60000, plan, false)).toEqual({ start: 60000, end: 60000 + NEXT_WINDOW }); // past it: no wrap
  });

  it('a loop past the end of the timeline still wraps (silence is mixed there)', () => {
    const plan = { end: 24000, loop: { start: 12000, end: 48000 } };
    expect(nextWindow(30000, plan, false)).toEqual({ start: 30000, end: 48000 });
    expect(nextWindow(48000, plan, false)).toEqual({ start: 12000, end: 48000 });
  });
});

describe('positionAt', () => {
  const segs: Segment[] = [
    { at: 10, until: 11, from: 48000, to: 72000, rate: 1 },
    { at: 11, until: 14, from: 72000, to: 144000, rate: 1 },
    { at: 15, until: 15.5, from: 0, to: 24000, rate: 2 }, // late window (gap), shuttled at 2×
  ];
  it('maps the audio clock through back-to-back windows', () => {
    expect(positionAt(segs, 9, 48000)).toBe(48000);
    expect(positionAt(segs, 10.5, 48000)).toBe(60000);
    expect(positionAt(segs, 12, 48000)).toBe(96000);
  });
  it('waits at the end of the last window in a gap, and runs faster at a faster rate', () => {
    expect(positionAt(segs, 14.5, 48000)).toBe(144000);
    expect(positionAt(segs, 15.25, 48000)).toBe(12000);
    expect(positionAt(segs, 20, 48000)).toBe(24000);
  });
});

describe('decodePlanar', () => {
  it('reads float32 little-endian planar channels exactly', () => {
    const left = Float32Array.from([0.5, -0.25, 1e-7]);
    const right = Float32Array.from([-1, 0, 0.125]);
    const bytes = new Uint8Array(24);
    bytes.set(new Uint8Array(left.buffer), 0);
    bytes.set(new Uint8Array(right.buffer), 12);
    const [l, r] = decodePlanar(Buffer.from(bytes).toString('base64'), 2);
    expect(Array.from(l!)).toEqual(Array.from(left));
    expect(Array.from(r!)).toEqual(Array.from(right));
  });
});

it('formatClock shows m:ss.mmm', () => {
  expect(formatClock(0)).toBe('0:00.000');
  expect(formatClock(75.5)).toBe('1:15.500');
});

it('mixKey changes with what is heard, not with render states', () => {
  const clip = { lineId: 1, position: 0, speaker: 'A', text: 'Hi', startSample: 0, samples: 100, estimated: false, manual: false, gainDb: 0, fadeInSamples: 0, fadeOutSamples: 0, trimStartSamples: 0, trimEndSamples: 0, speed: null, pauseAfterMs: 0, take: null, takeCount: 0, style: null, styleSpoken: null, status: 'missing' as const, render: null };
  const view = { projectId: 'p', revision: 1, sampleRate: 24000 as const, options: { baseGapMs: 0, quickGapMs: 0, continueGapMs: 0, ripple: false, cutInMs: 300, overPercent: 40, questionGapMs: 0, topicGapMs: 0, contextMode: 'off' as const }, master: { gainDb: 0, limiter: false }, tracks: [{ speaker: 'A', voiceId: null, color: '#fff', gainDb: 0, pan: 0, mute: false, solo: false }], clips: [clip], markers: [], chapters: [], canUndo: false, canRedo: false } satisfies TimelineView;
  const k = mixKey(view);
  expect(mixKey({ ...view, revision: 2, clips: [{ ...clip, render: { state: 'rendering', error: null } }] })).toBe(k);
  expect(mixKey({ ...view, clips: [{ ...clip, gainDb: -3 }] })).not.toBe(k);
  expect(mixKey({ ...view, tracks: [{ ...view.tracks[0]!, solo: true }] })).not.toBe(k);
  expect(mixKey({ ...view, master: { gainDb: -6, limiter: false } })).not.toBe(k);
  expect(mixKey({ ...view, master: { gainDb: 0, limiter: true } })).not.toBe(k);
});
