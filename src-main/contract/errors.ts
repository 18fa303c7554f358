// The one error shape that crosses the UI/core boundary. Core code throws KoeError with a code a
// user-facing message can be chosen from; anything else is reported as `internal` without a stack.
export const ERROR_CODES = [
  'invalid_args',
  'unknown_call',
  'not_found',
  'conflict',
  'unsupported',
  'too_large',
  'io',
  'engine',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RpcError {
  code: ErrorCode;
  message: string;
  /** Field-level detail for invalid_args (path → problem). */
  details?: Record<string, string>;
}

export class KoeError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, string>;
  constructor(code: ErrorCode, message: string, details?: Record<string, string>) {
    super(message);
    this.name = 'KoeError';
    this.code = code;
    if (details) this.details = details;
  }
  toRpc(): RpcError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isKoeError(e: unknown): e is KoeError {
  return e instanceof KoeError;
}

/** Turns any thrown value into an RpcError without leaking stacks or internals to the UI. */
export function toRpcError(e: unknown): RpcError {
  if (e instanceof KoeError) return e.toRpc();
  if (e && typeof e === 'object' && 'name' in e && (e as Error).name === 'AbortError') {
    return { code: 'cancelled', message: 'Cancelled.' };
  }
  return { code: 'internal', message: internalMessage(e) };
}

// A thrown value may be anything, including an object whose toString throws or is not a function.
function internalMessage(e: unknown): string {
  if (e instanceof Error && typeof e.message === 'string') return e.message;
  if (typeof e === 'string') return e;
  return 'Internal error.';
}
