// Scheduling math of streamed playback: back-to-back chunks, lead time, gaps, the playhead and the clock.
import { describe, expect, it } from 'vitest';
import { formatTime, playheadAt, START_LEAD_SEC, Timeline } from './timeline';

describe('Timeline', () => {
  it('starts the first chunk slightly ahead of now and plays later chunks back to back', () => {
    const t = new Timeline();
    t.beginStream(0, 0);
    const a = t.place(10, 0.5);
    expect(a).toBeCloseTo(10 + START_LEAD_SEC);
    const b = t.place(10.1, 0.25); // arrives while the first still plays
    expect(b).toBeCloseTo(a + 0.5);
    expect(t.endSec).toBeCloseTo(a + 0.75);
    expect(t.segments).toEqual([{ key: 0, startSec: a, endSec: a + 0.75 }]);
  });

  it('honours silence owed before the very first stream', () => {
    const t = new Timeline();
    t.beginStream(0, 0.4);
    expect(t.place(2, 0.1)).toBeCloseTo(2 + START_LEAD_SEC + 0.4);
  });

  it('never schedules in the past when the network falls behind', () => {
    const t = new Timeline();
    t.beginStream(0, 0);
    t.place(0, 0.2);
    const late = t.place(5, 0.2); // an underrun: the previous chunk ended long ago
    expect(late).toBeCloseTo(5 + START_LEAD_SEC);
  });

  it('puts the gap after the previous line, and carries a silent line’s pause to the next', () => {
    const t = new Timeline();
    t.beginStream(0, 0);
    const a = t.place(0, 1);
    t.beginStream(1, 0.3);
    const b = t.place(0.2, 1); // line 2 synthesized while line 1 plays
    expect(b).toBeCloseTo(a + 1 + 0.3);
    t.beginStream(2, 0.5); // pause-only line: no chunks
    t.beginStream(3, 0.3);
    const c = t.place(0.4, 1);
    expect(c).toBeCloseTo(b + 1 + 0.8);
  });

  it('reports what is still ahead of the listener', () => {
    const t = new Timeline();
    expect(t.aheadSec(3)).toBe(0);
    t.beginStream(0, 0);
    t.place(0, 4);
    expect(t.aheadSec(1)).toBeCloseTo(3 + START_LEAD_SEC);
    expect(t.aheadSec(100)).toBe(0);
  });
});

describe('playheadAt', () => {
  it('follows the context clock across segments', () => {
    const t = new Timeline();
    expect(playheadAt(t, 1)).toEqual({ positionSec: 0, key: null, segmentFraction: 0 });
    t.beginStream(4, 0);
    const a = t.place(0, 2);
    t.beginStream(5, 0.5);
    t.place(0, 1);
    expect(playheadAt(t, a - 0.01).key).toBeNull();
    const p = playheadAt(t, a + 1);
    expect(p.key).toBe(4);
    expect(p.positionSec).toBeCloseTo(1);
    expect(p.segmentFraction).toBeCloseTo(0.5);
    expect(playheadAt(t, a + 2.2).key).toBe(4); // in the gap: still the last started line
    expect(playheadAt(t, a + 2.6)).toMatchObject({ key: 5 });
    expect(playheadAt(t, a + 99).positionSec).toBeCloseTo(3.5); // clamped to the end of what was scheduled
  });
});

describe('formatTime', () => {
  it('prints mm:ss.t and never rounds up past the audio', () => {
    expect(formatTime(0)).toBe('00:00.0');
    expect(formatTime(65.27)).toBe('01:05.2');
    expect(formatTime(59.99)).toBe('00:59.9');
    expect(formatTime(0.3)).toBe('00:00.3');
    expect(formatTime(3600)).toBe('60:00.0');
    expect(formatTime(-2)).toBe('00:00.0');
  });
});
