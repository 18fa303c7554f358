import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../core/core';
import { ApiListener } from './api-listener';

let dir = '';
let core: Core;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-api-listener-'));
  core = await Core.create({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models'), face: { kind: 'electron' } });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A status over a fresh connection: a pooled one would outlive the listener being restarted. */
function status(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers, method }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ApiListener (the desktop app turning the API on and off)', () => {
  it('listens only while enabled, on loopback unless LAN is chosen, and refuses LAN without a key', async () => {
    const listener = new ApiListener({ handlers: core.handlers, keys: core.library.apiKeys });
    const port = await freePort();
    await listener.apply({ apiEnabled: true, apiLan: false, apiPort: port });
    expect(listener.state).toEqual({ url: `http://127.0.0.1:${port}/v1`, error: null });
    expect(await status(`http://127.0.0.1:${port}/v1/models`)).toBe(401);
    // The studio's own routes are not this listener's to serve to anyone.
    expect(await status(`http://127.0.0.1:${port}/`)).toBe(404);

    await listener.apply({ apiEnabled: true, apiLan: true, apiPort: port });
    expect(listener.state.url).toBeNull();
    expect(listener.state.error).toMatch(/create one first/);

    const { secret } = core.library.apiKeys.create('lan');
    await listener.apply({ apiEnabled: true, apiLan: true, apiPort: port });
    expect(listener.state).toEqual({ url: `http://0.0.0.0:${port}/v1`, error: null });
    expect(await status(`http://127.0.0.1:${port}/v1/models`, { Authorization: `Bearer ${secret}` })).toBe(200);

    await listener.apply({ apiEnabled: false, apiLan: true, apiPort: port });
    expect(listener.state).toEqual({ url: null, error: null });
    await expect(status(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();
    await listener.close();
  });

  it("answers the browser origins Settings list, and a change applies without a restart", async () => {
    const listener = new ApiListener({ handlers: core.handlers, keys: core.library.apiKeys });
    const port = await freePort();
    const preflight = (origin: string) => status(`http://127.0.0.1:${port}/v1/audio/speech`, { Origin: origin, 'Access-Control-Request-Method': 'POST' }, 'OPTIONS');
    await listener.apply({ apiEnabled: true, apiLan: false, apiPort: port, apiCorsOrigins: ['http://localhost:3000'] });
    expect(await preflight('http://localhost:3000')).toBe(204);
    expect(await preflight('https://notes.example.com')).toBe(403);
    await listener.apply({ apiEnabled: true, apiLan: false, apiPort: port, apiCorsOrigins: ['https://notes.example.com'] });
    expect(listener.state.url).toBe(`http://127.0.0.1:${port}/v1`);
    expect(await preflight('https://notes.example.com')).toBe(204);
    expect(await preflight('http://localhost:3000')).toBe(403);
    await listener.close();
  });
});
