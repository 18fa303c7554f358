// The desktop carrier: the preload's `window.koeBridge`. IPC to the main process cannot drop the way
// a socket can, so its state is always open.
import type { KoeBridge } from '../../../src-main/contract/bridge';
import type { ConnectionState, EventListener, Transport } from './transport';

declare global {
  interface Window {
    koeBridge?: KoeBridge;
  }
}

export function bridgeTransport(bridge: KoeBridge): Transport {
  const open: ConnectionState = { kind: 'open' };
  return {
    kind: 'bridge',
    call: (name, args) => bridge.call(name, args),
    subscribe: (listener: EventListener) => bridge.subscribe(listener),
    state: () => open,
    onState: () => () => {},
    reconnectNow: () => {},
  };
}
