// The typed client every screen uses: `call(name, args)` and `on(event, fn)`, derived from the
// contract's declaration, so a misspelt call or a wrong argument is a type error, not a runtime
// surprise. Replies and events are checked against the same schemas the core validates with: the
// wire is a process boundary, and a malformed payload should fail here, loudly, not deep in a view.
import { calls, events, type CallArgs, type CallName, type CallResult, type EventName, type EventPayload } from '../../../src-main/contract/calls';
import { RpcClientError } from './rpc-error';
import type { Transport } from './transport';

export interface KoeClient {
  readonly transport: Transport;
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  on<E extends EventName>(name: E, fn: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): KoeClient {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  transport.subscribe((name, payload) => {
    const set = listeners.get(name);
    if (!set || set.size === 0) return;
    const schema = events[name];
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success) {
      console.warn(`[koe] ignored a malformed "${String(name)}" event`, parsed?.error.issues[0]);
      return;
    }
    for (const fn of [...set]) {
      try {
        (fn as (p: unknown) => void)(parsed.data);
      } catch (e) {
        console.error(`[koe] a "${name}" listener failed`, e);
      }
    }
  });

  return {
    transport,
    async call(name, args) {
      const reply = await transport.call(name, args);
      if (!reply.ok) throw RpcClientError.fromRpc(reply.error);
      const parsed = calls[name].result.safeParse(reply.result);
      if (!parsed.success) throw new RpcClientError('internal', `The core sent a malformed reply to "${name}".`);
      return parsed.data as CallResult<typeof name>;
    },
    on(name, fn) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn as (payload: never) => void);
      return () => {
        set.delete(fn as (payload: never) => void);
      };
    },
  };
}
