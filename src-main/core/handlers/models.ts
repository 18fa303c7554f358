// Contract handlers for the model manager. A download call
// returns as soon as the jobs start: a 325 MB model must not hold a WebSocket or IPC reply open for
// minutes, so its progress and its outcome (done, failed with the message, cancelled) arrive as
// models.progress events, which the core broadcasts to every window.
import { isAbsolute } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import type { Services } from '../services';

type ModelCallName = Extract<keyof Handlers, `models.${string}`>;

export function createModelHandlers(s: Pick<Services, 'models' | 'refreshModelVoices'>): Pick<Handlers, ModelCallName> {
  const models = s.models;
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
      // The path is read by the core, not the page: a relative one would depend on its working folder.
      if (!isAbsolute(args.path)) throw new KoeError('invalid_args', `Import path must be absolute: "${args.path}".`);
      const imported = await models.import(args.path, { id: args.id });
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
