// Owns the Pocket TTS step graph's life: loaded with its assets on first use, warmed up with one
// text step and one frame, kept while in use, released after an idle time. Providers are tried in
// the platform's order with CPU last, and a provider that fails to load or to run falls back to
// CPU, remembering why once (so the app can say it once). The provider order, settings and runtime
// interface are the shared ONNX host's (engines/onnx/); Kokoro's SessionHost is bound to its own
// session and graph check, so the two hosts share those parts rather than a class.
//
// Lives in the engine worker: onnxruntime-node runs inference on the calling thread.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { KoeError } from '../../contract/errors';
import { onnxRuntime, type OrtRuntime } from '../onnx/ort';
import { firstLine, openOnFirstProvider, providerLabel } from '../onnx/provider-open';
import { providerOrder } from '../onnx/providers';
import { resolveSessionSettings, sessionOptions, type ResolvedSessionSettings, type SessionSettings } from '../onnx/session-settings';
import { readPocketAssets, type PocketAssets } from './assets';
import { flowRowSize, mimiRowSize } from './config';
import { inspectStepGraph } from './graph-io';
import { readPocketManifest, type PocketManifest } from './manifest';
import { pocketPaths } from './model-files';
import { PocketStepSession, type StepInput, type StepOutput } from './pocket-session';
import { SentencePieceTokenizer } from './sentencepiece';

export type { SessionSettings };

export interface PocketSessionStatus {
  state: 'unloaded' | 'loading' | 'ready';
  language: string;
  modelPath: string | null;
  provider: string | null;
  fallbackReason: string | null;
  threads: number;
  loadMs: number | null;
}

export interface PocketModel {
  session: PocketStepSession;
  assets: PocketAssets;
  manifest: PocketManifest;
  tokenizer: SentencePieceTokenizer;
}

export interface PocketHostDeps {
  runtime?: () => Promise<OrtRuntime>;
  onStatus?: (status: PocketSessionStatus) => void;
}

export class PocketSessionHost {
  private current: PocketModel | null = null;
  private loading: Promise<PocketModel> | null = null;
  private fallback: string | null = null;
  private loadMs: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private inUse = 0;
  private retired: PocketStepSession[] = [];
  private readonly settings: ResolvedSessionSettings;

  constructor(
    private readonly modelsDir: string,
    readonly language: string,
    settings: SessionSettings = {},
    private readonly deps: PocketHostDeps = {},
  ) {
    this.settings = resolveSessionSettings(settings);
  }

  status(): PocketSessionStatus {
    return {
      state: this.current ? 'ready' : this.loading ? 'loading' : 'unloaded',
      language: this.language,
      modelPath: this.current?.session.modelPath ?? null,
      provider: this.current?.session.provider ?? null,
      fallbackReason: this.fallback,
      threads: this.settings.intraOpNumThreads,
      loadMs: this.loadMs,
    };
  }

  async model(): Promise<PocketModel> {
    if (this.current) return this.current;
    if (!this.loading) {
      this.loading = this.open().finally(() => {
        this.loading = null;
      });
      this.emit();
    }
    this.current = await this.loading;
    this.emit();
    return this.current;
  }

  /** The model for one synthesis; it is not unloaded until the matching release(). */
  async acquire(): Promise<PocketModel> {
    this.inUse++;
    this.stopIdleTimer();
    try {
      return await this.model();
    } catch (e) {
      this.release();
      throw e;
    }
  }

  release(): void {
    this.inUse = Math.max(0, this.inUse - 1);
    this.startIdleTimer();
  }

  /** Runs one step; a failure on an accelerator moves this model to CPU and retries there. */
  async step(m: PocketModel, input: StepInput): Promise<StepOutput> {
    try {
      return await m.session.step(input);
    } catch (e) {
      if (e instanceof KoeError || m.session.provider === 'cpu') throw e instanceof KoeError ? e : new KoeError('engine', `Pocket TTS failed on a step: ${firstLine(e)}`);
      const reason = `${providerLabel(m.session.provider)} failed while speaking (${firstLine(e)})`;
      const cpu = await this.createSession(m.session.modelPath, m.assets, ['cpu'], [reason]);
      // Another request may have a step in flight on the old session; releasing it under that step
      // would crash the native runtime, so it waits for the next unload.
      this.retired.push(m.session);
      m.session = cpu;
      this.emit();
      return await cpu.step(input);
    }
  }

  async unload(): Promise<void> {
    this.stopIdleTimer();
    const m = this.current;
    this.current = null;
    await m?.session.release();
    await Promise.all(this.retired.splice(0).map((r) => r.release()));
    if (m) this.emit();
  }

  async dispose(): Promise<void> {
    await this.loading?.catch(() => {});
    await this.unload();
  }

  private async open(): Promise<PocketModel> {
    const started = performance.now();
    const p = pocketPaths(this.modelsDir, this.language);
    for (const [path, what] of [[p.manifest, 'manifest.json'], [p.model, 'model.onnx'], [p.assets, 'assets.json']] as const) {
      if (!existsSync(path)) throw new KoeError('not_found', `Pocket TTS (${this.language}) is not installed: ${what} is missing. Download Pocket TTS in Models.`);
    }
    const manifest = await readPocketManifest(p.manifest);
    const assets = await readPocketAssets(p.assets);
    if (manifest.sampleRate !== assets.config.sampleRate) throw new KoeError('invalid_args', `manifest.json says ${manifest.sampleRate} Hz but assets.json says ${assets.config.sampleRate} Hz; the files are from different exports.`);
    const tokenizer = SentencePieceTokenizer.fromBytes(assets.tokenizer);
    const session = await this.createSession(p.model, assets, null, []);
    const m: PocketModel = { session, assets, manifest, tokenizer };
    this.loadMs = performance.now() - started;
    return m;
  }

  private providerOrder(runtime: OrtRuntime): string[] {
    return providerOrder(runtime.supportedBackends(), this.settings.providers ?? undefined);
  }

  private async createSession(path: string, assets: PocketAssets, only: string[] | null, failures: string[]): Promise<PocketStepSession> {
    const runtime = await (this.deps.runtime ?? onnxRuntime)();
    const { session, provider } = await openOnFirstProvider({
      runtime,
      path,
      model: 'Pocket TTS',
      again: 'Download Pocket TTS again.',
      order: only ?? this.providerOrder(runtime),
      options: (p) => sessionOptions(p, this.settings),
      wrap: (raw, p) => new PocketStepSession(runtime, raw, assets.config, inspectStepGraph(raw, assets.config, basename(path)), p, path),
      ...(this.settings.warmUp ? { warmUp } : {}),
      failures,
    });
    if (failures.length && this.fallback === null) this.fallback = `${failures.join('; ')}. Using ${providerLabel(provider)}.`;
    return session;
  }

  private emit(): void {
    this.deps.onStatus?.(this.status());
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    if (this.settings.idleUnloadMs <= 0 || this.inUse > 0 || !this.current) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.inUse === 0) void this.unload();
    }, this.settings.idleUnloadMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** One text step and one frame on empty caches: sets up every kernel the first sentence needs. */
async function warmUp(s: PocketStepSession): Promise<void> {
  const c = s.config;
  const empty = new Float32Array(0);
  const mimiKv = new Float32Array(c.mimiKvLen * mimiRowSize(c));
  const mimiConv = new Float32Array(c.convStateSize);
  const text = await s.step({ gate: 'text', tokens: [1, 2, 3, 4], flowKv: empty, flowRows: 0, mimiKv, mimiOffset: 0, mimiConv, decodeSteps: 1 });
  const rows = text.flowKvNew.length / flowRowSize(c);
  await s.step({ gate: 'latent', latent: new Float32Array(c.latentDim), isBos: true, flowKv: text.flowKvNew, flowRows: rows, mimiKv, mimiOffset: 0, mimiConv, decodeSteps: 1 });
}
