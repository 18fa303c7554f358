// The desktop window's security baseline: only our own bundle may load, nothing may navigate away
// or open windows, and the only permission ever granted is the microphone (for voice cloning).
import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../server/static';
import { APP_ORIGIN } from './app-protocol';

let trustedOrigin = APP_ORIGIN;

/** The one origin the window may show (koe://app, or the dev server's in development). */
export function setTrustedOrigin(origin: string): void {
  trustedOrigin = origin;
}

/**
 * Compares whole origins. A prefix test let "http://localhost:5173.evil.com" pass for the dev
 * server at "http://localhost:5173".
 */
export function isTrustedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === trustedOrigin;
  } catch {
    return false;
  }
}

/** Sites a link in the app may open in the user's browser (licences, model pages, docs). */
const EXTERNAL_HOSTS = new Set(['github.com', 'huggingface.co', 'www.gnu.org', 'opensource.org', 'espeak-ng.org']);

function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    // An empty list passes `every`: it must name audio, and nothing else.
    const audioOnly = permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
    callback(audioOnly && isTrustedUrl(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isTrustedUrl(requestingOrigin));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
}

export function hardenContents(contents: WebContents): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-frame-navigate', (event) => stay(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to a few known sites open in the user's browser, never inside the app; others do nothing.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenApp(): void {
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
}
