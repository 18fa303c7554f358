// Reconnect delays of the browser face.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from a quarter second and settles at the cap, with ±20 % spread', () => {
    expect(backoffDelay(0, 0.5)).toBe(250);
    expect(backoffDelay(1, 0.5)).toBe(500);
    expect(backoffDelay(3, 0.5)).toBe(2000);
    expect(backoffDelay(30, 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(0, 0)).toBe(200);
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(300);
  });
});
