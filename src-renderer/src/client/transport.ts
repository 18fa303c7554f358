// What the typed client needs from a carrier: the two verbs of the preload bridge plus a connection
// state. The desktop bridge and the WebSocket both fit it, so nothing above this file knows which
// face it runs in.
import type { EventName } from '../../../src-main/contract/calls';
import type { Reply } from '../../../src-main/contract/dispatch';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The socket dropped (or never opened); the next try is `retryInMs` away. */
  | { kind: 'reconnecting'; attempt: number; retryInMs: number; everConnected: boolean };

export type EventListener = (name: EventName, payload: Record<string, unknown>) => void;

export interface Transport {
  readonly kind: 'bridge' | 'websocket';
  /** Resolves with the core's reply; rejects with RpcClientError('disconnected') when no reply can come. */
  call(name: string, args: unknown): Promise<Reply>;
  subscribe(listener: EventListener): () => void;
  state(): ConnectionState;
  onState(fn: (s: ConnectionState) => void): () => void;
  /** Skips the back-off wait (a "Retry now" button, the page becoming visible again). */
  reconnectNow(): void;
}
