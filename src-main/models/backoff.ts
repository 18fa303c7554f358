// When to try a failed download again. Exponential back-off with jitter, so a host that is briefly
// down is not hammered, and many clients that failed together do not all return at the same
// instant. Sleep and randomness are injected so tests run in milliseconds and can check the delays.

export interface RetryPolicy {
  /** Tries in a row without progress before giving up (an attempt that moved bytes resets it). */
  attempts: number;
  baseMs: number;
  maxMs: number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 6,
  baseMs: 1_000,
  maxMs: 30_000,
  sleep: abortableSleep,
  random: Math.random,
});

/**
 * Delay before retry number `n` (1-based): half of the exponential step is fixed, half random
 * ("equal jitter"), so the wait always grows but is never synchronized. A server's Retry-After
 * wins when it asks for longer, capped at the policy's maximum.
 */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseMs' | 'maxMs' | 'random'>, n: number, retryAfterMs: number | null = null): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, n - 1));
  const jittered = step / 2 + (policy.random() * step) / 2;
  return retryAfterMs !== null && retryAfterMs > jittered ? Math.min(retryAfterMs, policy.maxMs) : jittered;
}

/** Retry-After as milliseconds: either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
