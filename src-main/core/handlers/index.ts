// The core's implementation of every contract call, assembled from one group per area. Faces never
// call services directly; they dispatch here, so validation and behaviour are the same in Electron,
// the server, the CLI and tests. Each group receives only the services it uses.
import type { Handlers } from '../../contract/dispatch';
import type { Services } from '../services';
import { createApiKeyHandlers } from './api-keys';
import { createAppHandlers } from './app';
import { createCloneHandlers } from './clone';
import { createExportHandlers } from './export';
import { createFileHandlers } from './files';
import { createHealthHandlers } from './health';
import { createModelHandlers } from './models';
import { createProjectHandlers } from './projects';
import { createSettingsHandlers } from './settings';
import { createSpeechHandlers } from './speech';
import { createTimelineHandlers } from './timeline';
import { createVoiceHandlers } from './voices';

export function createHandlers(s: Services): Handlers {
  return {
    ...createAppHandlers(s),
    ...createHealthHandlers(s),
    ...createProjectHandlers(s),
    ...createSpeechHandlers(s),
    ...createVoiceHandlers(s),
    ...createExportHandlers(s),
    ...createSettingsHandlers(s),
    ...createModelHandlers(s),
    ...createCloneHandlers(s),
    ...createTimelineHandlers(s),
    ...createFileHandlers(s),
    ...createApiKeyHandlers(s),
  };
}
