// The OpenAI-compatible speech API under /v1: POST /v1/audio/speech, GET /v1/models and, as a Koe
// extension, GET /v1/audio/voices. Every request carries an API key (`Authorization: Bearer koe-…`),
// checked against the library on each request, so a revoked key stops working at once. The key,
// not the Host or Origin header, is what guards these routes: they are the ones a LAN client may
// reach when the server listens beyond loopback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch, type Handlers } from '../../contract/dispatch';
import type { Voice } from '../../contract/schemas';
import { readBody } from '../body';
import { securityHeaders } from '../static';
import { applyCors } from './cors';
import { ApiError, sendApiError } from './errors';
import { ApiLimiter, DEFAULT_LIMITS, type ApiLimits } from './limits';
import { MODELS, OPENAI_VOICES } from './models';
import { parseSpeechRequest } from './request';
import { speak } from './speech';

/** A speech request is a few KB of JSON; anything near this is not one. */
export const MAX_API_BODY_BYTES = 256 * 1024;

export interface ApiKeyCheck {
  /** The key's id for a working key, else null. */
  verify(secret: string): { id: string } | null;
  /** Keys that work now (none: the API refuses everything, with a message saying how to make one). */
  count(): number;
}

export interface SpeechApiOptions {
  keys: ApiKeyCheck;
  limits?: Partial<ApiLimits>;
  /** Web origins allowed to call the API from a browser (CORS), read on every request; none when absent. */
  corsOrigins?: () => readonly string[];
}

export interface SpeechApi {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

const CREATED = Math.floor(Date.UTC(2026, 0, 1) / 1000);

export function createSpeechApi(handlers: Handlers, opts: SpeechApiOptions): SpeechApi {
  const limiter = new ApiLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
  let requests = 0;

  function authorize(req: IncomingMessage): { id: string } {
    const h = req.headers.authorization;
    const secret = typeof h === 'string' && /^Bearer /i.test(h) ? h.slice(7).trim() : '';
    if (!secret) {
      const hint = opts.keys.count() === 0 ? ' No key exists yet: create one in Settings → Speech API or with `koe keys create --name <name>`.' : '';
      throw new ApiError(401, `You didn't provide an API key. Send it as "Authorization: Bearer <key>".${hint}`, 'invalid_request_error', 'missing_api_key');
    }
    const key = opts.keys.verify(secret);
    if (!key) throw new ApiError(401, 'Incorrect API key provided, or the key was revoked.', 'invalid_request_error', 'invalid_api_key');
    return key;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, receivedAt: number): Promise<void> {
    const key = authorize(req);
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    if (path === '/v1/audio/speech') {
      if (method !== 'POST') throw new ApiError(405, 'Use POST for /v1/audio/speech.', 'invalid_request_error', 'method_not_allowed');
      const body = await readBody(req, MAX_API_BODY_BYTES);
      if (body === null) {
        res.setHeader('Connection', 'close');
        throw new ApiError(413, `The request body is larger than ${MAX_API_BODY_BYTES / 1024} KiB.`, 'invalid_request_error', 'request_too_large');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch {
        throw new ApiError(400, 'The request body is not valid JSON.', 'invalid_request_error', 'invalid_json');
      }
      const request = parseSpeechRequest(raw);
      const release = limiter.admit(key.id);
      try {
        await speak(request, res, { handlers, origin: `api-${++requests}`, keyId: key.id, receivedAt });
      } finally {
        release();
      }
      return;
    }
    if (method !== 'GET') throw new ApiError(405, `Use GET for ${path}.`, 'invalid_request_error', 'method_not_allowed');
    if (path === '/v1/models') return json(res, { object: 'list', data: Object.keys(MODELS).map(model) });
    if (path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      if (!Object.hasOwn(MODELS, id)) throw new ApiError(404, `The model "${id}" does not exist.`, 'invalid_request_error', 'model_not_found', 'model');
      return json(res, model(id));
    }
    if (path === '/v1/audio/voices') return json(res, { object: 'list', voices: await voices(handlers), openai_voices: Object.fromEntries(Object.entries(OPENAI_VOICES).map(([k, v]) => [k, `kokoro:${v}`])) });
    throw new ApiError(404, `Unknown path ${path}. This server has POST /v1/audio/speech, GET /v1/models and GET /v1/audio/voices.`, 'invalid_request_error', 'unknown_url');
  }

  return {
    async handle(req, res, url) {
      const receivedAt = performance.now();
      // A preflight carries no key (browsers never send one), so it is answered before the key check.
      if (applyCors(req, res, opts.corsOrigins ?? (() => []))) return;
      try {
        await route(req, res, url, receivedAt);
      } catch (e) {
        sendApiError(res, e instanceof ApiError ? e : new ApiError(500, 'The server failed to answer this request.', 'server_error', 'internal_error'));
      }
    },
  };
}

function model(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'koe-studio' };
}

async function voices(handlers: Handlers) {
  const reply = await dispatch(handlers, 'voices.list', {}, { origin: 'api-voices', emit: () => {} });
  if (!reply.ok) throw new ApiError(500, reply.error.message, 'server_error', reply.error.code);
  return (reply.result as Voice[]).map((v) => ({ id: v.id, name: v.name, engine: v.engine, kind: v.kind, language: v.language, gender: v.gender, installed: v.available, ...(v.available ? {} : { reason: v.unavailableReason }) }));
}

function json(res: ServerResponse, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(s)) });
  res.end(s);
}
