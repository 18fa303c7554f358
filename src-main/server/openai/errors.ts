// Errors of the speech API in OpenAI's shape, `{ error: { message, type, param, code } }`, so an
// OpenAI client library raises its usual typed error (BadRequestError, AuthenticationError, …)
// rather than failing to parse a reply it does not know.
import type { ServerResponse } from 'node:http';
import { securityHeaders } from '../static';

export type ApiErrorType = 'invalid_request_error' | 'authentication_error' | 'not_found_error' | 'rate_limit_error' | 'server_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: ApiErrorType,
    readonly code: string | null = null,
    readonly param: string | null = null,
    /** Seconds, for a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, param: string | null, code = 'invalid_value') => new ApiError(400, message, 'invalid_request_error', code, param);

export function sendApiError(res: ServerResponse, e: ApiError): void {
  const body = JSON.stringify({ error: { message: e.message, type: e.type, param: e.param, code: e.code } });
  if (res.headersSent) {
    // Audio has already gone out; the client sees a cut-off stream rather than a second status line.
    // A response already ended is left alone: its socket may be serving the client's next request.
    if (!res.writableEnded) res.destroy();
    return;
  }
  res.writeHead(e.status, {
    ...securityHeaders(),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    ...(e.retryAfter !== undefined ? { 'Retry-After': String(Math.max(1, Math.ceil(e.retryAfter))) } : {}),
  });
  res.end(body);
}
