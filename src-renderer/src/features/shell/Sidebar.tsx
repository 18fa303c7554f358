// Left column: the app mark, the screens, and the project switcher.
import type { ReactElement } from 'react';
import { selectView } from '../../store/selectors';
import type { View } from '../../store/slices';
import { useStudio } from '../../store/studio';
import { setView } from '../../store/ui-actions';
import { MicIcon, ModelsIcon, PronounceIcon, ScriptIcon, SettingsIcon, TimelineIcon, VoicesIcon } from '../../ui/Icons';
import { Logo } from './Logo';
import { ProjectList } from './ProjectList';

const NAV: { view: View; label: string; icon: ReactElement }[] = [
  { view: 'script', label: 'Script', icon: <ScriptIcon /> },
  { view: 'timeline', label: 'Timeline', icon: <TimelineIcon /> },
  { view: 'voices', label: 'Voices', icon: <VoicesIcon /> },
  { view: 'clone', label: 'Clone a voice', icon: <MicIcon /> },
  { view: 'pronunciations', label: 'Pronunciations', icon: <PronounceIcon /> },
  { view: 'models', label: 'Models', icon: <ModelsIcon /> },
  { view: 'settings', label: 'Settings', icon: <SettingsIcon /> },
];

export function Sidebar() {
  const view = useStudio(selectView);
  return (
    <aside className="sidebar">
      <div className="brand">
        <Logo />
        <span className="brand-name">Koe Studio</span>
      </div>
      <nav className="nav" aria-label="Screens">
        {NAV.map((n) => (
          <button
            key={n.view}
            type="button"
            className={`nav-item${view === n.view ? ' is-active' : ''}`}
            aria-current={view === n.view ? 'page' : undefined}
            data-testid={`nav-${n.view}`}
            onClick={() => setView(n.view)}
          >
            {n.icon}
            <span>{n.label}</span>
          </button>
        ))}
      </nav>
      <ProjectList />
    </aside>
  );
}
