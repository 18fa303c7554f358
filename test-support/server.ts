// A real Core behind the real server face on loopback, for tests that attack the wire: WebSocket
// calls, /api calls, uploads and downloads. Test-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../src-main/core/core';
import { startServer, type RunningServer } from '../src-main/server/server';
import { Uploads } from '../src-main/server/uploads';

export interface TestServer {
  readonly core: Core;
  readonly server: RunningServer;
  readonly dir: string;
  readonly uploads: Uploads;
  /** A connected, authorised WebSocket. */
  connect(): Promise<WebSocket>;
  /** One call over a socket; resolves to the reply frame. */
  rpc(ws: WebSocket, name: unknown, args: unknown, id?: number): Promise<any>;
  /** POST /api/<name> with the token; resolves to status and parsed body (or text). */
  api(name: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

let nextId = 1;

export function useTestServer(prefix: string): TestServer {
  let dir = '';
  let core: Core | null = null;
  let server: RunningServer | null = null;
  let uploads: Uploads | null = null;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    const dataDir = join(dir, 'data');
    uploads = new Uploads(join(dataDir, 'uploads'));
    core = await Core.create({ dataDir, modelsDir: join(dir, 'models'), face: { kind: 'server', fileRoots: { read: [uploads.dir], write: [join(dataDir, 'downloads')] } } });
    const c = core;
    server = await startServer({ handlers: c.handlers, rendererDir: null, takeDownload: (id) => c.downloads.take(id), uploads, port: 0, speechApi: { keys: c.library.apiKeys }, onConnect: (ctx) => c.attach(ctx), onDisconnect: (o) => c.detach(o) });
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const must = <T>(v: T | null): T => {
    if (!v) throw new Error('the test server is made in beforeAll');
    return v;
  };
  return {
    get core() {
      return must(core);
    },
    get server() {
      return must(server);
    },
    get uploads() {
      return must(uploads);
    },
    get dir() {
      return dir;
    },
    connect() {
      const s = must(server);
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/rpc?token=${encodeURIComponent(s.token)}`);
      return new Promise((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    },
    rpc(ws, name, args, id = nextId++) {
      return new Promise((resolve) => {
        const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
          if (isBinary) return;
          const msg = JSON.parse(data.toString());
          if (msg.t === 'reply' && msg.id === id) {
            ws.off('message', onMessage);
            resolve(msg);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ t: 'call', id, name, args }));
      });
    },
    async api(name, body, headers = {}) {
      const s = must(server);
      const res = await fetch(`${s.url}/api/${name}`, { method: 'POST', body, headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json', ...headers } });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
  };
}
