// Browser uploads through the server face: a file streams in whole or not at all, only with the
// token, only under a plain name, and goes when the page discards it or a sweep finds it stale.
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../contract/dispatch';
import { startServer, type RunningServer } from './server';
import { Uploads, uploadName } from './uploads';

let dir: string;
let uploads: Uploads;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-uploads-'));
  uploads = new Uploads(join(dir, 'uploads'), 64 * 1024);
  server = await startServer({ handlers: {} as Handlers, rendererDir: null, takeDownload: () => null, uploads, port: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One raw HTTP request; `cut` sends that many body bytes and then drops the connection. */
function send(method: string, path: string, body: Buffer | null, opts: { token?: string | null; cut?: number } = {}): Promise<{ status: number; text: string }> {
  const token = opts.token === undefined ? server.token : opts.token;
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (body) headers['Content-Length'] = String(body.length);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? -1, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', () => resolve({ status: -1, text: '' }));
    if (body && opts.cut !== undefined) {
      req.write(body.subarray(0, opts.cut));
      setTimeout(() => req.destroy(), 50);
    } else req.end(body ?? undefined);
  });
}

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) & 255));

describe('uploads', () => {
  it('streams a file in under its own name and discards it when asked', async () => {
    const body = bytes(40_000);
    const r = await send('PUT', '/upload/af_heart.bin', body);
    expect(r.status).toBe(201);
    const up = JSON.parse(r.text) as { id: string; path: string; bytes: number };
    expect(up).toMatchObject({ bytes: 40_000, path: expect.stringMatching(/af_heart\.bin$/) });
    expect(readFileSync(up.path).equals(body)).toBe(true);

    expect(JSON.parse((await send('DELETE', `/upload/${up.id}`, null)).text)).toEqual({ discarded: true });
    expect(existsSync(up.path)).toBe(false);
    expect(JSON.parse((await send('DELETE', `/upload/${up.id}`, null)).text)).toEqual({ discarded: false });
  });

  it('refuses without the token, with a path for a name, and above the size cap, keeping nothing', async () => {
    expect((await send('PUT', '/upload/x.bin', bytes(10), { token: null })).status).toBe(401);
    expect((await send('PUT', '/upload/x.bin', bytes(10), { token: 'wrong' })).status).toBe(401);
    expect((await send('PUT', `/upload/${encodeURIComponent('../escape.bin')}`, bytes(10))).status).toBe(400);
    const big = await send('PUT', '/upload/big.bin', bytes(70_000));
    expect(big.status).toBe(413);
    expect(big.text).toMatch(/larger than/);
    expect(await uploads.sweep(0)).toBe(0); // no folder was left behind
  });

  it('leaves nothing when the connection drops mid-file', async () => {
    await send('PUT', '/upload/cut.bin', bytes(50_000), { cut: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(await uploads.sweep(0)).toBe(0);
  });

  it('sweeps uploads a page never discarded once they are stale', async () => {
    const up = JSON.parse((await send('PUT', '/upload/old.onnx', bytes(100))).text) as { path: string };
    expect(await uploads.sweep()).toBe(0); // fresh: kept
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(dirname(up.path), old, old);
    expect(await uploads.sweep()).toBe(1);
    expect(existsSync(up.path)).toBe(false);
  });

  it('takes names of 251–255 bytes, and refuses longer ones without naming the server folder', async () => {
    for (const n of [251, 255]) {
      const name = `${'n'.repeat(n - 4)}.wav`;
      const r = await send('PUT', `/upload/${name}`, bytes(10));
      expect(r.status, r.text).toBe(201);
      expect(JSON.parse(r.text).path.endsWith(name)).toBe(true);
    }
    const wide = await send('PUT', `/upload/${encodeURIComponent('録'.repeat(100))}.wav`, bytes(10));
    expect(wide.status).toBe(400);
    expect(wide.text).toMatch(/255 bytes/);
    expect(wide.text).not.toContain(dir);
  });

  it('takes plain names only', () => {
    expect(uploadName('model_fp16.onnx')).toBe('model_fp16.onnx');
    expect(uploadName(encodeURIComponent('voices v1.0.bin'))).toBe('voices v1.0.bin');
    for (const bad of ['', '..', encodeURIComponent('a/b'), encodeURIComponent('a\\b'), '%E0%A4%A', 'x'.repeat(256)]) expect(() => uploadName(bad)).toThrow();
  });
});
