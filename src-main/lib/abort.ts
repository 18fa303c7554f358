// Cancellation helpers every floor uses: the engines, the text front end (its espeak runs) and the
// core's render paths all stop on an AbortSignal and report it as the same AbortError. They live in
// this leaf room rather than in the engine interface because the text front end sits below the
// engines and must not import upward to reach them; one copy also keeps the error's name and message
// the same wherever a cancel is recognised (`e.name === 'AbortError'`).

/** The error a cancelled request ends with, whoever notices the cancel. */
export function abortError(): Error {
  const e = new Error('Cancelled.');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Resolves with `work`, or rejects with AbortError as soon as `signal` aborts. The abandoned work
 * runs on unobserved: for work that cannot itself be stopped (one espeak run, one inference call),
 * the caller stops waiting without waiting for it.
 */
export function unlessAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
