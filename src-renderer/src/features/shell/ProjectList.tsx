// The project switcher: every project, newest first, with New and Delete. Switching saves the open
// project first (openProject flushes), so a switch never drops typed text.
import { createProject, deleteProject, openProject } from '../../store/project-actions';
import { selectProjectId, selectProjects } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { setView } from '../../store/ui-actions';
import { PlusIcon, TrashIcon } from '../../ui/Icons';

function untitledName(existing: readonly { name: string }[]): string {
  const names = new Set(existing.map((p) => p.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'Untitled' : `Untitled ${n}`;
    if (!names.has(name)) return name;
  }
}

function relativeTime(iso: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const s = Math.max(0, (Date.now() - then) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(then).toLocaleDateString();
}

export function ProjectList() {
  const projects = useStudio(selectProjects);
  const currentId = useStudio(selectProjectId);
  return (
    <section className="projects" aria-labelledby="projects-heading">
      <div className="section-head">
        <h2 id="projects-heading" className="section-title">Projects</h2>
        <button
          type="button"
          className="icon-btn"
          aria-label="New project"
          title="New project"
          data-testid="new-project"
          onClick={() => {
            setView('script');
            void createProject(untitledName(projects));
          }}
        >
          <PlusIcon />
        </button>
      </div>
      <ul className="project-list" data-testid="project-list">
        {projects.map((p) => (
          <li key={p.id} className={`project-item${p.id === currentId ? ' is-active' : ''}`}>
            <button
              type="button"
              className="project-open"
              aria-current={p.id === currentId ? 'true' : undefined}
              onClick={() => {
                setView('script');
                void openProject(p.id);
              }}
            >
              <span className="project-name">{p.name}</span>
              <span className="project-meta">
                {p.lineCount} {p.lineCount === 1 ? 'line' : 'lines'} · {relativeTime(p.updatedAt)}
              </span>
            </button>
            <button
              type="button"
              className="icon-btn project-delete"
              aria-label={`Delete project ${p.name}`}
              title="Delete project"
              onClick={() => {
                if (window.confirm(`Delete “${p.name}”? This cannot be undone.`)) void deleteProject(p.id);
              }}
            >
              <TrashIcon size={14} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
