// The connections (windows, WebSocket clients, the CLI) that hear the core's events. A broadcast
// reaches every one of them, or all but the one that caused it (a save is news to the other windows).
import type { CallContext } from '../contract/dispatch';
import type { EventName, EventPayload } from '../contract/calls';

export class EventHub {
  private readonly clients = new Map<string, CallContext>();

  attach(ctx: CallContext): void {
    this.clients.set(ctx.origin, ctx);
  }

  detach(origin: string): void {
    this.clients.delete(origin);
  }

  /** Sends an event to every attached client except `exceptOrigin`. */
  broadcast<E extends EventName>(name: E, payload: EventPayload<E>, exceptOrigin?: string): void {
    for (const [origin, ctx] of this.clients) if (origin !== exceptOrigin) ctx.emit(name, payload);
  }
}
