// CORS for the speech API, off unless the user lists the web pages allowed to call it from a
// browser (`koe serve --cors`, or Settings → Speech API in the desktop app). A listed origin gets
// its own name back in Access-Control-Allow-Origin, never `*`, and never credentials: the API key in
// the Authorization header is what a page must present, and cookies mean nothing here. The studio's
// own routes (/rpc, /api, downloads) never answer CORS; they refuse foreign origins outright.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWebOrigin } from '../../contract/schemas';

/** What a preflight may ask for: the API's methods; the headers are the client's own (the key guards). */
const METHODS = 'GET, POST, OPTIONS';
/** Headers a page's script may read: how long to wait after a 429, and the engine's timing. */
const EXPOSED = 'Retry-After, Server-Timing';
/** Browsers cache a preflight this many seconds (Chromium caps it at 7200). */
const MAX_AGE = '600';

/**
 * Reads `--cors https://a.example,http://localhost:3000` into origins, or throws saying which entry
 * is wrong. A trailing slash and capitals in the scheme or host are forgiven; `*` is refused.
 */
export function parseCorsOrigins(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === '*') throw new Error('--cors takes the origins to allow, not "*": any web page could then make your browser spend your key.');
    const origin = normalize(entry);
    if (!origin) throw new Error(`"${entry}" is not an origin: write it as a browser sends it, like https://app.example.com or http://localhost:3000 (no path).`);
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

function normalize(entry: string): string | null {
  let u: URL;
  try {
    u = new URL(entry);
  } catch {
    return null;
  }
  const bare = u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password;
  return bare && isWebOrigin(u.origin) ? u.origin : null;
}

/**
 * Sets the CORS headers when the request's Origin is allowed, and answers a preflight. Returns true
 * when the request was a preflight and has been answered (allowed or not).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: () => readonly string[]): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS';
  // Caches must not hand one origin's answer to another.
  res.setHeader('Vary', 'Origin');
  // Only a browser's request has an Origin; the list is not even read for the others.
  const ok = typeof origin === 'string' && allowed().includes(origin);
  if (ok) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }
  if (!preflight) return false;
  if (ok) {
    const asked = req.headers['access-control-request-headers'];
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    if (typeof asked === 'string' && asked) res.setHeader('Access-Control-Allow-Headers', asked);
    res.setHeader('Access-Control-Max-Age', MAX_AGE);
    res.writeHead(204);
  } else {
    // No CORS headers: the browser refuses the page's request, and says why in its console.
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
  }
  res.end(ok ? undefined : 'This origin may not call the speech API from a browser; list it with koe serve --cors or in Settings → Speech API.\n');
  return true;
}
