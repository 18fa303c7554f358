// Shape of what the preload script exposes on `window.koeBridge` in the desktop app. The renderer's
// client uses it when present and the WebSocket otherwise; both carry the same contract.
import type { EventName } from './calls';
import type { Reply } from './dispatch';

export interface KoeBridge {
  /** Runs one contract call; the reply is never a thrown error, always `{ ok, … }`. */
  call(name: string, args: unknown): Promise<Reply>;
  /** Receives every contract event; returns the unsubscribe function. */
  subscribe(listener: (name: EventName, payload: Record<string, unknown>) => void): () => void;
}

export const IPC_CALL_CHANNEL = 'koe:call';
export const IPC_EVENT_CHANNEL = 'koe:event';
