// Assembles the services every face shares: library, engines (off the main thread), speech,
// streams and exports. Faces (Electron, server, CLI) create one Core and talk to it only through
// its contract handlers, plus the few hooks a face supplies (a native save dialog).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallContext, Handlers } from '../contract/dispatch';
import type { EventName, EventPayload } from '../contract/calls';
import type { AppInfo } from '../contract/schemas';
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { KokoroService } from '../engines/kokoro/service'; // Kokoro (issue #3)
import { verifyKokoroModel } from '../engines/kokoro/verify'; // Kokoro (issue #3)
import { InProcessEncoder, WorkerEncoder } from '../engines/pocket/encoder'; // Pocket TTS (issue #4)
import { PocketService } from '../engines/pocket/service'; // Pocket TTS (issue #4)
import { verifyPocketFile } from '../engines/pocket/verify'; // Pocket TTS (issue #4)
import { verifiedCanClone, verifiedEncoder } from '../engines/pocket/verified-encoder'; // Pocket TTS (issue #4)
import { CloneService } from '../voice-clone/service'; // voice cloning (issue #4)
import { EngineRouter } from '../engines/router';
import type { Engine } from '../engines/types';
import { WorkerEngine } from '../engines/worker/worker-engine';
import { cleanupStaleTemps } from '../fs/atomic';
import { openLibrary, type Library } from '../library/db';
import { MIB } from '../library/audio-cache-repo';
import { ModelManager } from '../models/manager';
import { Downloads } from './downloads';
import { createHandlers } from './handlers';
import { applyKokoroSettings, feedRecommendation } from './kokoro-settings';
import { RenderStreams } from './render-streams';
import { SpeechService } from './speech';
import { RenderQueue } from '../timeline/render-queue'; // dialogue timeline (issue #5)
import { TimelineService } from '../timeline/service'; // dialogue timeline (issue #5)
import { VERSION } from './version';

export interface FaceHooks {
  kind: AppInfo['face'];
  /** Native save dialog (desktop only); resolves to null when the user cancels. */
  saveDialog?(defaultName: string, extensions: string[]): Promise<string | null>;
  /** Native open dialog (desktop only); an empty extension list allows any file. */
  openDialog?(title: string, extensions: string[]): Promise<string | null>;
}

export interface CoreOptions {
  dataDir: string;
  modelsDir: string;
  face: FaceHooks;
  /**
   * Where the engine worker bundle is. When absent, engines run in-process (tests and the CLI's
   * one-shot commands, which have no event loop to keep responsive).
   */
  engineWorker?: URL;
}

export class Core {
  readonly library: Library;
  readonly router = new EngineRouter();
  readonly speech: SpeechService;
  readonly streams: RenderStreams;
  readonly downloads = new Downloads();
  readonly handlers: Handlers;
  // Model manager (issue #3): catalog, downloads, import, removal of model files in opts.modelsDir.
  readonly models: ModelManager;
  // Kokoro (issue #3): the engine, its library rows, status and blends (engines/kokoro/service.ts).
  readonly kokoro: KokoroService;
  // Pocket TTS and voice cloning (issue #4): engines/pocket/service.ts, voice-clone/service.ts.
  readonly pocket: PocketService;
  readonly clones: CloneService;
  // Dialogue timeline (issue #5): layout, takes, undo (timeline/service.ts) and background rendering.
  readonly timeline: TimelineService;
  readonly renderQueue: RenderQueue;
  private readonly clients = new Map<string, CallContext>();
  private readonly engines: Engine[] = [];

  private constructor(readonly opts: CoreOptions) {
    mkdirSync(opts.dataDir, { recursive: true });
    this.library = openLibrary(join(opts.dataDir, 'library.db'));
    // --- model manager (issue #3): before the engines, which load only the files it verified ---
    this.models = new ModelManager({ db: this.library.db, modelsDir: opts.modelsDir });
    this.models.onProgress((p) => {
      // Voices a download made usable are in the library before any window hears it finished.
      if (p.phase === 'done') this.refreshModelVoices();
      this.broadcast('models.progress', p);
    });
    // --- end model manager ---
    // Kokoro (issue #3): a downloaded or imported graph is trusted only after a real test load.
    this.models.setVerifier('kokoro-model', async (path) => void (await verifyKokoroModel(path)));
    this.models.setVerifier('pocket-tts', verifyPocketFile); // Pocket TTS (issue #4)
    const espeak: Engine = opts.engineWorker ? new WorkerEngine('espeak', opts.engineWorker) : new EspeakEngine();
    this.engines.push(espeak);
    this.router.register(espeak);
    // --- Kokoro (issue #3): always registered, so a model downloaded later works without a restart;
    // not in this.engines, whose start-up load would load the 300 MB model before anyone asks ---
    this.kokoro = new KokoroService({
      modelsDir: opts.modelsDir,
      resolve: (rel) => this.models.verifiedPath(rel),
      ...(opts.engineWorker ? { engineWorker: opts.engineWorker } : {}),
      onStatus: (s) => this.broadcast('engines.status', { id: 'kokoro', name: this.kokoro.engine.name, ...this.kokoro.describe(), fallbackReason: s.fallbackReason }),
    });
    this.router.register(this.kokoro.engine);
    // --- end Kokoro ---
    // --- Pocket TTS + cloning (issue #4): registered like Kokoro, loaded on first use. The library is
    // the record of every clone; the engine worker reads copies of their conditioning from clonesDir ---
    const clonesDir = join(opts.dataDir, 'voices', 'clones');
    this.clones = new CloneService({
      db: this.library.db,
      modelsDir: opts.modelsDir,
      clonesDir,
      canClone: (language) => verifiedCanClone((rel) => this.models.verifiedPath(rel), language),
      encoder: (language) => verifiedEncoder((rel) => this.models.verifiedPath(rel), language, opts.engineWorker ? new WorkerEncoder({ modelsDir: opts.modelsDir, language }) : new InProcessEncoder({ modelsDir: opts.modelsDir, language })),
    });
    this.pocket = new PocketService({
      modelsDir: opts.modelsDir,
      resolve: (rel) => this.models.verifiedPath(rel),
      clonesDir,
      ...(opts.engineWorker ? { engineWorker: opts.engineWorker } : {}),
      ensureClone: (cloneId) => this.clones.ensureCondFileFor(cloneId),
      onStatus: (s) => this.broadcast('engines.status', { id: 'pocket', name: 'Pocket TTS', ...this.pocket.describe(), fallbackReason: s.fallbackReason }),
    });
    this.router.register(this.pocket.engine);
    // --- end Pocket TTS ---
    this.speech = new SpeechService({
      router: this.router,
      library: this.library,
      modelVersion: (id) => this.router.modelVersion(id),
      transientVoice: (id) => (id.startsWith('kokoro:') ? this.kokoro.transientBlend(id.slice('kokoro:'.length), (v) => this.library.voices.getVoice(v)) : null),
    });
    this.streams = new RenderStreams(this.speech);
    // --- dialogue timeline (issue #5): before the handlers, which capture it. Each engine renders as
    // many lines at once as it has workers (espeak's pool; Kokoro and Pocket keep one worker, and an
    // in-process engine shares the main thread), so a line never waits inside a busy worker where
    // cancel cannot reach it; the overall cap lets lines of different engines overlap ---
    this.timeline = new TimelineService({
      library: this.library,
      renderState: (projectId, lineId, work) => this.renderQueue.stateOf(projectId, lineId, work),
      onChanged: (projectId, revision) => this.broadcast('timeline.changed', { projectId, revision }),
    });
    this.renderQueue = new RenderQueue({
      speech: this.speech,
      timeline: this.timeline,
      concurrency: 4,
      engineCapacity: (id) => {
        const engine = this.router.get(id);
        return engine instanceof WorkerEngine ? engine.workers : 1;
      },
      onProgress: (p) => this.broadcast('render.progress', p),
    });
    // --- end dialogue timeline ---
    this.handlers = createHandlers(this);
  }

  /** Ready to use: library open, stale temp files gone, the embedded engine loaded and its voices listed. */
  static async create(opts: CoreOptions): Promise<Core> {
    const core = new Core(opts);
    await cleanupStaleTemps(opts.dataDir).catch(() => 0);
    // Model files copied into the folder by hand are checked once, where they lie (the engines load
    // only verified files); one that fails is shown with the reason on the Models screen.
    await core.models.adoptFound();
    await core.refreshSystemVoices();
    await core.clones.syncFiles().catch(() => {}); // Pocket TTS (issue #4): clones' files for the worker
    // Kokoro runs as Settings say (quality mode, provider, threads…); measured speeds feed the recommendation.
    const settings = core.library.settings.getSettings();
    core.library.audioCache.setMaxBytes(settings.audioCacheMaxMB * MIB);
    await applyKokoroSettings(core.kokoro, settings);
    feedRecommendation(core.models, settings.kokoroMeasurements);
    return core;
  }

  /** Model files came or went: the voices that depend on them become (un)available. */
  refreshModelVoices(): void {
    try {
      this.library.voices.upsertSystemVoices('kokoro', this.kokoro.libraryVoices());
      this.library.voices.upsertSystemVoices('pocket', this.pocket.libraryVoices()); // Pocket TTS (issue #4)
      this.clones.refreshAvailability();
    } catch {
      // The library is closing; the next start lists them anyway.
    }
  }

  get face(): FaceHooks {
    return this.opts.face;
  }

  async refreshSystemVoices(): Promise<void> {
    for (const engine of this.engines) {
      await engine.load();
      const voices = await engine.voices();
      this.library.voices.upsertSystemVoices(
        engine.id,
        voices.map((v) => ({
          id: `${engine.id}:${v.id}`,
          name: v.name,
          engine: engine.id,
          kind: 'system' as const,
          language: v.language,
          languageName: v.languageName,
          gender: v.gender,
          tags: v.tags,
          grade: v.grade,
          available: true,
          unavailableReason: null,
        })),
      );
    }
    // Kokoro (issue #3): all 54 presets, greyed with a reason until the model and packs are installed.
    this.library.voices.upsertSystemVoices('kokoro', this.kokoro.libraryVoices());
    // Pocket TTS (issue #4): presets greyed until downloaded; clones marked if their model is missing or older.
    this.library.voices.upsertSystemVoices('pocket', this.pocket.libraryVoices());
    this.clones.refreshAvailability();
  }

  info(): AppInfo {
    return {
      version: VERSION,
      face: this.opts.face.kind,
      dataDir: this.opts.dataDir,
      modelsDir: this.opts.modelsDir,
      engines: [
        ...this.engines.map((e) => ({ id: e.id, name: e.name, ready: true, detail: 'Embedded, works offline' })),
        { id: 'kokoro', name: this.kokoro.engine.name, ...this.kokoro.describe() }, // Kokoro (issue #3)
        { id: 'pocket', name: 'Pocket TTS', ...this.pocket.describe() }, // Pocket TTS (issue #4)
      ],
      canSaveFiles: !!this.opts.face.saveDialog,
    };
  }

  attach(ctx: CallContext): void {
    this.clients.set(ctx.origin, ctx);
  }

  detach(origin: string): void {
    this.clients.delete(origin);
    this.streams.cancelAllFor(origin);
  }

  /** Sends an event to every attached client except `exceptOrigin`. */
  broadcast<E extends EventName>(name: E, payload: EventPayload<E>, exceptOrigin?: string): void {
    for (const [origin, ctx] of this.clients) if (origin !== exceptOrigin) ctx.emit(name, payload);
  }

  async close(): Promise<void> {
    this.streams.cancelAll();
    this.renderQueue.cancelAll(); // dialogue timeline (issue #5)
    for (const e of this.engines) await e.dispose().catch(() => {});
    await this.kokoro.dispose().catch(() => {}); // Kokoro (issue #3)
    await this.pocket.dispose().catch(() => {}); // Pocket TTS (issue #4)
    await this.clones.dispose().catch(() => {});
    await this.models.dispose(); // model manager (issue #3): stop downloads before the library closes
    this.library.close();
  }
}
