// Bottom bar: connection, engine readiness, save state, and where the caret is. The save state is
// the user's proof that typing is safe, so it is always visible and always specific.
import type { SaveState } from '../../project/autosave';
import { selectCaret, selectConnection, selectInfo, selectSave, selectScript, selectTransportKind, useParsedScript, READING } from '../../store/selectors';
import { useStudio } from '../../store/studio';

function saveLabel(save: SaveState): { text: string; tone: 'ok' | 'busy' | 'warn' | 'bad' } {
  switch (save.kind) {
    case 'saved':
      return { text: `Saved · rev ${save.revision}`, tone: 'ok' };
    case 'dirty':
      return { text: 'Unsaved changes', tone: 'busy' };
    case 'saving':
      return { text: 'Saving…', tone: 'busy' };
    case 'conflict':
      return { text: 'Not saved · changed in another window', tone: 'bad' };
    case 'error':
      return { text: save.message, tone: save.willRetry ? 'warn' : 'bad' };
  }
}

function Connection() {
  const connection = useStudio(selectConnection);
  const kind = useStudio(selectTransportKind);
  const where = kind === 'bridge' ? 'Desktop' : 'Local server';
  if (connection.kind === 'open') return <span className="status-item"><span className="dot dot-ok" />{where} · connected</span>;
  if (connection.kind === 'connecting') return <span className="status-item"><span className="dot dot-busy" />Connecting…</span>;
  return <span className="status-item"><span className="dot dot-warn" />Reconnecting…</span>;
}

function Engines() {
  const info = useStudio(selectInfo);
  if (!info) return null;
  return (
    <>
      {info.engines.map((e) => (
        <span key={e.id} className="status-item" title={e.detail}>
          <span className={`dot ${e.ready ? 'dot-ok' : 'dot-warn'}`} />
          {e.name} · {e.ready ? 'ready' : e.detail}
        </span>
      ))}
    </>
  );
}

function CaretInfo() {
  const caret = useStudio(selectCaret);
  const script = useStudio(selectScript);
  const parse = useParsedScript();
  const { lines, speakers } = parse;
  return (
    <span className="status-item status-right">
      Ln {caret.line + 1}, Col {caret.column + 1} ·{' '}
      {parse === READING ? (
        'reading the script…'
      ) : (
        <>
          {lines.length} {lines.length === 1 ? 'line' : 'lines'} · {speakers.length} {speakers.length === 1 ? 'speaker' : 'speakers'}
        </>
      )}{' '}
      · {script.length.toLocaleString()} chars
    </span>
  );
}

export function StatusBar() {
  const save = useStudio(selectSave);
  const label = saveLabel(save);
  return (
    <footer className="statusbar">
      <Connection />
      <Engines />
      <span className={`status-item save is-${label.tone}`} data-testid="save-status" role="status">
        <span className={`dot dot-${label.tone}`} />
        {label.text}
      </span>
      <CaretInfo />
    </footer>
  );
}
