// The wiring: builds every service once, in dependency order, and the handler table over them.
// Nothing here decides behaviour; each service owns its own. Faces (Electron, server, CLI) create
// one Core and talk to it only through its handlers, plus the few hooks a face lends (dialogs).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallContext, Handlers } from '../contract/dispatch';
import type { AppInfo, Voice } from '../contract/schemas';
import { ESPEAK_MODEL_VERSION, EspeakEngine } from '../engines/espeak/espeak-engine';
import { containedFliteEngine } from '../engines/flite/contained';
import type { ProcessSpawnerOptions } from '../engines/worker/process';
import type { SpawnWorker } from '../engines/worker/thread';
import { KokoroService } from '../engines/kokoro/service';
import { blendTowardSpec } from '../engines/kokoro/blend';
import { verifyKokoroModel } from '../engines/kokoro/verify';
import { InProcessEncoder, WorkerEncoder } from '../engines/pocket/encoder';
import { PocketService } from '../engines/pocket/service';
import { verifyPocketFile } from '../engines/pocket/verify';
import { verifiedCanClone, verifiedEncoder } from '../engines/pocket/verified-encoder';
import { EngineRouter } from '../engines/router';
import { EngineScheduler } from '../engines/scheduler';
import type { Engine } from '../engines/types';
import { WorkerEngine } from '../engines/worker/worker-engine';
import { sweepSpills } from '../audio/export/spill';
import { cleanupStaleTemps } from '../fs/atomic';
import { MIB } from '../library/audio-cache-repo';
import { openLibrary, type Library, type WalRecovery } from '../library/db';
import { VERSION } from '../lib/version';
import { ModelManager } from '../models/manager';
import { ModelSelfTests } from './model-self-test';
import { RenderStreams } from '../speech/render-streams';
import { SpeechService } from '../speech/speech-service';
import { RenderQueue } from '../timeline/render-queue';
import { TimelineService } from '../timeline/service';
import { CloneService } from '../voice-clone/service';
import { Downloads } from './downloads';
import { TempFolders } from './temp-folders';
import { EventHub } from './event-hub';
import { chooseFirstDefaultVoice } from './default-voice';
import { createHandlers } from './handlers/index';
import { applyKokoroSettings, feedRecommendation } from './kokoro-settings';
import type { FaceHooks, Services } from './services';

export type { FaceHooks } from './services';
/** For a face that starts engine child processes its own way (the desktop app's utility processes). */
export type { SpawnWorker } from '../engines/worker/thread';
export type { FromWorker as EngineChildMessage } from '../engines/worker/protocol';

export interface CoreOptions {
  dataDir: string;
  modelsDir: string;
  face: FaceHooks;
  /**
   * Where the engine worker bundle is. When absent, engines run in-process (tests and the CLI's
   * one-shot commands, which have no event loop to keep responsive).
   */
  engineWorker?: URL;
  /**
   * An export's codec-thread entry (in the bundle `new URL('./encode-worker.js', import.meta.url)`).
   * Absent, or missing on disk (running from source): exports encode on this thread.
   */
  encodeWorker?: URL;
  /**
   * The Flite engine's child-process entry (in the bundle `new URL('./flite-child.js',
   * import.meta.url)`). Flite always runs in a child process, even for one-shot commands, since it
   * can crash the process it runs in; without an entry (or when the file is missing) there is no
   * Flite, and English falls back to eSpeak NG.
   */
  fliteChild?: { script: URL | string; spawn?: SpawnWorker } & ProcessSpawnerOptions;
  /**
   * `always` (the app, the server): list the embedded engine's voices at every start, which loads it.
   * `ifMissing` (one-shot CLI commands): only when the library has none yet, since loading espeak-ng
   * costs more than most commands; the app's next start lists them again.
   */
  listEmbeddedVoices?: 'always' | 'ifMissing';
  /**
   * Pick up render jobs an earlier run left (a crash or a quit). Default true; one-shot CLI commands
   * say false, so listing voices never starts rendering someone's book in a short-lived process.
   */
  resumeRendering?: boolean;
}

function recoveryOf(r: WalRecovery | null): AppInfo['libraryRecovery'] {
  return r && { message: r.message, framesKept: r.framesKept, framesDropped: r.framesDropped, keptAside: r.keptAside };
}

export class Core implements Services {
  readonly library: Library;
  readonly router = new EngineRouter();
  readonly events = new EventHub();
  readonly downloads = new Downloads();
  readonly tempFolders: TempFolders;
  readonly models: ModelManager;
  readonly selfTests: ModelSelfTests;
  readonly kokoro: KokoroService;
  readonly pocket: PocketService;
  readonly clones: CloneService;
  readonly speech: SpeechService;
  readonly streams: RenderStreams;
  /** Who synthesizes next on a busy engine: studio playback, then API keys in turn, then background renders. */
  readonly scheduler: EngineScheduler;
  readonly timeline: TimelineService;
  readonly renderQueue: RenderQueue;
  readonly handlers: Handlers;
  readonly scratchDir: string;
  readonly encodeWorker: URL | null;
  /** Set by close(): a background load that the shutdown cut off is not a failure to report. */
  private closing = false;
  /** Engines loaded at start (the embedded one); Kokoro and Pocket load on first use. */
  private readonly embedded: Engine[] = [];

  private constructor(readonly opts: CoreOptions) {
    // The library, clones and uploads are the user's alone; a folder we create is 0700.
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    this.library = openLibrary(join(opts.dataDir, 'library.db'));
    this.scratchDir = join(opts.dataDir, 'tmp');
    this.encodeWorker = opts.encodeWorker && existsSync(fileURLToPath(opts.encodeWorker)) ? opts.encodeWorker : null;
    this.tempFolders = new TempFolders(join(opts.dataDir, 'export-folders.json'));
    const worker = opts.engineWorker;
    // The Japanese/Chinese reader's entry is built beside the engine worker's (out/main); without
    // it (tests that run the worker from source) the analyzers load on this thread when asked.
    const textWorker = worker && existsSync(fileURLToPath(new URL('./text-worker.js', worker))) ? new URL('./text-worker.js', worker) : null;

    // The model manager comes before the engines, which load only the files it verified.
    this.models = new ModelManager({ db: this.library.db, modelsDir: opts.modelsDir });
    this.models.onProgress((p) => {
      // Voices a download made usable are in the library before any window hears it finished.
      if (p.phase === 'done') this.refreshModelVoices();
      this.events.broadcast('models.progress', p);
    });
    // A downloaded or imported graph is trusted only after a real test load.
    this.models.setVerifier('kokoro-model', async (path) => void (await verifyKokoroModel(path)));
    this.models.setVerifier('pocket-tts', verifyPocketFile);
    // Verified files then speak a reference sentence; a model that fails is kept from the engines
    // (verifiedPath stops answering for it) and the screens are told, as after a download.
    this.selfTests = new ModelSelfTests({
      models: this.models,
      modelsDir: opts.modelsDir,
      ...(worker ? { engineWorker: worker } : {}),
      onResult: (assetId) => {
        if (this.closing) return;
        this.refreshModelVoices();
        this.events.broadcast('models.progress', { id: assetId, bytes: 0, total: 0, rate: 0, etaSec: 0, phase: 'done', error: null });
      },
    });
    this.models.onInstalled((assetId) => {
      if (!this.closing) this.selfTests.afterInstall(assetId);
    });
    const verified = (rel: string) => this.models.verifiedPath(rel);

    // The worker-hosted engine knows its version before it loads, so a cache key never reads 'unknown'.
    const espeak: Engine = worker ? new WorkerEngine('espeak', worker, { modelVersion: ESPEAK_MODEL_VERSION }) : new EspeakEngine();
    this.embedded.push(espeak);
    this.router.register(espeak);
    const fliteChild = opts.fliteChild;
    if (fliteChild && existsSync(fliteChild.script instanceof URL ? fileURLToPath(fliteChild.script) : fliteChild.script)) {
      const flite = containedFliteEngine(fliteChild.script, {
        ...fliteChild,
        // Reported once per crash; the request it cut off is retried on a fresh child.
        onCrash: (e) => console.warn(`[koe] ${e.message}`),
      });
      this.embedded.push(flite);
      this.router.register(flite);
    }
    // Kokoro and Pocket are always registered, so a model downloaded later works without a restart,
    // but not loaded at start: that would load hundreds of MB before anyone asks for a voice.
    this.kokoro = new KokoroService({
      modelsDir: opts.modelsDir,
      resolve: verified,
      ...(worker ? { engineWorker: worker } : {}),
      ...(textWorker ? { textWorker } : {}),
      onStatus: (st) => this.events.broadcast('engines.status', { id: 'kokoro', name: this.kokoro.engine.name, ...this.kokoro.describe(), fallbackReason: st.fallbackReason }),
    });
    this.router.register(this.kokoro.engine);
    // The library is the record of every clone; the engine worker reads copies of their
    // conditioning from clonesDir.
    const clonesDir = join(opts.dataDir, 'voices', 'clones');
    this.clones = new CloneService({
      db: this.library.db,
      modelsDir: opts.modelsDir,
      clonesDir,
      canClone: (language) => verifiedCanClone(verified, language),
      encoder: (language) => verifiedEncoder(verified, language, worker ? new WorkerEncoder({ modelsDir: opts.modelsDir, language }) : new InProcessEncoder({ modelsDir: opts.modelsDir, language })),
    });
    this.pocket = new PocketService({
      modelsDir: opts.modelsDir,
      resolve: verified,
      clonesDir,
      ...(worker ? { engineWorker: worker } : {}),
      ensureClone: (cloneId) => this.clones.ensureCondFileFor(cloneId),
      onStatus: (st) => this.events.broadcast('engines.status', { id: 'pocket', name: 'Pocket TTS', ...this.pocket.describe(), fallbackReason: st.fallbackReason }),
    });
    this.router.register(this.pocket.engine);

    // Each engine synthesizes as many chunks at once as it has workers (espeak's pool; Kokoro and
    // Pocket keep one worker, and an in-process engine shares the main thread).
    const engineCapacity = (id: string) => {
      const engine = this.router.get(id);
      return engine instanceof WorkerEngine ? engine.workers : 1;
    };
    this.scheduler = new EngineScheduler(engineCapacity);
    this.speech = new SpeechService({
      router: this.router,
      scheduler: this.scheduler,
      library: this.library,
      modelVersion: (id) => this.router.modelVersion(id),
      transientVoice: (id) => this.transientVoice(id),
      blendToward: (id, toward, amount) => `kokoro:${blendTowardSpec(id.slice('kokoro:'.length), toward.slice('kokoro:'.length), amount)}`,
      readingWarnings: (engineId, language) => this.readingWarnings(engineId, language),
    });
    this.streams = new RenderStreams(this.speech);
    // Each engine renders as many lines at once as it has workers, so a line waits in the render
    // queue, where it says "queued" and cancel drops it, not behind the studio's playback; the overall
    // cap lets lines of different engines overlap.
    this.timeline = new TimelineService({
      library: this.library,
      renderState: (projectId, lineId, work) => this.renderQueue.stateOf(projectId, lineId, work),
      onChanged: (projectId, revision) => this.events.broadcast('timeline.changed', { projectId, revision }),
    });
    this.renderQueue = new RenderQueue({
      speech: this.speech,
      timeline: this.timeline,
      concurrency: 4,
      engineCapacity,
      onProgress: (p) => this.events.broadcast('render.progress', p),
      store: this.library.renderJobs,
    });
    this.handlers = createHandlers(this);
  }

  /** Ready to use: library open, stale temp files gone, the embedded engine loaded and its voices listed. */
  static async create(opts: CoreOptions): Promise<Core> {
    const core = new Core(opts);
    await cleanupStaleTemps(opts.dataDir).catch(() => 0);
    await core.tempFolders.sweep();
    sweepSpills(core.scratchDir);
    // Model files copied into the folder by hand are checked once, where they lie (the engines load
    // only verified files); one that fails is shown with the reason on the Models screen.
    await core.models.adoptFound();
    // A library without the embedded voices listed is a new one: its first launch.
    const firstLaunch = !core.library.voices.hasSystemVoices('espeak');
    await core.refreshSystemVoices();
    chooseFirstDefaultVoice(core.library, firstLaunch);
    await core.clones.syncFiles().catch(() => {});
    // Kokoro runs as Settings say (quality mode, provider, threads…); measured speeds feed the recommendation.
    const settings = core.library.settings.getSettings();
    core.library.audioCache.setMaxBytes(settings.audioCacheMaxMB * MIB);
    await applyKokoroSettings(core.kokoro, settings);
    feedRecommendation(core.models, settings.kokoroMeasurements);
    if (opts.resumeRendering !== false) core.renderQueue.restore();
    return core;
  }

  get face(): FaceHooks {
    return this.opts.face;
  }

  /**
   * What Kokoro's Japanese or Mandarin reader could not read in a chunk (unknown kana, a hanzi with
   * no reading, a script it cannot read). Only these two: their readers name each skipped place,
   * and they run in a reader thread of their own, so asking does not wait behind synthesis.
   */
  private readingWarnings(engineId: string, language: string | null): ((text: string) => Promise<string[]>) | null {
    const tag = (language ?? '').toLowerCase();
    const lang = engineId !== 'kokoro' ? null : /^ja\b/.test(tag) ? 'j' : /^(cmn|zh)\b/.test(tag) ? 'z' : null;
    if (!lang) return null;
    return async (text) => {
      try {
        return (await this.kokoro.phonemize(text, lang)).warnings ?? [];
      } catch {
        // A reader that cannot load says so when the line renders; a warning list is no place for it.
        return [];
      }
    };
  }

  /** A voice with no library row: an unsaved Kokoro blend being previewed (`kokoro:a*0.6+b*0.4`). */
  private transientVoice(id: string): Voice | null {
    return id.startsWith('kokoro:') ? this.kokoro.transientBlend(id.slice('kokoro:'.length), (v) => this.library.voices.getVoice(v)) : null;
  }

  refreshModelVoices(): void {
    try {
      this.upsertModelVoices();
    } catch {
      // The library is closing; the next start lists them anyway.
    }
  }

  /** Every engine's voices in the library: the embedded ones loaded and listed, the others greyed until installed. */
  async refreshSystemVoices(): Promise<void> {
    for (const engine of this.embedded) {
      if (this.opts.listEmbeddedVoices === 'ifMissing' && this.library.voices.hasSystemVoices(engine.id)) continue;
      let voices: Awaited<ReturnType<Engine['voices']>>;
      try {
        // eSpeak NG, and another engine the first time its voices are listed (so a Flite that cannot
        // start is known before the first-launch default is chosen), are loaded before the studio
        // opens; afterwards Flite's children start alongside, not in the way of the start.
        if (engine === this.embedded[0] || !this.library.voices.hasSystemVoices(engine.id)) await engine.load();
        else engine.load().catch((e: unknown) => this.closing || console.warn(`[koe] ${engine.name} could not start: ${e instanceof Error ? e.message : String(e)}`));
        voices = await engine.voices();
      } catch (e) {
        // eSpeak NG is the voice that always works; another embedded engine that cannot start
        // (Flite's child) must not keep the studio from opening. Its voices stay as they were.
        if (engine === this.embedded[0]) throw e;
        console.warn(`[koe] ${engine.name} could not start: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
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
    this.upsertModelVoices();
  }

  /** Kokoro's and Pocket's presets, greyed with a reason until installed; clones marked if their model is missing or older. */
  private upsertModelVoices(): void {
    this.library.voices.upsertSystemVoices('kokoro', this.kokoro.libraryVoices());
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
        ...this.embedded.map((e) => ({ id: e.id, name: e.name, ready: true, detail: 'Embedded, works offline' })),
        { id: 'kokoro', name: this.kokoro.engine.name, ...this.kokoro.describe() },
        { id: 'pocket', name: 'Pocket TTS', ...this.pocket.describe() },
      ],
      canSaveFiles: !!this.opts.face.saveDialog,
      libraryRecovery: recoveryOf(this.library.walRecovery),
    };
  }

  /** A connection that hears the core's events (a window, a WebSocket, the CLI). */
  attach(ctx: CallContext): void {
    this.events.attach(ctx);
  }

  /** The connection went away: its live streams stop. */
  detach(origin: string): void {
    this.events.detach(origin);
    this.streams.cancelAllFor(origin);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.streams.cancelAll();
    // A quit is not a cancel: owed lines stay in the library and the next start resumes them.
    this.renderQueue.shutdown();
    await this.selfTests.dispose();
    for (const e of this.embedded) await e.dispose().catch(() => {});
    await this.kokoro.dispose().catch(() => {});
    await this.pocket.dispose().catch(() => {});
    await this.clones.dispose().catch(() => {});
    await this.models.dispose(); // stop downloads before the library closes
    this.library.close();
  }
}
