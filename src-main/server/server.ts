// The server face: the built UI over HTTP and the contract over a WebSocket at /rpc, on loopback.
// A per-launch token guards every data path (WebSocket, HTTP API, downloads) and the Origin and Host
// headers are checked, so a web page the user happens to visit cannot drive the studio.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { dispatch, type CallContext, type Handlers } from '../contract/dispatch';
import type { EventName, EventPayload } from '../contract/calls';
import { encodeEvent, type ClientMessage, type ServerMessage } from '../contract/wire';
import { securityHeaders, serveStatic } from './static';
import { UploadError, type Uploads } from './uploads';
import type { Download } from '../core/downloads';

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

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, securityHeaders());
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
        'Content-Disposition': `attachment; filename="${item.fileName.replace(/["\\\r\n]/g, '_')}"`,
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
    const body = await readBody(req, MAX_MESSAGE_BYTES).catch(() => null);
    if (body === null) return deny(res, 413, 'Request too large.');
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body) : {};
    } catch {
      return json(res, 400, { ok: false, error: { code: 'invalid_args', message: 'The request body is not valid JSON.' } });
    }
    const origin = `http-${++connectionCounter}`;
    const reply = await dispatch(opts.handlers, decodeURIComponent(url.pathname.slice(5)), args, { origin, emit: () => {} });
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
    const ctx: CallContext = {
      origin,
      emit<E extends EventName>(name: E, payload: EventPayload<E>) {
        send(encodeEvent(name, payload as Record<string, unknown>));
      },
    };
    opts.onConnect?.(ctx);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return send({ t: 'reply', id: -1, ok: false, error: { code: 'invalid_args', message: 'Calls are JSON text frames.' } });
      let msg: ClientMessage;
      try {
        msg = JSON.parse(data.toString()) as ClientMessage;
      } catch {
        return send({ t: 'reply', id: -1, ok: false, error: { code: 'invalid_args', message: 'Malformed message: not JSON.' } });
      }
      if (!msg || msg.t !== 'call' || !Number.isSafeInteger(msg.id)) {
        return send({ t: 'reply', id: -1, ok: false, error: { code: 'invalid_args', message: 'Malformed message: expected {t:"call", id, name, args}.' } });
      }
      void dispatch(opts.handlers, msg.name, msg.args, ctx).then((reply) => send({ t: 'reply', id: msg.id, ...reply } as ServerMessage));
    });
    ws.on('close', () => {
      opts.onDisconnect?.(origin);
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://${host}:${port}`;
  return {
    url: base,
    openUrl: `${base}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
