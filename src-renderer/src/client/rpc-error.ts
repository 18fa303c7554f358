// The one error type the UI catches from the core. A reply with `ok: false` becomes an
// RpcClientError carrying the core's code, so screens can choose a message by code (a `conflict`
// shows the reload banner, an `invalid_args` names the field) instead of parsing message text.
// `disconnected` is the client's own code: the call never got a reply, so it may or may not have run.
import type { ErrorCode, RpcError } from '../../../src-main/contract/errors';

export type ClientErrorCode = ErrorCode | 'disconnected';

export class RpcClientError extends Error {
  readonly code: ClientErrorCode;
  readonly details: Record<string, string> | undefined;
  constructor(code: ClientErrorCode, message: string, details?: Record<string, string>) {
    super(message);
    this.name = 'RpcClientError';
    this.code = code;
    this.details = details;
  }

  static fromRpc(error: RpcError): RpcClientError {
    return new RpcClientError(error.code, error.message, error.details);
  }
}

export function isRpcClientError(e: unknown): e is RpcClientError {
  return e instanceof RpcClientError;
}

/** A message fit for a banner from anything a call may throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
