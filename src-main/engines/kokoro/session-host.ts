// Owns the Kokoro ONNX session's life: loaded on first use, warmed up with one short run, kept
// while in use, released after a configurable idle time. Chooses the execution provider — the
// platform's accelerator first, CPU last — and falls back to CPU when a provider fails to load or
// to run, remembering why once so the app can say so once. A model that fails its checks never
// replaces a working one: the previous session keeps serving.
//
// It lives in the engine worker: ONNX Runtime's Node binding runs inference synchronously on the
// calling thread, so on the main thread one sentence would freeze IPC and the server for its whole
// duration.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { KoeError } from '../../contract/errors';
import { onnxRuntime, type OrtRuntime } from '../onnx/ort';
import { firstLine, openOnFirstProvider, providerLabel } from '../onnx/provider-open';
import { providerOrder } from '../onnx/providers';
import { resolveSessionSettings, sessionOptions, type ResolvedSessionSettings, type SessionSettings } from '../onnx/session-settings';
import { inspectKokoroGraph, type KokoroGraphIo } from './graph-io';
import { KokoroSession } from './kokoro-session';
import { STYLE_DIM } from './voice-pack';

export type { SessionSettings };

export interface SessionStatus {
  state: 'unloaded' | 'loading' | 'ready';
  modelPath: string | null;
  /** The provider the loaded session runs on (`cpu`, `cuda`, `coreml`, `dml`). */
  provider: string | null;
  /** Why a preferred provider is not in use. Set the first time it happens, then left alone. */
  fallbackReason: string | null;
  threads: number;
  loadMs: number | null;
  io: KokoroGraphIo | null;
}

export interface SessionHostDeps {
  runtime?: () => Promise<OrtRuntime>;
  /** Called after every status change (load, unload, fall back); the worker forwards it. */
  onStatus?: (status: SessionStatus) => void;
}

/** A short, plausible phoneme sequence (`həlˈO wˈɜɹld`): enough to set up every kernel. */
const WARM_UP_IDS = [50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46];

export class SessionHost {
  private current: KokoroSession | null = null;
  private loading: Promise<KokoroSession> | null = null;
  private fallback: string | null = null;
  private loadMs: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private inUse = 0;
  /** Sessions replaced while a run may still be using them; released once nothing runs. */
  private retired: KokoroSession[] = [];
  private readonly settings: ResolvedSessionSettings;

  /**
   * @param model the model file to load, asked at each load (a download may appear later);
   *   null means not installed
   */
  constructor(
    private model: () => string | null,
    settings: SessionSettings = {},
    private readonly deps: SessionHostDeps = {},
  ) {
    this.settings = resolveSessionSettings(settings);
  }

  status(): SessionStatus {
    return {
      state: this.current ? 'ready' : this.loading ? 'loading' : 'unloaded',
      modelPath: this.current?.modelPath ?? null,
      provider: this.current?.provider ?? null,
      fallbackReason: this.fallback,
      threads: this.settings.intraOpNumThreads,
      loadMs: this.loadMs,
      io: this.current?.io ?? null,
    };
  }

  /** The warm session, loading it first if needed. */
  async session(): Promise<KokoroSession> {
    if (this.current) return this.current;
    if (!this.loading) {
      const path = this.model();
      if (!path || !existsSync(path)) {
        throw new KoeError('not_found', 'The Kokoro model is not installed. Download the Kokoro model in Models.');
      }
      this.loading = this.open(path).finally(() => {
        this.loading = null;
      });
      this.emit();
    }
    const s = await this.loading;
    // A switchModel() that finished meanwhile wins; the lazily loaded session is then surplus.
    if (this.current && this.current !== s) this.retire(s);
    else this.current = s;
    this.emit();
    return this.current;
  }

  /**
   * Runs one chunk. A run that fails on an accelerator is retried on CPU (and CPU stays in use);
   * a failure on CPU is the model's or the input's and is reported as it is.
   */
  async run(ids: readonly number[], style: Float32Array, speed: number): Promise<Float32Array> {
    this.inUse++;
    this.stopIdleTimer();
    try {
      const s = await this.session();
      try {
        return await s.run(ids, style, speed);
      } catch (e) {
        if (e instanceof KoeError) throw e; // our own checks on the input, not a runtime failure
        if (s.provider === 'cpu') throw new KoeError('engine', `Kokoro could not synthesize this chunk: ${firstLine(e)}`);
        const cpu = await this.open(s.modelPath, ['cpu'], `${providerLabel(s.provider)} failed while speaking (${firstLine(e)})`);
        // Switched to another model meanwhile: the CPU session only serves this one chunk.
        this.retire(this.current === s ? s : cpu);
        if (this.current === s) this.current = cpu;
        this.emit();
        return await cpu.run(ids, style, speed);
      }
    } finally {
      this.inUse--;
      if (this.inUse === 0) await this.releaseRetired();
      this.startIdleTimer();
    }
  }

  /**
   * Loads `path` now, replacing the current session only when the new one passes every check;
   * on failure the error is thrown and the previous session keeps serving.
   */
  async switchModel(path: string): Promise<KokoroGraphIo> {
    if (!existsSync(path)) throw new KoeError('not_found', `There is no model file at ${path}.`);
    await this.loading?.catch(() => {});
    const next = await this.open(path);
    const old = this.current;
    this.current = next;
    this.model = () => path;
    if (old && old !== next) this.retire(old);
    if (this.inUse === 0) await this.releaseRetired();
    this.emit();
    this.startIdleTimer();
    return next.io;
  }

  async unload(): Promise<void> {
    this.stopIdleTimer();
    const s = this.current;
    this.current = null;
    await s?.release();
    await this.releaseRetired();
    if (s) this.emit();
  }

  async dispose(): Promise<void> {
    await this.loading?.catch(() => {});
    await this.unload();
  }

  private providerOrder(runtime: OrtRuntime): string[] {
    return providerOrder(runtime.supportedBackends(), this.settings.providers ?? undefined);
  }

  /**
   * Tries each provider in turn. A failure on an accelerator moves on to the next one; the CPU
   * attempt decides whether the model itself is usable, so a broken file is reported as broken
   * rather than as a provider problem.
   */
  private async open(path: string, only?: string[], reasonIfFallback?: string): Promise<KokoroSession> {
    const started = performance.now();
    const runtime = await (this.deps.runtime ?? onnxRuntime)();
    const order = only ?? this.providerOrder(runtime);
    const failures: string[] = reasonIfFallback ? [reasonIfFallback] : [];
    const { session, provider } = await openOnFirstProvider({
      runtime,
      path,
      model: 'Kokoro',
      again: 'Download or import it again.',
      order,
      options: (p) => sessionOptions(p, this.settings),
      wrap: (raw, p) => new KokoroSession(runtime, raw, inspectKokoroGraph(raw, basename(path)), p, path),
      ...(this.settings.warmUp ? { warmUp: (s: KokoroSession) => s.run(WARM_UP_IDS, new Float32Array(STYLE_DIM), 1).then(() => {}) } : {}),
      failures,
    });
    if (failures.length && this.fallback === null) this.fallback = `${failures.join('; ')}. Using ${providerLabel(provider)}.`;
    this.loadMs = performance.now() - started;
    return session;
  }

  /**
   * Releasing a session another request is about to run on would crash the native runtime, so a
   * replaced session waits until no run is in progress.
   */
  private retire(s: KokoroSession): void {
    this.retired.push(s);
  }

  private async releaseRetired(): Promise<void> {
    const all = this.retired.splice(0);
    await Promise.all(all.map((s) => s.release()));
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
    // An idle timer must not keep a CLI run or a test process alive.
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
