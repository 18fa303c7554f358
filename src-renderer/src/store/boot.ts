// Wires a transport into the app: the typed client, the player, event subscriptions, connection
// state and page-lifecycle saves; then loads the library and opens a project. Runs once from
// app/main.tsx.
import { createClient } from '../client/rpc';
import { setClient, call } from '../client';
import { errorMessage } from '../client/rpc-error';
import type { Transport } from '../client/transport';
import { exposePlaybackCounters } from '../audio/counters';
import { player } from '../audio/player';
import { attachExportEvents } from './export-actions';
import { loadRecentFiles } from './file-actions';
import { engineStatusChanged, loadLibrary } from './library-actions';
import { connectionRestored, flushForUnload, flushSave, openInitialProject, projectSavedElsewhere, refreshProjects } from './project-actions';
import { getStudio, setStudio } from './studio';
import { attachUndoJournal, redo, undo } from './undo-actions';

export function wireTransport(transport: Transport): void {
  const client = createClient(transport);
  setClient(client);
  setStudio({ transportKind: transport.kind, connection: transport.state() });
  let wasDown = false;
  transport.onState((connection) => {
    setStudio({ connection });
    if (connection.kind === 'reconnecting') {
      if (!wasDown) player.connectionLost();
      wasDown = true;
    } else if (connection.kind === 'open' && wasDown) {
      wasDown = false;
      void afterReconnect();
    }
  });
  player.attach();
  attachExportEvents();
  attachUndoJournal();
  client.on('project.saved', (p) => void projectSavedElsewhere(p.id, p.revision));
  client.on('engines.status', (e) => engineStatusChanged(e));
  // The desktop app's Edit menu (electron/menu.ts): the same history as Ctrl/Cmd+Z and the studio's Edit menu.
  client.on('app.menu', (m) => void (m.command === 'undo' ? undo() : redo()));
  exposePlaybackCounters(window);

  // Save on the way out of the tab; the draft store covers a page that dies before the reply.
  window.addEventListener('beforeunload', () => flushForUnload());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushForUnload();
    else transport.reconnectNow();
  });
  window.addEventListener('blur', () => void flushSave());
  // Projects made or renamed in another window show up when this one is looked at again.
  window.addEventListener('focus', () => {
    if (getStudio().phase === 'ready') void refreshProjects();
  });
  window.addEventListener('online', () => transport.reconnectNow());
}

async function afterReconnect(): Promise<void> {
  const phase = getStudio().phase;
  if (phase === 'failed') return start();
  if (phase !== 'ready') return; // start-up calls were waiting for this connection and now proceed
  connectionRestored();
  await refreshProjects();
  // Someone may have saved while we were away; the same rule as a live `project.saved` applies.
  const id = getStudio().projectId;
  if (!id) return;
  try {
    const project = await call('projects.get', { id });
    await projectSavedElsewhere(id, project.revision);
  } catch {
    // The next autosave reports any real problem.
  }
}

export async function start(): Promise<void> {
  setStudio({ phase: 'starting', bootError: null });
  try {
    // Side by side: neither needs the other, and on a book the project's megabyte and the voice
    // list otherwise queue behind each other's round trips.
    await Promise.all([loadLibrary(), openInitialProject()]);
    setStudio({ phase: 'ready' });
    void loadRecentFiles();
  } catch (e) {
    // A dropped socket during start-up retries by itself once it reconnects (afterReconnect).
    if (getStudio().connection.kind === 'open') setStudio({ phase: 'failed', bootError: errorMessage(e) });
  }
}
