// The browser face's access token. It arrives in the URL `koe serve` prints; we keep it in this
// origin's localStorage and take it out of the address bar, so a copied or screenshotted URL does not
// hand someone else the key to the studio. A reload, or a second tab on the same server, still finds
// it. Only pages of this exact origin (host and port) can read it, and a restarted server issues a
// new token, so a stale one is simply refused and the page asks for the printed URL again.
const KEY = 'koe.token';
let current: string | null = null;

/** The token this page connected with (null on the desktop, which needs none). */
export function currentToken(): string | null {
  return current;
}

export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      localStorage.setItem(KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    current = fromUrl;
    return fromUrl;
  }
  try {
    current = localStorage.getItem(KEY);
  } catch {
    current = null;
  }
  return current;
}

export function rpcUrl(token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
  return `${scheme}${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
}

/** Download links go through a plain navigation, which cannot carry the bearer header. */
export function withToken(path: string, token: string | null): string {
  if (!token) return path;
  const url = new URL(path, window.location.origin);
  if (url.origin !== window.location.origin) return path;
  if (!url.searchParams.has('token')) url.searchParams.set('token', token);
  return url.pathname + url.search;
}

/** Forgets a token the server refused (it restarted and issued a new one). */
export function forgetToken(): void {
  current = null;
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

/**
 * Asks the server whether a token is still good, through the HTTP face (a refused WebSocket upgrade
 * gives the page no status to read). Network trouble counts as "maybe": the socket retries then.
 */
export async function tokenAccepted(token: string): Promise<boolean> {
  try {
    const r = await fetch('/api/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    return r.status !== 401;
  } catch {
    return true;
  }
}
