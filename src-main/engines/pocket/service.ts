// Pocket TTS as the core sees it: the engine to register (in its own engine worker when the app
// has one, in-process otherwise), its presets as library rows, the model version for cache keys,
// and the status line. Cloned voices speak through the same engine; before one is spoken, the
// conditioning file the worker reads is made sure of (the library is its record; see
// voice-clone/service.ts), so a file lost from disk is rebuilt instead of failing the line.
import type { Voice } from '../../contract/schemas';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { WorkerEngine } from '../worker/worker-engine';
import { providerLabel } from '../kokoro/session-host';
import { pocketLibraryVoices } from './library-voices';
import { installedPocketLanguages, pocketModelVersion } from './model-files';
import { PocketEngine } from './pocket-engine';
import type { PocketSessionStatus, SessionSettings } from './session-host';
import { pocketWorkerSpawner, type PocketWorkerConfig } from './worker-link';

export interface PocketServiceOptions {
  modelsDir: string;
  clonesDir: string;
  /** The engine worker bundle; absent = in-process (tests, one-shot CLI commands). */
  engineWorker?: URL;
  session?: SessionSettings;
  onStatus?: (status: PocketSessionStatus) => void;
  /** Makes sure a clone's conditioning file exists before the worker reads it. */
  ensureClone?: (cloneId: string) => Promise<void>;
}

/** The engine with a step in front: a cloned voice's conditioning file is made sure of first. */
class CloneAwareEngine implements Engine {
  constructor(
    private readonly inner: Engine,
    private readonly ensure: (cloneId: string) => Promise<void>,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get name(): string {
    return this.inner.name;
  }

  capabilities(): EngineCapabilities {
    return this.inner.capabilities();
  }

  load(): Promise<void> {
    return this.inner.load();
  }

  voices(): Promise<EngineVoice[]> {
    return this.inner.voices();
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    const clone = /^clone-(.+)$/.exec(req.voice.trim());
    if (clone) await this.ensure(clone[1]!);
    yield* this.inner.synthesize(req, signal);
  }

  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

export class PocketService {
  readonly engine: Engine;
  private latest: PocketSessionStatus | null = null;

  constructor(private readonly opts: PocketServiceOptions) {
    const onStatus = (s: PocketSessionStatus): void => {
      this.latest = s;
      opts.onStatus?.(s);
    };
    const config: PocketWorkerConfig = { modelsDir: opts.modelsDir, clonesDir: opts.clonesDir, ...(opts.session ? { session: opts.session } : {}) };
    const inner: Engine = opts.engineWorker
      ? // One worker: a second would hold a second copy of the model and fight the first for cores.
        new WorkerEngine('pocket', pocketWorkerSpawner(opts.engineWorker, config, onStatus), { threads: 1, name: 'Pocket TTS' })
      : new PocketEngine({ ...config, onStatus });
    this.engine = opts.ensureClone ? new CloneAwareEngine(inner, opts.ensureClone) : inner;
  }

  installed(): boolean {
    return installedPocketLanguages(this.opts.modelsDir).length > 0;
  }

  libraryVoices(): Voice[] {
    return pocketLibraryVoices(this.opts.modelsDir);
  }

  /** Every installed language's build: the audio cache key has only the engine id to go on. */
  modelVersion(): string {
    const langs = installedPocketLanguages(this.opts.modelsDir);
    return langs.length ? langs.map((l) => pocketModelVersion(this.opts.modelsDir, l.folder)).join('|') : 'pocket-missing';
  }

  status(): PocketSessionStatus | null {
    return this.latest;
  }

  describe(): { ready: boolean; detail: string } {
    if (!this.installed()) return { ready: false, detail: 'Model not installed. Download Pocket TTS in Models.' };
    const s = this.latest;
    if (!s || s.state !== 'ready' || !s.provider) return { ready: true, detail: 'Installed; loads on first use' };
    return { ready: true, detail: `${providerLabel(s.provider)}, ${s.threads} thread${s.threads === 1 ? '' : 's'}${s.fallbackReason ? ` (${s.fallbackReason})` : ''}` };
  }

  async dispose(): Promise<void> {
    await this.engine.dispose();
  }
}
