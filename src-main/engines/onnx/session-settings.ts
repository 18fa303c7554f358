// The settings every ONNX engine's session host takes (providers, threads, optimization, warm-up,
// idle unload; Settings and the quality modes set them) and the onnxruntime session options they
// become. Defined once so Kokoro and Pocket TTS cannot drift apart on a default, such as setting
// the thread count explicitly (the runtime's own default can be 1).
import type { OrtSessionOptions } from './ort';
import { defaultIntraOpThreads } from './providers';

export interface SessionSettings {
  /** Providers to try in order (CPU is always tried last); default: the platform's preference. */
  providers?: readonly string[];
  /** Default: the number of physical cores. Set explicitly: the runtime's own default can be 1. */
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: OrtSessionOptions['graphOptimizationLevel'];
  /** One short run at load, so the first sentence does not pay for kernel set-up. Default true. */
  warmUp?: boolean;
  /** Release the session after this long unused; 0 keeps it forever. Default 10 minutes. */
  idleUnloadMs?: number;
}

/** Settings with every default filled in; `providers` null means the platform's preference. */
export type ResolvedSessionSettings = Required<Omit<SessionSettings, 'providers'>> & { providers: readonly string[] | null };

export function resolveSessionSettings(settings: SessionSettings = {}): ResolvedSessionSettings {
  return {
    providers: settings.providers ?? null,
    intraOpNumThreads: Math.max(1, Math.floor(settings.intraOpNumThreads ?? defaultIntraOpThreads())),
    interOpNumThreads: Math.max(1, Math.floor(settings.interOpNumThreads ?? 1)),
    graphOptimizationLevel: settings.graphOptimizationLevel ?? 'all',
    warmUp: settings.warmUp ?? true,
    idleUnloadMs: settings.idleUnloadMs ?? 10 * 60_000,
  };
}

/** Options for a session on `provider` alone: a fall-back opens a new session on the next one. */
export function sessionOptions(provider: string, settings: ResolvedSessionSettings): OrtSessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: settings.intraOpNumThreads,
    interOpNumThreads: settings.interOpNumThreads,
    graphOptimizationLevel: settings.graphOptimizationLevel,
    executionMode: 'sequential',
    // Provider probes that fail are expected; their native error logs would only alarm users.
    logSeverityLevel: 3,
  };
}
