// Contract handlers for the model manager. A download call
// returns as soon as the jobs start: a 325 MB model must not hold a WebSocket or IPC reply open for
// minutes, so its progress and its outcome (done, failed with the message, cancelled) arrive as
// models.progress events, which the core broadcasts to every window.
import type { Handlers } from '../../contract/dispatch';
import type { Services } from '../services';
import { filePaths } from './file-paths';

type ModelCallName = Extract<keyof Handlers, `models.${string}`>;

export function createModelHandlers(s: Pick<Services, 'models' | 'refreshModelVoices' | 'face'>): Pick<Handlers, ModelCallName> {
  const models = s.models;
  const paths = filePaths(s.face);
  return {
    'models.list': async () => models.list(),
    'models.download': async (args) => {
      const ids = args.withRequired ? models.withRequired(args.id) : [models.asset(args.id).id];
      const started: string[] = [];
      const joined: string[] = [];
      for (const id of ids) {
        // An installed companion is checked quickly (sizes and records) and reported done.
        const job = models.start(id);
        (job.joined ? joined : started).push(id);
      }
      return { started, joined };
    },
    'models.cancel': async (args) => ({ cancelled: models.cancel(args.id) }),
    'models.import': async (args) => {
      const imported = await models.import(await paths.forReading(args.path), { id: args.id });
      s.refreshModelVoices();
      return { imported };
    },
    'models.remove': async (args) => {
      const removed = await models.remove(args.id);
      s.refreshModelVoices();
      return removed;
    },
    'models.diskUse': async () => models.diskUse(),
    'models.setHosts': async (args) => models.setHosts(args),
  };
}
