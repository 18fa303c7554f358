// What the handler table is built from: the services the core assembles, as types only. Handlers
// take the few services they use (a Pick of this), never the Core itself, so the wiring imports the
// handlers and nothing imports the wiring back.
import type { AppInfo, Settings } from '../contract/schemas';
import type { KokoroService } from '../engines/kokoro/service';
import type { PocketService } from '../engines/pocket/service';
import type { EngineRouter } from '../engines/router';
import type { Library } from '../library/db';
import type { ModelManager } from '../models/manager';
import type { ModelSelfTests } from './model-self-test';
import type { RenderStreams } from '../speech/render-streams';
import type { SpeechService } from '../speech/speech-service';
import type { RenderQueue } from '../timeline/render-queue';
import type { TimelineService } from '../timeline/service';
import type { CloneService } from '../voice-clone/service';
import type { Downloads } from './downloads';
import type { EventHub } from './event-hub';
import type { TempFolders } from './temp-folders';

/** What a face lends the core: its kind, and native dialogs where it has them (desktop). */
export interface FaceHooks {
  kind: AppInfo['face'];
  /** Native save dialog (desktop only); resolves to null when the user cancels. `label` names the file type. */
  saveDialog?(defaultName: string, extensions: string[], label?: string): Promise<string | null>;
  /** Native open dialog (desktop only); an empty extension list allows any file. */
  openDialog?(title: string, extensions: string[], label?: string): Promise<string | null>;
  /** Shows a file in the system file manager (desktop only). */
  revealFile?(path: string): void;
  /** Opens a file in the system's default app (desktop only); rejects with the system's reason. */
  openFile?(path: string): Promise<void>;
  /**
   * Where paths given in calls may point (the server face: its uploads and downloads folders). A
   * page on the network has no business naming files elsewhere on the server's disk. Absent: any path
   * the user's own process may reach (desktop, CLI).
   */
  fileRoots?: { read: string[]; write: string[] };
  /** Settings changed (the desktop app turns its speech API listener on or off from them). */
  settingsChanged?(settings: Settings): void;
  /** The desktop app's speech API listener: its URL, or why it is not listening. */
  apiStatus?(): { url: string | null; error: string | null };
}

export interface Services {
  readonly library: Library;
  readonly router: EngineRouter;
  readonly speech: SpeechService;
  readonly streams: RenderStreams;
  readonly downloads: Downloads;
  readonly models: ModelManager;
  /** Self-tests of downloaded and imported models (run after install and by `koe doctor`). */
  readonly selfTests: ModelSelfTests;
  readonly kokoro: KokoroService;
  readonly pocket: PocketService;
  readonly clones: CloneService;
  readonly timeline: TimelineService;
  readonly renderQueue: RenderQueue;
  readonly events: EventHub;
  readonly face: FaceHooks;
  /** Folders written into, swept at start for what a killed write left. */
  readonly tempFolders: TempFolders;
  /** Scratch space in the data folder for work files (spilled audio); swept at start. */
  readonly scratchDir: string;
  /** The codec-thread entry for exports (out/main/encode-worker.js), or null to encode in this thread. */
  readonly encodeWorker: URL | null;
  /** Version, folders and engine status, as `app.info` reports them. */
  info(): AppInfo;
  /** Model files came or went: the voices that depend on them become (un)available. */
  refreshModelVoices(): void;
}
