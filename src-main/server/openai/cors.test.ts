// CORS on the speech API, over loopback against a real core: a listed origin gets its headers and its
// preflight, an unlisted one gets neither, nothing ever says `*` or allows credentials, and the
// studio's own routes stay closed to every other origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server';
import { useTestServer } from '../../../test-support/server';
import { parseCorsOrigins } from './cors';

const t = useTestServer('koe-openai-cors');
const LISTED = 'http://localhost:5173';
const OTHER = 'https://evil.example';
let server: RunningServer;
let key = '';

beforeAll(async () => {
  key = t.core.library.apiKeys.create('browser app').secret;
  server = await startServer({ handlers: t.core.handlers, rendererDir: null, takeDownload: () => null, port: 0, speechApi: { keys: t.core.library.apiKeys, corsOrigins: () => [LISTED] } });
});
afterAll(() => server.close());

const base = () => `http://127.0.0.1:${server.port}`;

function preflight(path: string, origin: string): Promise<Response> {
  return fetch(`${base()}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-stainless-os' } });
}

describe('parseCorsOrigins', () => {
  it('reads a comma-separated list as browsers send origins', () => {
    expect(parseCorsOrigins('https://App.Example.com/, http://localhost:3000,,http://localhost:3000')).toEqual(['https://app.example.com', 'http://localhost:3000']);
    expect(parseCorsOrigins('')).toEqual([]);
  });

  it('refuses "*", a path and what is not a web origin, naming the entry', () => {
    expect(() => parseCorsOrigins('*')).toThrow(/not "\*"/);
    expect(() => parseCorsOrigins('https://a.example/app')).toThrow(/"https:\/\/a.example\/app" is not an origin/);
    expect(() => parseCorsOrigins('localhost:3000')).toThrow(/not an origin/);
    expect(() => parseCorsOrigins('file:///tmp/x.html')).toThrow(/not an origin/);
  });
});

describe('CORS on /v1', () => {
  it('answers a listed origin with its own name, never "*" and never credentials', async () => {
    const res = await fetch(`${base()}/v1/models`, { headers: { Origin: LISTED, Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  it('lets a listed page read audio and errors alike', async () => {
    const speech = (auth: string) => fetch(`${base()}/v1/audio/speech`, { method: 'POST', headers: { Origin: LISTED, Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ model: 'espeak', voice: 'en-us', input: 'From a web page.', response_format: 'wav' }) });
    const ok = await speech(`Bearer ${key}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(44);
    const refused = await speech('Bearer koe-wrong');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(LISTED);
  });

  it('gives an unlisted origin no CORS headers', async () => {
    const res = await fetch(`${base()}/v1/models`, { headers: { Origin: OTHER, Authorization: `Bearer ${key}` } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight('/v1/audio/speech', OTHER);
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('answers a listed preflight without a key, allowing POST and the headers the client asked for', async () => {
    const res = await preflight('/v1/audio/speech', LISTED);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-stainless-os');
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it("never opens the studio's own routes to another origin, listed or not", async () => {
    for (const origin of [LISTED, OTHER]) {
      const pre = await preflight(`/api/app.info?token=${server.token}`, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const call = await fetch(`${base()}/api/app.info`, { method: 'POST', headers: { Origin: origin, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: '{}' });
      expect(call.status).toBe(403);
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('is off where no origin is listed', async () => {
    const pre = await fetch(`${t.server.url}/v1/audio/speech`, { method: 'OPTIONS', headers: { Origin: LISTED, 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
