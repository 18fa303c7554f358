// The CLI as a face like the others: one Core in this process, and every command's work done by
// contract calls through the same dispatcher (validation included) that the server and Electron
// use. Events the core sends (export progress, model downloads) reach the command's listeners.
import type { CallArgs, CallName, CallResult, EventName, EventPayload } from '../contract/calls';
import { dispatch, type CallContext } from '../contract/dispatch';
import { KoeError } from '../contract/errors';
import { Core, type CoreOptions } from '../core/core';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

export class CliFace {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly ctx: CallContext;

  private constructor(private readonly core: Core) {
    this.ctx = {
      origin: 'cli',
      emit: (name, payload) => {
        for (const fn of this.listeners.get(name) ?? []) fn(payload);
      },
    };
    core.attach(this.ctx);
  }

  static async open(opts: Omit<CoreOptions, 'face'>): Promise<CliFace> {
    // Flite runs in its child process even for one command (see CoreOptions.fliteChild).
    const fliteChild = { script: new URL('./flite-child.js', import.meta.url) };
    // Exports encode on threads of their own, beside the mix (audio/export/encode-thread.ts).
    const encodeWorker = new URL('./encode-worker.js', import.meta.url);
    return new CliFace(await Core.create({ listEmbeddedVoices: 'ifMissing', resumeRendering: false, fliteChild, encodeWorker, ...opts, face: { kind: 'cli' } }));
  }

  /** One contract call; a refusal is thrown as the KoeError it was. */
  async call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
    const reply = await dispatch(this.core.handlers, name, args, this.ctx, (call, e) => {
      if (process.env.KOE_DEBUG) console.error(`[koe] ${call} failed:`, e);
    });
    // A bug, not a refusal: reported as unexpected (with the stack under KOE_DEBUG), not as the user's mistake.
    if (!reply.ok && reply.error.code === 'internal') throw new Error(reply.error.message);
    if (!reply.ok) throw new KoeError(reply.error.code, reply.error.message, reply.error.details);
    return reply.result as CallResult<K>;
  }

  /** Listens to one event; returns the function that stops listening. */
  on<E extends EventName>(name: E, fn: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const f = fn as (payload: unknown) => void;
    set.add(f);
    return () => set.delete(f);
  }

  async close(): Promise<void> {
    this.core.detach(this.ctx.origin);
    await this.core.close();
  }
}

/** Runs `fn` with a face on the given folders and always closes it. */
export async function withFace<T>(opts: Omit<CoreOptions, 'face'>, fn: (face: CliFace) => Promise<T>): Promise<T> {
  const face = await CliFace.open(opts);
  try {
    return await fn(face);
  } finally {
    await face.close();
  }
}
