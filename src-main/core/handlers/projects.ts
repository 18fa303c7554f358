// Projects: list, open, create, autosave (a save is news to every other window), delete, and each
// speaker's own effects for directions.
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { canonicalEffect, DIRECTIONS } from '../../script/directions';
import type { Services } from '../services';

type ProjectCallName = Extract<keyof Handlers, `projects.${string}`>;

export function createProjectHandlers(s: Pick<Services, 'library' | 'events' | 'timeline'>): Pick<Handlers, ProjectCallName> {
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
    'projects.directions': async (args) => {
      projects.getProject(args.id);
      return s.library.speakerDirections.list(args.id);
    },
    'projects.setDirection': async (args) => {
      const project = projects.getProject(args.id);
      if (!project.speakers.some((sp) => sp.name === args.speaker)) {
        throw new KoeError('invalid_args', `"${args.speaker}" is not a speaker of this project (its speakers: ${project.speakers.map((sp) => sp.name).join(', ') || 'none'}).`, { speaker: 'not in the project' });
      }
      if (!Object.hasOwn(DIRECTIONS, args.direction)) throw new KoeError('invalid_args', `"${args.direction}" is not a direction. Known directions: ${Object.keys(DIRECTIONS).join(', ')}.`, { direction: 'not in the vocabulary' });
      const blend = args.effect?.blend;
      if (blend) {
        const toward = s.library.voices.getVoice(blend.voiceId);
        if (!toward || toward.engine !== 'kokoro') throw new KoeError('invalid_args', `A direction can only lean toward an installed Kokoro voice; "${blend.voiceId}" is not one.`, { 'effect.blend.voiceId': 'not a Kokoro voice' });
      }
      s.library.speakerDirections.set(args.id, args.speaker, args.direction, args.effect && canonicalEffect(args.effect));
      // The speaker's lines with this direction now render differently: open timelines reload and show them stale.
      s.events.broadcast('timeline.changed', { projectId: args.id, revision: s.timeline.repo.state(args.id)?.revision ?? 0 });
      return { saved: true };
    },
  };
}
