// Every schema migration in order. Adding a table or column means adding a file here, never editing
// a shipped one: users' libraries were built by the old text.
import { initial } from './001-initial';
import { audioCache } from './002-audio-cache';
import { modelFiles } from './003-model-files';
import { voiceClones } from './004-voice-clones';
import { timeline } from './005-timeline';
import { renderJobs } from './006-render-jobs';
import { notSpeakers } from './007-not-speakers';
import { masterBus } from './008-master-bus';
import { apiKeys } from './009-api-keys';
import { exportPrefs } from './010-export-prefs';
import { lineTrash } from './011-line-trash';
import { dialogue } from './012-dialogue';
import { cloneStyles } from './013-clone-styles';
import { contextMode } from './014-context-mode';
import { trashHistory } from './015-trash-history';
import type { Migration } from './types';

export type { Migration } from './types';
export { KOE_APPLICATION_ID } from './types';

export const MIGRATIONS: readonly Migration[] = [initial, audioCache, modelFiles, voiceClones, timeline, renderJobs, notSpeakers, masterBus, apiKeys, exportPrefs, lineTrash, dialogue, cloneStyles, contextMode, trashHistory];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
