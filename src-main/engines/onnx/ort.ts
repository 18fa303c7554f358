// The slice of onnxruntime-node the ONNX engines (Kokoro, Pocket TTS) use, as an interface, so tests
// can put a failing provider or a spy in front of the real runtime. The runtime itself is imported
// on first use: listing voices or reading settings must not load a native library.
import type { GraphDescription } from './graph-io';

export interface OrtTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSession extends GraphDescription {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  executionProviders: string[];
  intraOpNumThreads: number;
  interOpNumThreads: number;
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode: 'sequential';
  logSeverityLevel: 0 | 1 | 2 | 3 | 4;
}

export interface OrtRuntime {
  createSession(path: string, options: OrtSessionOptions): Promise<OrtSession>;
  tensor(type: string, data: ArrayLike<number | bigint>, dims: readonly number[]): OrtTensor;
  /** Backend names this build supports (`cpu`, `cuda`, `coreml`, `dml`, …). */
  supportedBackends(): string[];
}

interface OrtModule {
  InferenceSession: { create(path: string, options: object): Promise<OrtSession> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
  listSupportedBackends?: () => { name: string }[];
}

let loaded: Promise<OrtRuntime> | null = null;

export function onnxRuntime(): Promise<OrtRuntime> {
  loaded ??= import('onnxruntime-node').then((m) => {
    // A CommonJS package: named exports may sit on the namespace or on its default export.
    const mod = ((m as { default?: OrtModule }).default ?? m) as unknown as OrtModule;
    return {
      createSession: (path, options) => mod.InferenceSession.create(path, options),
      tensor: (type, data, dims) => new mod.Tensor(type, data, dims),
      supportedBackends: () => mod.listSupportedBackends?.().map((b) => b.name) ?? ['cpu'],
    };
  });
  return loaded;
}
