// Fair use of the API by each key: a key may run a few requests at once and make so many per minute
// (a token bucket, so a burst is fine and a steady flood is not); over either, a 429 with
// Retry-After. Once admitted, a request's synthesis queues for the engines in the core's scheduler
// (engines/scheduler.ts), behind the studio's playback and taking turns with the other keys.
import { ApiError } from './errors';

export interface ApiLimits {
  /** Requests one key may have in flight. */
  perKeyConcurrent: number;
  /** Requests one key may start per minute (bucket size and refill). */
  perKeyPerMinute: number;
}

export const DEFAULT_LIMITS: ApiLimits = { perKeyConcurrent: 4, perKeyPerMinute: 120 };

interface Bucket {
  tokens: number;
  at: number;
  running: number;
}

export class ApiLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limits: ApiLimits = DEFAULT_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Admits a request for `keyId` or throws a 429; the returned function releases its slot (once). */
  admit(keyId: string): () => void {
    const b = this.bucket(keyId);
    if (b.running >= this.limits.perKeyConcurrent) {
      throw new ApiError(429, `This key already has ${this.limits.perKeyConcurrent} requests running; wait for one to finish.`, 'rate_limit_error', 'concurrency_limit_exceeded', null, 1);
    }
    if (b.tokens < 1) {
      const wait = (1 - b.tokens) / this.perMs() / 1000;
      throw new ApiError(429, `Rate limit reached: ${this.limits.perKeyPerMinute} requests per minute for this key.`, 'rate_limit_error', 'rate_limit_exceeded', null, wait);
    }
    b.tokens -= 1;
    b.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      b.running--;
    };
  }

  private perMs(): number {
    return this.limits.perKeyPerMinute / 60_000;
  }

  private bucket(keyId: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(keyId);
    if (!b) {
      b = { tokens: this.limits.perKeyPerMinute, at: t, running: 0 };
      this.buckets.set(keyId, b);
    }
    b.tokens = Math.min(this.limits.perKeyPerMinute, b.tokens + (t - b.at) * this.perMs());
    b.at = t;
    return b;
  }
}
