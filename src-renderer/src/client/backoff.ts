// Reconnect delays for the browser face. The server is on loopback, so a drop is usually a restart
// or a sleeping laptop: retry fast at first, then settle at a few seconds rather than hammering.
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 8000;

/** Delay before try number `attempt` (0-based); `random` in [0,1) spreads tabs apart by ±20 %. */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.8 + 0.4 * random));
}
