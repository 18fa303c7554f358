// Holds a value back while the user is typing and hands over the newest one once typing pauses.
// A book's panels redraw in one long task (150–250 ms) when its parse comes back; done under the
// user's keys, a key pressed during it waits that long to appear.

/** Returns `offer`: delivers `value` now if `busy()` is false, else the newest value offered, once it is. */
export function typingGate<T>(busy: () => boolean, deliver: (value: T) => void, retryMs = 100): (value: T) => void {
  let queued: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const attempt = (): void => {
    timer = null;
    if (!queued) return;
    if (busy()) {
      timer = setTimeout(attempt, retryMs);
      return;
    }
    const { value } = queued;
    queued = null;
    deliver(value);
  };
  return (value) => {
    queued = { value };
    if (timer === null) attempt();
  };
}
