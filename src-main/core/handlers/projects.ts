// Projects: list, open, create, autosave (a save is news to every other window), delete.
import type { Handlers } from '../../contract/dispatch';
import type { Services } from '../services';

type ProjectCallName = Extract<keyof Handlers, `projects.${string}`>;

export function createProjectHandlers(s: Pick<Services, 'library' | 'events'>): Pick<Handlers, ProjectCallName> {
  const { projects } = s.library;
  return {
    'projects.list': async () => projects.listProjects(),
    'projects.create': async (args) => projects.createProject(args.name, args.script),
    'projects.get': async (args) => projects.getProject(args.id),
    'projects.save': async (args, ctx) => {
      const saved = projects.saveProject(args);
      s.events.broadcast('project.saved', { id: args.id, revision: saved.revision, origin: ctx.origin }, ctx.origin);
      return saved;
    },
    'projects.exportPrefs': async (args) => projects.getExportPrefs(args.id),
    'projects.setExportPrefs': async (args) => {
      projects.setExportPrefs(args.id, args.prefs);
      return { saved: true };
    },
    'projects.delete': async (args) => ({ deleted: projects.deleteProject(args.id) }),
  };
}
