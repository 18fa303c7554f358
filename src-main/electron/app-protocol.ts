// The renderer is served from koe://app/ rather than file://. A file:// page shares its origin with
// every local file (a script could fetch ~/.ssh), header-injected CSP may not reach it, and the
// navigation checks would have to trust a path prefix. The handler answers only files inside the
// built renderer folder.
import { net, protocol } from 'electron';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'koe';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Before `app` is ready: koe:// behaves as a secure, standard origin (fetch, modules, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After `app` is ready: serve `rendererDir` at koe://app/. */
export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const path = resolve(root, `.${decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)}`);
    const rel = relative(root, path);
    if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(join(root, rel)).href);
  });
}
