import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startServer, MAX_MESSAGE_BYTES, type RunningServer } from './server';
import type { Handlers } from '../contract/dispatch';
import { decodeBinaryEvent } from '../contract/wire';

// Only the calls these tests make are real; the rest would fail loudly if reached.
const handlers = new Proxy({} as Handlers, {
  get(_t, name) {
    if (name === 'app.info') return async () => ({ version: 't', face: 'server', dataDir: '/d', modelsDir: '/m', engines: [], canSaveFiles: false });
    if (name === 'render.start')
      return async (args: { streamId: string }, ctx: { emit: (n: string, p: unknown) => void }) => {
        ctx.emit('render.chunk', { streamId: args.streamId, seq: 0, sampleRate: 24000, pcm: new Float32Array([0.5, -0.25, 1]) });
        return { streamId: args.streamId };
      };
    return async () => {
      throw new Error(`unexpected call ${String(name)}`);
    };
  },
});

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ handlers, rendererDir: null, takeDownload: () => null, port: 0 });
});
afterAll(async () => server.close());

function connect(opts: { token?: string | null; origin?: string } = {}): Promise<{ ws: WebSocket | null; status: number | null }> {
  const token = opts.token === undefined ? server.token : opts.token;
  const url = `ws://127.0.0.1:${server.port}/rpc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const ws = new WebSocket(url, opts.origin ? { origin: opts.origin } : {});
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? -1 }));
    ws.once('error', () => resolve({ ws: null, status: -1 }));
  });
}

function rpc(ws: WebSocket, name: string, args: unknown, id = 1): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const msg = JSON.parse(data.toString());
      if (msg.t === 'reply' && (msg.id === id || msg.id === -1)) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, name, args }));
  });
}

describe('server face', () => {
  it('prints an open URL on loopback carrying the token', () => {
    expect(server.openUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`));
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses a connection without a token', async () => {
    expect((await connect({ token: null })).status).toBe(401);
  });

  it('refuses a wrong token', async () => {
    expect((await connect({ token: 'x'.repeat(server.token.length) })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect((await connect({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect({ origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
  });

  it('accepts its own origin and answers calls', async () => {
    const { ws } = await connect({ origin: `http://127.0.0.1:${server.port}` });
    expect(ws).not.toBeNull();
    const reply = await rpc(ws!, 'app.info', {});
    expect(reply).toMatchObject({ ok: true, result: { version: 't' } });
    ws!.close();
  });

  it('answers a bad call with a typed error and stays up', async () => {
    const { ws } = await connect();
    expect(await rpc(ws!, 'nope.nothing', {}, 2)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await rpc(ws!, 'render.start', { streamId: '!', text: '' }, 3)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    ws!.send('this is not json');
    const garbage = await new Promise<any>((resolve) => ws!.once('message', (d) => resolve(JSON.parse(d.toString()))));
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await rpc(ws!, 'app.info', {}, 4)).toMatchObject({ ok: true });
    ws!.close();
  });

  it('sends PCM events as binary frames that decode exactly', async () => {
    const { ws } = await connect();
    const frame = new Promise<Buffer>((resolve) => ws!.on('message', (d, isBinary) => isBinary && resolve(d as Buffer)));
    await rpc(ws!, 'render.start', { streamId: 'abcdefgh', text: 'hi', voiceId: 'espeak:en-us' }, 5);
    const ev = decodeBinaryEvent(new Uint8Array(await frame));
    expect(ev.name).toBe('render.chunk');
    expect(Array.from(ev.payload.pcm as Float32Array)).toEqual([0.5, -0.25, 1]);
    expect(ev.payload.streamId).toBe('abcdefgh');
    ws!.close();
  });

  it('closes a connection that sends an oversized message', async () => {
    const { ws } = await connect();
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    ws!.send(JSON.stringify({ t: 'call', id: 9, name: 'app.info', args: { pad: 'x'.repeat(MAX_MESSAGE_BYTES + 10) } }));
    expect(await closed).toBe(1009);
  });

  it('guards the HTTP API and downloads with the token and checks Host', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}' })).status).toBe(401);
    const ok = await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${server.token}` } });
    expect(ok.status).toBe(200);
    expect((await fetch(`${base}/download/abc`)).status).toBe(401);
    expect((await fetch(`${base}/download/abc?token=${server.token}`)).status).toBe(404);
    // fetch() cannot forge Host, so use node:http: a DNS-rebinding page would arrive with its own host.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(421);
  });
});
