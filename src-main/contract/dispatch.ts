// Validates and runs one inbound call against the core's handler table. Both the Electron IPC table
// and the WebSocket server go through here, so a bad call is refused identically in every face.
import type { z } from 'zod';
import { calls, isCallName, type CallName, type CallResult, type EventName, type EventPayload, type ParsedArgs } from './calls';
import { KoeError, toRpcError, type RpcError } from './errors';

export interface CallContext {
  /** Identifies the connection or window, so a save can tell other windows about itself. */
  origin: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /**
   * Set only by the speech API face, never from the wire: the id of the API key a request came with.
   * Its renders then queue for the engines as API work, taking turns with other keys.
   */
  apiKeyId?: string;
}

/**
 * The key under which the core keeps something a client named (a stream id, a job id). Ids are chosen
 * by clients, so two connections may pick the same one; keyed by the id alone, one connection's
 * render.cancel cancelled another's stream. Every such map keys by this.
 */
export function scopedId(ctx: Pick<CallContext, 'origin'>, id: string): string {
  return `${ctx.origin}\u0000${id}`;
}

export type Handlers = { [K in CallName]: (args: ParsedArgs<K>, ctx: CallContext) => Promise<CallResult<K>> };

export type Reply = { ok: true; result: unknown } | { ok: false; error: RpcError };

export function describeIssues(error: z.ZodError): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '(arguments)';
    details[path] ??= issue.message;
  }
  return details;
}

export function validateArgs<K extends CallName>(name: K, args: unknown): ParsedArgs<K> {
  const parsed = calls[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    const details = describeIssues(parsed.error);
    const first = Object.entries(details)[0];
    throw new KoeError('invalid_args', `Bad arguments for ${name}: ${first ? `${first[0]} ${first[1]}` : 'invalid'}`, details);
  }
  return parsed.data as ParsedArgs<K>;
}

/** Where a face reports a failure that is a bug, not a refusal (the server logs it; the CLI only with KOE_DEBUG). */
export type InternalErrorLog = (name: string, error: unknown) => void;
const logToConsole: InternalErrorLog = (name, e) => console.error(`[koe] ${name} failed:`, e);

/**
 * Names an unknown call without converting it: `String(x)` runs the sender's `toString`, and a wire
 * value such as `{"toString":1}` makes that throw inside the error path itself.
 */
function describeName(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  return `of type ${name === null ? 'null' : Array.isArray(name) ? 'array' : typeof name}`;
}

/**
 * Never rejects: every failure, including one in the error path or the logger, becomes a reply, so a
 * face may hand the promise straight back to its client.
 */
export async function dispatch(handlers: Handlers, name: unknown, args: unknown, ctx: CallContext, logInternal: InternalErrorLog = logToConsole): Promise<Reply> {
  try {
    if (!isCallName(name)) throw new KoeError('unknown_call', `There is no call named ${describeName(name)}.`);
    const parsed = validateArgs(name, args);
    const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<unknown>;
    return { ok: true, result: await handler(parsed, ctx) };
  } catch (e) {
    const error = toRpcError(e);
    if (error.code === 'internal') {
      try {
        logInternal(isCallName(name) ? name : '(unknown call)', e);
      } catch {
        // A logger that throws must not turn a reply into a crash.
      }
    }
    return { ok: false, error };
  }
}
