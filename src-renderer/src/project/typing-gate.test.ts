// The gate between a finished parse and the panels: nothing is delivered while typing, then only the
// newest value, once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { typingGate } from './typing-gate';

describe('typingGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers at once when nobody is typing', () => {
    const got: number[] = [];
    const offer = typingGate(() => false, (v: number) => got.push(v));
    offer(1);
    offer(2);
    expect(got).toEqual([1, 2]);
  });

  it('holds values while typing and delivers only the newest, once, after the pause', () => {
    let typing = true;
    const got: string[] = [];
    const offer = typingGate(() => typing, (v: string) => got.push(v), 100);
    offer('old');
    vi.advanceTimersByTime(250);
    offer('new');
    vi.advanceTimersByTime(250);
    expect(got).toEqual([]);
    typing = false;
    vi.advanceTimersByTime(100);
    expect(got).toEqual(['new']);
    vi.advanceTimersByTime(1000);
    expect(got).toEqual(['new']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
