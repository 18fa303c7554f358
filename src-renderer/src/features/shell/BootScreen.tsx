// What shows before the studio is usable: a quiet "connecting" state, or the reason it cannot start.
import { selectConnection } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { start } from '../../store/boot';
import { Logo } from './Logo';

export function BootScreen({ failed, error }: { failed: boolean; error: string | null }) {
  const connection = useStudio(selectConnection);
  const stuck = connection.kind === 'reconnecting' && !connection.everConnected && connection.attempt >= 3;
  return (
    <div className="fullpage">
      <div className="fullpage-card" role={failed ? 'alert' : 'status'}>
        <Logo size={40} />
        <h1>Koe Studio</h1>
        {failed ? (
          <>
            <p className="fullpage-error" data-testid="error-banner">Koe Studio could not start: {error}</p>
            <button type="button" className="btn btn-primary" onClick={() => void start()}>Try again</button>
          </>
        ) : stuck ? (
          <p>
            Cannot reach the Koe Studio server. If you restarted <code>koe serve</code>, open the new URL it printed: each launch
            has a new access token. Still trying…
          </p>
        ) : (
          <p className="muted">Connecting to the studio…</p>
        )}
      </div>
    </div>
  );
}
