// The data the UI holds, as typed slices of one store. Only data lives here; the functions that
// change it are in the *-actions modules, callable from React, socket events and timers alike.
import type { AppInfo, ProjectSummary, Settings, Speaker, Voice } from '../../../src-main/contract/schemas';
import type { CallResult } from '../../../src-main/contract/calls';
import type { RecentFile } from '../../../src-main/contract/calls-files';
import type { ConnectionState } from '../client/transport';
import type { Draft } from '../project/drafts';
import type { SaveState } from '../project/autosave';

export interface ConnectionData {
  connection: ConnectionState;
  transportKind: 'bridge' | 'websocket';
  /** `starting` until the library and a project are loaded; `failed` shows a full-page message. */
  phase: 'starting' | 'ready' | 'failed';
  bootError: string | null;
}

export interface LibraryData {
  info: AppInfo | null;
  settings: Settings | null;
  voices: Voice[];
  voicesLoaded: boolean;
}

export interface ProjectData {
  projects: ProjectSummary[];
  /** The open project; null while none is loaded. */
  projectId: string | null;
  projectName: string;
  /** Speakers as stored (voice, colour); who speaks is read from the script. */
  speakers: Speaker[];
  /** Names the user marked "not a speaker" in this project (saved with it). */
  notSpeakers: string[];
  script: string;
  save: SaveState;
  /** 0-based line and column of the editor caret, for "play the line under the caret". */
  caret: { line: number; column: number };
  /** Unsaved text from an earlier session typed on an older revision: the user decides. */
  draftOffer: Draft | null;
  loadingProject: boolean;
}

/** `timeline`: the Timeline screen's mix player, mirrored here so the top bar shows what it plays. */
export type PlaybackMode = 'idle' | 'all' | 'line' | 'preview' | 'timeline';

export interface PlaybackData {
  playback: {
    mode: PlaybackMode;
    /** Voice being previewed (Voices screen), so its card can show a stop button. */
    previewVoiceId: string | null;
    /** Line index being spoken now, or the one requested while it buffers. */
    lineIndex: number | null;
    positionSec: number;
    /** 0–1 through the line being spoken. */
    lineFraction: number;
    /** For the progress bar of Play all. */
    linesTotal: number;
    /** The timeline's length in seconds while it plays (its progress is positionSec / this). */
    durationSec: number;
    linesDone: number;
    buffering: boolean;
  };
}

export type ExportPhase = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportData {
  exportJob: {
    jobId: string;
    /** The project it exports: its notice goes when another project is opened. */
    projectId: string;
    phase: ExportPhase;
    fraction: number;
    stage: string;
    message: string | null;
    fileName: string | null;
    /** Where the file was written (desktop); null for a browser download. */
    path?: string | null;
    /** The browser's one-time download (it may be fetched once more within a minute, to play it). */
    downloadUrl?: string | null;
  } | null;
}

/** What an import found, shown until the person closes it. */
export type ImportReport = CallResult<'manuscript.import'> & { fileName: string };

export interface FilesData {
  /** The File menu's recent list, newest first. */
  recentFiles: RecentFile[];
  /** What a file operation is doing now ("Importing storm.epub"), or null. */
  fileBusy: string | null;
  importReport: ImportReport | null;
}

export type View = 'script' | 'timeline' | 'voices' | 'clone' | 'pronunciations' | 'models' | 'settings';

/** What an error is about, so starting that thing again clears the stale message. */
export type ErrorTopic = 'playback' | 'export' | 'project' | 'settings';

export interface AppError {
  id: number;
  topic: ErrorTopic;
  message: string;
  /** Where it came from, shown small ("Play line 3", "Export"). */
  context: string;
}

export interface UiData {
  view: View;
  errors: AppError[];
  /** A passing confirmation ("Restored unsaved text"), cleared by a timer. */
  notice: string | null;
  helpOpen: boolean;
  /** A request for the editor to put its caret on a source line (from the line list). */
  editorJump: { line: number; nonce: number } | null;
  /** A request for the timeline to go to a chapter (from the script's outline). */
  timelineChapterJump: { index: number; nonce: number } | null;
}

export type StudioData = ConnectionData & LibraryData & ProjectData & PlaybackData & ExportData & FilesData & UiData;

export const IDLE_PLAYBACK: PlaybackData['playback'] = {
  mode: 'idle',
  previewVoiceId: null,
  lineIndex: null,
  positionSec: 0,
  lineFraction: 0,
  linesTotal: 0,
  durationSec: 0,
  linesDone: 0,
  buffering: false,
};

export function initialData(): StudioData {
  return {
    connection: { kind: 'connecting' },
    transportKind: 'websocket',
    phase: 'starting',
    bootError: null,
    info: null,
    settings: null,
    voices: [],
    voicesLoaded: false,
    projects: [],
    projectId: null,
    projectName: '',
    speakers: [],
    notSpeakers: [],
    script: '',
    save: { kind: 'saved', revision: 0 },
    caret: { line: 0, column: 0 },
    draftOffer: null,
    loadingProject: false,
    playback: IDLE_PLAYBACK,
    exportJob: null,
    recentFiles: [],
    fileBusy: null,
    importReport: null,
    view: 'script',
    errors: [],
    notice: null,
    helpOpen: false,
    editorJump: null,
    timelineChapterJump: null,
  };
}
