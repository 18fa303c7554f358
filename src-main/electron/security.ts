// The desktop window's security baseline: only our own bundle may load, nothing may navigate away
// or open windows, and the only permission ever granted is the microphone (for voice cloning).
import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../server/static';

let trustedPrefix = 'file://';

export function setTrustedOrigin(urlPrefix: string): void {
  trustedPrefix = urlPrefix;
}

export function isTrustedUrl(url: string): boolean {
  return url.startsWith(trustedPrefix);
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = permission === 'media' && mediaTypes.every((t) => t === 'audio');
    callback(audioOnly && isTrustedUrl(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isTrustedUrl(requestingOrigin));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web (licences, docs) open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenApp(): void {
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
}
