import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { ApiLimiter } from './limits';

describe('ApiLimiter', () => {
  it('refuses a key over its concurrency with a 429 and Retry-After, and admits it again after a release', () => {
    const l = new ApiLimiter({ perKeyConcurrent: 2, perKeyPerMinute: 100 }, () => 0);
    const a = l.admit('k');
    l.admit('k');
    const e = (() => {
      try {
        l.admit('k');
      } catch (x) {
        return x as ApiError;
      }
      throw new Error('admitted');
    })();
    expect(e).toMatchObject({ status: 429, code: 'concurrency_limit_exceeded', retryAfter: 1 });
    expect(() => l.admit('other')).not.toThrow();
    a();
    a(); // a second release changes nothing
    expect(() => l.admit('k')).not.toThrow();
    expect(() => l.admit('k')).toThrow(ApiError);
  });

  it('limits requests per minute with a bucket that refills, saying how long to wait', () => {
    let now = 0;
    const l = new ApiLimiter({ perKeyConcurrent: 100, perKeyPerMinute: 60 }, () => now);
    for (let i = 0; i < 60; i++) l.admit('k')();
    let err: ApiError | null = null;
    try {
      l.admit('k');
    } catch (e) {
      err = e as ApiError;
    }
    expect(err).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(err!.retryAfter).toBeCloseTo(1, 5);
    now = 1000; // one request's worth refilled
    expect(() => l.admit('k')()).not.toThrow();
    expect(() => l.admit('k')).toThrow(ApiError);
  });
});
