// Shown instead of the studio when the browser face was opened without its access token: without
// it the server refuses every connection, so there is nothing else worth rendering.
import { Logo } from './Logo';

export function MissingToken({ stale = false }: { stale?: boolean }) {
  return (
    <div className="fullpage">
      <div className="fullpage-card" role="alert" data-testid="missing-token">
        <Logo size={40} />
        <h1>{stale ? 'This page’s access token is out of date' : 'This page needs its access token'}</h1>
        {stale && <p>The server was restarted since this page was opened, and it issued a new token.</p>}
        <p>
          Open the URL printed by <code>koe serve</code>, it carries the access token. It looks like{' '}
          <code>http://127.0.0.1:8123/?token=…</code>
        </p>
        <p className="muted">
          The token changes every time the server starts and keeps other web pages from reaching your studio.
        </p>
      </div>
    </div>
  );
}
