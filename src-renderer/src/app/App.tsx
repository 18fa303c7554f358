// The studio's frame: sidebar, transport bar, the current screen, status bar. Screens are chosen
// here and nowhere else; each lives in its own feature folder.
import { useShortcuts } from '../keyboard/useShortcuts';
import { useTheme } from './useTheme';
import { selectBootError, selectPhase, selectView } from '../store/selectors';
import { useStudio } from '../store/studio';
import { Banners, BootScreen, Sidebar, StatusBar, TransportBar, Welcome } from '../features/shell';
import { ScriptView } from '../features/script';
import { ModelsView } from '../features/models';
import { PronunciationsView } from '../features/pronunciations';
import { SettingsView } from '../features/settings';
import { VoicesView } from '../features/voices';
import { CloneView } from '../features/clone';
import { TimelineView } from '../features/timeline';

export function App() {
  useShortcuts();
  useTheme();
  const phase = useStudio(selectPhase);
  const bootError = useStudio(selectBootError);
  const view = useStudio(selectView);
  if (phase !== 'ready') return <BootScreen failed={phase === 'failed'} error={bootError} />;
  return (
    <div className="app">
      <Sidebar />
      <TransportBar />
      <main className="main" id="main">
        <Banners />
        <Welcome />
        {/* The script stays mounted while hidden: its textarea keeps undo history, caret and scroll. */}
        <div className="view" hidden={view !== 'script'}>
          <ScriptView />
        </div>
        {view === 'timeline' && (
          <div className="view">
            <TimelineView />
          </div>
        )}
        {view === 'voices' && (
          <div className="view">
            <VoicesView />
          </div>
        )}
        {view === 'clone' && (
          <div className="view">
            <CloneView />
          </div>
        )}
        {view === 'pronunciations' && (
          <div className="view">
            <PronunciationsView />
          </div>
        )}
        {view === 'models' && (
          <div className="view">
            <ModelsView />
          </div>
        )}
        {view === 'settings' && (
          <div className="view">
            <SettingsView />
          </div>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
