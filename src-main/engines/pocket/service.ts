// Pocket TTS as the core sees it: the engine to register (in its own engine worker when the app
// has one, in-process otherwise), its presets as library rows, the model version for cache keys,
// and the status line. Cloned voices speak through the same engine; before one is spoken, the
// conditioning file the worker reads is made sure of (the library is its record; see
// voice-clone/service.ts), so a file lost from disk is rebuilt instead of failing the line.
// Which languages are installed is asked of `resolve` (the model manager's verification records in
// the app), not of the folder; the engine serves only those and is rebuilt when they change.
import type { Voice } from '../../contract/schemas';
import type { Engine } from '../types';
import type { ModelResolver } from '../onnx/model-resolver';
import { EngineSlot, slotFacade } from '../engine-slot';
import { WorkerEngine } from '../worker/worker-engine';
import { providerLabel } from '../onnx/provider-open';
import { pocketLibraryVoices } from './library-voices';
import { resolvedPocketLanguages } from './model-files';
import { pocketCapabilities, pocketModelVersions, PocketEngine } from './pocket-engine';
import type { PocketSessionStatus, SessionSettings } from './session-host';
import { pocketWorkerSpawner, type PocketWorkerConfig } from './worker-link';

export interface PocketServiceOptions {
  modelsDir: string;
  /** Where a verified catalog file is (ModelManager.verifiedPath); `filesOnDisk` only in tests. */
  resolve: ModelResolver;
  clonesDir: string;
  /** The engine worker bundle; absent = in-process (tests, one-shot CLI commands). */
  engineWorker?: URL;
  session?: SessionSettings;
  onStatus?: (status: PocketSessionStatus) => void;
  /** Makes sure a clone's conditioning file exists before the worker reads it. */
  ensureClone?: (cloneId: string) => Promise<void>;
}

export class PocketService {
  /** Stable for the router; the engine behind it is rebuilt when the verified languages change. */
  readonly engine: Engine;
  private readonly slot: EngineSlot;
  private languages: string[];
  private latest: PocketSessionStatus | null = null;

  constructor(private readonly opts: PocketServiceOptions) {
    this.languages = this.resolvedLanguages();
    this.slot = new EngineSlot(this.build(this.languages));
    this.engine = slotFacade({
      id: 'pocket',
      name: 'Pocket TTS',
      slot: this.slot,
      sync: () => this.sync(),
      modelVersion: () => this.modelVersion(),
      capabilities: () => pocketCapabilities(resolvedPocketLanguages(this.opts.resolve)),
      // A cloned voice's conditioning file is made sure of before the worker reads it.
      beforeSynthesize: async (req) => {
        const clone = /^clone-(.+)$/.exec(req.voice.trim());
        if (clone && opts.ensureClone) await opts.ensureClone(clone[1]!);
      },
    });
  }

  private build(languages: string[]): Engine {
    const onStatus = (s: PocketSessionStatus): void => {
      this.latest = s;
      this.opts.onStatus?.(s);
    };
    const config: PocketWorkerConfig = { modelsDir: this.opts.modelsDir, clonesDir: this.opts.clonesDir, languages, ...(this.opts.session ? { session: this.opts.session } : {}) };
    return this.opts.engineWorker
      ? // One worker: a second would hold a second copy of the model and fight the first for cores.
        new WorkerEngine('pocket', pocketWorkerSpawner(this.opts.engineWorker, config, onStatus), { threads: 1, name: 'Pocket TTS' })
      : new PocketEngine({ ...config, onStatus });
  }

  private resolvedLanguages(): string[] {
    return resolvedPocketLanguages(this.opts.resolve).map((l) => l.folder);
  }

  /** Rebuilds the engine when a download, import or removal changed the verified languages. */
  private async sync(): Promise<void> {
    const now = this.resolvedLanguages();
    if (now.join() === this.languages.join()) return;
    this.languages = now;
    this.latest = null;
    // Lines already being spoken finish on the old engine; it is disposed after them.
    await this.slot.replace(this.build(now), 'when-idle');
  }

  installed(): boolean {
    return this.resolvedLanguages().length > 0;
  }

  libraryVoices(): Voice[] {
    return pocketLibraryVoices(this.opts.modelsDir, this.resolvedLanguages());
  }

  /** Every installed language's build: the audio cache key has only the engine id to go on. */
  modelVersion(): string {
    return pocketModelVersions(this.opts.modelsDir, this.resolvedLanguages());
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
    await this.slot.dispose();
  }
}
