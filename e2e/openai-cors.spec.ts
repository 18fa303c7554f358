// The speech API called from web pages in Chromium: `koe serve --cors` lists one page's origin. A
// script on that page speaks through /v1 with its key (the browser's preflight and the audio both
// pass); a page of any other origin is refused by the browser; the listed page still cannot
// reach the studio's own /api; and `--cors '*'` or a URL with a path stops koe serve before it starts.
import { test, expect, chromium, type Browser } from '@playwright/test';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, startServe } from './harness';

const root = mkdtempSync(join(tmpdir(), 'koe-cors-e2e-'));
const dataDir = join(root, 'data');
let serve: { proc: ChildProcess; url: string };
let pages: Server[] = [];
let listed = '';
let other = '';
let key = '';
let browser: Browser;

/** A blank page on its own port: a web app of that origin. */
async function pageServer(): Promise<string> {
  const s = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>web app</title>');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  pages.push(s);
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

test.beforeAll(async () => {
  const created = spawnSync(process.execPath, ['out/main/cli.js', 'keys', 'create', '--name', 'web app', '--data-dir', dataDir], { encoding: 'utf8' });
  expect(created.status).toBe(0);
  key = created.stdout.trim();
  listed = await pageServer();
  other = await pageServer();
  serve = await startServe(dataDir, ['--no-ui', '--cors', `${listed}/`]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  const exited = new Promise((r) => serve.proc.once('exit', r));
  serve.proc.kill('SIGTERM');
  await exited;
  for (const s of pages) s.close();
  pages = [];
  rmSync(root, { recursive: true, force: true });
});

/** Runs fetch in a page of `pageOrigin` against the server; the outcome as the page's script sees it. */
async function fromPage(pageOrigin: string, path: string, init: { method: string; headers: Record<string, string>; body?: string }) {
  const page = await browser.newPage();
  try {
    await page.goto(pageOrigin);
    return await page.evaluate(
      async ({ url, init }) => {
        try {
          const res = await fetch(url, init);
          return { status: res.status, bytes: (await res.arrayBuffer()).byteLength, type: res.headers.get('content-type'), error: null };
        } catch (e) {
          return { status: 0, bytes: 0, type: null, error: String(e) };
        }
      },
      { url: `${new URL(serve.url).origin}${path}`, init },
    );
  } finally {
    await page.close();
  }
}

const speak = { method: 'POST', body: JSON.stringify({ model: 'espeak', voice: 'en-us', input: 'Hello from a web page.', response_format: 'wav' }) };

test('a page of a listed origin speaks through /v1 with its key', async () => {
  const r = await fromPage(listed, '/v1/audio/speech', { ...speak, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
  expect(r.error).toBeNull();
  expect(r.status).toBe(200);
  expect(r.type).toBe('audio/wav');
  expect(r.bytes).toBeGreaterThan(24000);
  // An error reaches the page too, so it can tell the user why.
  const wrong = await fromPage(listed, '/v1/models', { method: 'GET', headers: { Authorization: 'Bearer koe-wrong' } });
  expect(wrong.status).toBe(401);
});

test('a page of any other origin is refused by the browser', async () => {
  const r = await fromPage(other, '/v1/audio/speech', { ...speak, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
  expect(r.status).toBe(0);
  expect(r.error).toMatch(/TypeError/);
});

test("the listed page still cannot call the studio's own API", async () => {
  const token = new URL(serve.url).searchParams.get('token')!;
  const r = await fromPage(listed, '/api/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(r.status).toBe(0);
  expect(r.error).toMatch(/TypeError/);
});

test('koe serve refuses "*" and what is not an origin, before it starts', () => {
  for (const [value, said] of [
    ['*', /not "\*"/],
    ['https://app.example.com/path', /is not an origin/],
  ] as const) {
    const r = spawnSync(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--no-ui', '--cors', value, '--data-dir', join(root, 'refused')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stdout).not.toMatch(/running at/);
  }
});
