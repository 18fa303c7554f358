// The static face: serves files inside the renderer folder whichever way its path is spelled, and
// nothing outside it.
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static';

let base: string;
let root: string;
const servers: Server[] = [];

async function serve(rootDir: string): Promise<string> {
  const s = createServer((req, res) => void serveStatic(rootDir, req.url ?? '/', res));
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'koe-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>koe</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'secret');
});
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(base, { recursive: true, force: true });
});

describe('serveStatic', () => {
  for (const spelling of ['plain', 'trailing slash'] as const) {
    it(`serves the UI from a root given with ${spelling}`, async () => {
      const url = await serve(spelling === 'plain' ? root : `${root}/`);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(await page.text()).toContain('<title>koe</title>');
      const js = await fetch(`${url}/assets/app.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toMatch(/immutable/);
    });
  }

  it('never serves a file outside the folder, however the path is escaped', async () => {
    const url = await serve(`${root}/`);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets']) {
      const r = await fetch(`${url}${p}`);
      expect(r.status, p).toBe(404);
      expect(await r.text()).not.toContain('secret');
    }
  });
});
