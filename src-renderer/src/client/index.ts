// The app's one client, set once at start-up. Store actions and the player call through these
// functions, so they work outside React (event handlers, timers) and tests can install a fake.
import type { CallArgs, CallName, CallResult, EventName, EventPayload } from '../../../src-main/contract/calls';
import type { KoeClient } from './rpc';

let client: KoeClient | null = null;

export function setClient(c: KoeClient | null): void {
  client = c;
}

export function getClient(): KoeClient {
  if (!client) throw new Error('The Koe client is not connected yet.');
  return client;
}

export function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  return getClient().call(name, args);
}

export function on<E extends EventName>(name: E, fn: (payload: EventPayload<E>) => void): () => void {
  return getClient().on(name, fn);
}

/**
 * Ids for streams and jobs: the contract wants 8–64 of [A-Za-z0-9_-]. 128 random bits as hex;
 * getRandomValues rather than randomUUID, which only exists in secure contexts.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export { RpcClientError, isRpcClientError, errorMessage } from './rpc-error';
