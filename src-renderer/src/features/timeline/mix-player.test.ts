// The player's scheduling against a stand-in audio clock: windows are started back to back exactly
// where the previous one ends, a loop wraps to its start, a replan re-mixes only windows not yet
// started, a primed window plays without a fetch, and playback ends at the end of the timeline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_WINDOW, NEXT_WINDOW } from './mix-window';
import { MixPlayer, type FetchWindow } from './mix-player';

interface Started {
  at: number;
  length: number;
  stopped: boolean;
  first: number;
}

class FakeContext {
  static last: FakeContext;
  currentTime = 0;
  outputLatency = 0;
  state = 'running';
  destination = {};
  started: Started[] = [];
  constructor() {
    FakeContext.last = this;
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
  createBuffer(channels: number, length: number) {
    const data = Array.from({ length: channels }, () => new Float32Array(length));
    return { length, copyToChannel: (c: Float32Array, i: number) => data[i]!.set(c), data };
  }
  createBufferSource() {
    const started = this.started;
    const rec: Started = { at: -1, length: 0, stopped: false, first: NaN };
    return {
      buffer: null as null | { length: number; data: Float32Array[] },
      playbackRate: { value: 1 },
      connect() {},
      disconnect() {},
      start(at: number) {
        rec.at = at;
        rec.length = this.buffer!.length;
        rec.first = this.buffer!.data[0]![0]!;
        started.push(rec);
      },
      stop() {
        rec.stopped = true;
      },
    };
  }
}

/** A window whose every sample is its start position, so a test can tell windows apart. */
const fetchOf = (calls: [number, number][]): FetchWindow =>
  vi.fn(async (from: number, to: number) => {
    calls.push([from, to]);
    return { channels: [new Float32Array(to - from).fill(from)], missing: [] };
  });

const events = () => ({ onWindow: vi.fn(), onEnded: vi.fn(), onError: vi.fn() });
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.stubGlobal('AudioContext', FakeContext);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('MixPlayer', () => {
  it('schedules windows back to back on the clock, from the play position', async () => {
    const calls: [number, number][] = [];
    const p = new MixPlayer(fetchOf(calls), events());
    p.play(5000, { end: 20 * 24000, loop: null }, { rate: 1, channels: 1 });
    for (let i = 0; i < 5; i++) await flush();
    const s = FakeContext.last.started;
    expect(calls[0]).toEqual([5000, 5000 + FIRST_WINDOW]);
    expect(calls[1]).toEqual([5000 + FIRST_WINDOW, 5000 + FIRST_WINDOW + NEXT_WINDOW]);
    expect(s.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < s.length; i++) expect(s[i]!.at).toBe(s[i - 1]!.at + s[i - 1]!.length / 24000);
    // Up to the look-ahead and no further.
    expect(s.at(-1)!.at).toBeLessThanOrEqual(6 + 0.02);
    FakeContext.last.currentTime = s[0]!.at + 0.5;
    expect(p.position()).toBe(5000 + 12000);
    p.dispose();
  });

  it('wraps a loop at its end, joining the loop end to its start', async () => {
    const calls: [number, number][] = [];
    const p = new MixPlayer(fetchOf(calls), events());
    p.play(24000, { end: 100 * 24000, loop: { start: 24000, end: 60000 } }, { rate: 1, channels: 1 });
    for (let i = 0; i < 8; i++) await flush();
    expect(calls.slice(0, 4)).toEqual([
      [24000, 48000],
      [48000, 60000],
      [24000, 60000],
      [24000, 60000],
    ]);
    const s = FakeContext.last.started;
    for (let i = 1; i < s.length; i++) expect(s[i]!.at).toBeCloseTo(s[i - 1]!.at + s[i - 1]!.length / 24000, 12);
    p.dispose();
  });

  it('a replan drops only windows not yet started and mixes them again in the same slots', async () => {
    const calls: [number, number][] = [];
    const p = new MixPlayer(fetchOf(calls), events());
    p.play(0, { end: 60 * 24000, loop: null }, { rate: 1, channels: 1 });
    for (let i = 0; i < 6; i++) await flush();
    const ctx = FakeContext.last;
    const before = ctx.started.map((s) => ({ ...s }));
    ctx.currentTime = before[1]!.at + 0.1; // the second window is playing
    p.replan({ end: 60 * 24000, loop: null }, 1);
    for (let i = 0; i < 6; i++) await flush();
    expect(ctx.started.slice(0, 2).every((s) => !s.stopped)).toBe(true);
    expect(ctx.started.slice(2, before.length).every((s) => s.stopped)).toBe(true);
    const again = ctx.started.slice(before.length);
    expect(again[0]!.at).toBe(before[2]!.at);
    expect(again[0]!.first).toBe(before[2]!.first);
    p.dispose();
  });

  it('without an audio output, play reports it instead of throwing', () => {
    vi.stubGlobal(
      'AudioContext',
      class {
        constructor() {
          throw new Error('no device');
        }
      },
    );
    const ev = events();
    const p = new MixPlayer(fetchOf([]), ev);
    p.prime(0, { end: 48000, loop: null }, 1);
    expect(() => p.play(0, { end: 48000, loop: null }, { rate: 1, channels: 1 })).not.toThrow();
    expect(ev.onError).toHaveBeenCalledWith(expect.stringMatching(/no audio output.*no device/));
    expect(p.playing).toBe(false);
  });

  it('plays a primed window without fetching it, and ends at the end of the timeline', async () => {
    vi.useFakeTimers();
    const calls: [number, number][] = [];
    const ev = events();
    const p = new MixPlayer(fetchOf(calls), ev);
    const plan = { end: 30000, loop: null };
    p.prime(0, plan, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[0, FIRST_WINDOW]]);
    p.play(0, plan, { rate: 1, channels: 1 });
    expect(FakeContext.last.started).toHaveLength(1); // scheduled at once, before any fetch
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([
      [0, FIRST_WINDOW],
      [FIRST_WINDOW, 30000],
    ]);
    FakeContext.last.currentTime = 2;
    await vi.advanceTimersByTimeAsync(150);
    expect(ev.onEnded).toHaveBeenCalledOnce();
    expect(p.playing).toBe(false);
    p.dispose();
  });
});
