// The server face: the built UI over HTTP and the contract over a WebSocket at /rpc, on loopback.
// A per-launch token guards every data path (WebSocket, HTTP API, downloads) and the Origin and Host
// headers are checked, so a web page the user happens to visit cannot drive the studio.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import contentDisposition from 'content-disposition';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket, RawData } from 'ws';
import { dispatch, type CallContext, type Handlers, type Reply } from '../contract/dispatch';
import type { EventName, EventPayload } from '../contract/calls';
import { encodeEvent, type ClientMessage, type ServerMessage } from '../contract/wire';
import { readBody } from './body';
import { createSpeechApi, type SpeechApiOptions } from './openai/api';
import { securityHeaders, serveStatic } from './static';
import { UploadError, type Uploads } from './uploads';
import type { Download } from '../core/downloads';
import { asciiFileName } from '../lib/file-name';

/** Largest inbound WebSocket message: a 2 MB script as JSON-escaped UTF-8 fits with room to spare. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** A client that stops reading is cut off rather than allowed to grow the server's memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  handlers: Handlers;
  rendererDir: string | null;
  takeDownload(id: string): Download | null;
  /** Where browser uploads go (PUT /upload/<name>); without it the route answers 404. */
  uploads?: Uploads;
  /**
   * The OpenAI-compatible speech API under /v1, guarded by API keys. Absent: /v1 answers 404. A
   * `host` beyond loopback serves only this API to the network, and needs it with at least one key.
   */
  speechApi?: SpeechApiOptions;
  host?: string;
  port?: number;
  token?: string;
  /** A connection opened: the core may broadcast to it (e.g. another window saved the project). */
  onConnect?(ctx: CallContext): void;
  /** A connection closed, so its streams and jobs can be cancelled. */
  onDisconnect?(origin: string): void;
}

export interface RunningServer {
  url: string;
  /** The URL to open: the page with the token in its query. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host) && !(opts.speechApi && opts.speechApi.keys.count() > 0)) {
    throw new Error(`Listening on ${host} puts the speech API on the network, and every request there needs an API key: create one first (koe keys create --name <name>).`);
  }
  const speechApi = opts.speechApi ? createSpeechApi(opts.handlers, opts.speechApi) : null;
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  let connectionCounter = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const hostOk = (req: IncomingMessage) => allowedHosts().has(String(req.headers.host ?? '').toLowerCase());
  // Browsers always send Origin on WebSocket upgrades; tools like the CLI bench send none and must
  // still present the token. A foreign Origin is refused even with the right token.
  const originOk = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return allowedHosts().has(String(origin).toLowerCase().replace(/^http:\/\//, ''));
  };

  // Loaded here, not at the top: every CLI command shares this bundle, and only `koe serve` listens.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, securityHeaders());
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The speech API is reached by key from any host name (a LAN address, a container's name);
    // everything else stays behind the loopback Host check and the per-launch token.
    if (req.url === '/v1' || req.url?.startsWith('/v1/')) {
      const url = new URL(req.url, 'http://localhost');
      if (speechApi) return speechApi.handle(req, res, url);
      return json(res, 404, { error: { message: 'The speech API is off on this server.', type: 'invalid_request_error', param: null, code: 'api_disabled' } });
    }
    if (!hostOk(req)) return deny(res, 421, 'Wrong host.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/download/')) {
      if (!tokenOk(url.searchParams.get('token') ?? bearer(req), token)) return deny(res, 401, 'Missing or wrong token.');
      const item = opts.takeDownload(url.pathname.slice('/download/'.length));
      if (!item) return deny(res, 404, 'This download has expired or was already fetched.');
      res.writeHead(200, {
        ...securityHeaders(),
        'Content-Type': item.contentType,
        'Content-Length': String(item.bytes.byteLength),
        // RFC 6266: the UTF-8 name in filename*, an ASCII one for clients that only read filename.
        'Content-Disposition': contentDisposition(item.fileName, { fallback: asciiFileName(item.fileName) }),
        'Cache-Control': 'no-store',
      });
      res.end(Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength));
      return;
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (url.pathname.startsWith('/upload/')) return handleUpload(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    if (!opts.rendererDir) return deny(res, 404, 'This build has no UI; use the API at /rpc or /api.');
    await serveStatic(opts.rendererDir, url.pathname, res);
  }

  // A plain HTTP face of the same contract for scripts: POST /api/<call> with a JSON body and
  // `Authorization: Bearer <token>`. Events (streamed audio) need the WebSocket.
  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!tokenOk(bearer(req), token)) return deny(res, 401, 'Missing or wrong token.');
    if (!originOk(req)) return deny(res, 403, 'Foreign origin.');
    if (req.method !== 'POST') return deny(res, 405, 'Use POST with a JSON body.');
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(5));
    } catch {
      return json(res, 400, { ok: false, error: { code: 'invalid_args', message: 'The call name in the URL is not valid percent-encoding.' } });
    }
    const body = await readBody(req, MAX_MESSAGE_BYTES);
    if (body === null) return refuseTooLarge(res);
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body) : {};
    } catch {
      return json(res, 400, { ok: false, error: { code: 'invalid_args', message: 'The request body is not valid JSON.' } });
    }
    const origin = `http-${++connectionCounter}`;
    const reply = await dispatch(opts.handlers, name, args, { origin, emit: () => {} });
    json(res, reply.ok ? 200 : 400, reply);
  }

  // PUT /upload/<file name> streams a file in and answers {id, path, bytes}; DELETE /upload/<id>
  // says the page is done with it. Same token and Origin rules as the API.
  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!tokenOk(url.searchParams.get('token') ?? bearer(req), token)) return deny(res, 401, 'Missing or wrong token.');
    if (!originOk(req)) return deny(res, 403, 'Foreign origin.');
    if (!opts.uploads) return deny(res, 404, 'This server takes no uploads.');
    const rest = url.pathname.slice('/upload/'.length);
    try {
      if (req.method === 'PUT') return json(res, 201, await opts.uploads.receive(req, rest));
      if (req.method === 'DELETE') return json(res, 200, { discarded: await opts.uploads.discard(rest) });
      return deny(res, 405, 'Use PUT to upload a file or DELETE to discard one.');
    } catch (e) {
      const status = e instanceof UploadError ? e.status : 500;
      // The browser may still be sending; close the connection rather than read the rest.
      res.setHeader('Connection', 'close');
      return deny(res, status, e instanceof Error ? e.message : String(e));
    }
  }

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!hostOk(req)) return refuse(421, 'Misdirected Request');
    if (!originOk(req)) return refuse(403, 'Forbidden');
    if (!tokenOk(url.searchParams.get('token') ?? bearer(req), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    const origin = `ws-${++connectionCounter}`;
    const send = (msg: ServerMessage | string | Uint8Array) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client is not reading');
        return;
      }
      ws.send(typeof msg === 'string' || msg instanceof Uint8Array ? msg : JSON.stringify(msg));
    };
    // Every reply goes through here; a result that cannot be serialised still gets an answer.
    const reply = (id: number, r: Reply) => {
      try {
        send({ t: 'reply', id, ...r } as ServerMessage);
      } catch (e) {
        send({ t: 'reply', id, ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : 'The reply could not be sent.' } });
      }
    };
    const ctx: CallContext = {
      origin,
      emit<E extends EventName>(name: E, payload: EventPayload<E>) {
        send(encodeEvent(name, payload as Record<string, unknown>));
      },
    };
    opts.onConnect?.(ctx);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return send({ t: 'reply', id: -1, ok: false, error: { code: 'invalid_args', message: 'Calls are JSON text frames.' } });
      const msg = parseCall(data);
      if ('refused' in msg) return reply(msg.id, { ok: false, error: { code: 'invalid_args', message: msg.refused } });
      dispatch(opts.handlers, msg.name, msg.args, ctx).then(
        (r) => reply(msg.id, r),
        // dispatch does not reject; this is the last guard between a bug and the process exiting.
        () => reply(msg.id, { ok: false, error: { code: 'internal', message: 'The call failed.' } }),
      );
    });
    ws.on('close', () => {
      opts.onDisconnect?.(origin);
    });
    // ws has already started the closing handshake with the right code (1009 for an oversized
    // message, 1002 for a protocol error); terminating here would cut it and the client would see
    // 1006. Terminate only if the peer never answers.
    ws.on('error', () => {
      setTimeout(() => ws.terminate(), 2000).unref();
    });
  }

  // An API client keeps its connection for a few seconds between requests (undici: 4 s). With
  // Node's 5 s here, a request sent just as the server dropped the idle socket failed with "other
  // side closed"; a longer server timeout leaves the closing to the client.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // The studio's own pages are loopback-only whatever the API listens on.
  const base = `http://${isLoopback(host) ? host : '127.0.0.1'}:${port}`;
  return {
    url: base,
    openUrl: `${base}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Kept-alive API connections (see keepAliveTimeout) and streams still sending end with the server.
      server.closeAllConnections();
      await closed;
    },
  };
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function tokenOk(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

function deny(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders(), 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(s)) });
  res.end(s);
}

/**
 * A call frame, or why it is not one (with the call's id when it has a usable one, else -1). Every
 * field is type-checked here, before any of it is used.
 */
function parseCall(data: RawData): ClientMessage | { id: number; refused: string } {
  let msg: unknown;
  try {
    msg = JSON.parse(data.toString());
  } catch {
    return { id: -1, refused: 'Malformed message: not JSON.' };
  }
  const shape = 'Malformed message: expected {t:"call", id, name, args}.';
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { id: -1, refused: shape };
  const m = msg as Record<string, unknown>;
  if (m.t !== 'call' || typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return { id: -1, refused: shape };
  if (typeof m.name !== 'string') return { id: m.id, refused: 'Malformed message: the call name must be a string.' };
  return { t: 'call', id: m.id, name: m.name, args: m.args };
}

function refuseTooLarge(res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  json(res, 413, { ok: false, error: { code: 'too_large', message: `The request body is larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB.` } });
}
