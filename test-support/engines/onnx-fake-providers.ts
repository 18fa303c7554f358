// The real ONNX Runtime behind a façade that adds pretend execution providers which fail in the
// ways real ones do — at load, at the warm-up run, or later while speaking — and records the
// session options it was given. Sessions that "succeed" on a pretend provider run on CPU.
import { onnxRuntime, type OrtRuntime, type OrtSession, type OrtSessionOptions } from '../../src-main/engines/onnx/ort';

export type ProviderFault = 'load-fails' | 'warm-up-fails' | 'fails-after-warm-up' | 'works';

export interface FakeRuntime extends OrtRuntime {
  created: OrtSessionOptions[];
  runs: { provider: string; feeds: Record<string, { type: string; data: unknown; dims: readonly number[] }> }[];
}

export interface FakeRuntimeOptions {
  faults?: Record<string, ProviderFault>;
  /** Hide input/output types, as a runtime without metadata support would. */
  hideMetadata?: boolean;
  /** Awaited before each run (`n` counts runs across sessions, warm-ups included): holds a run in flight. */
  beforeRun?: (n: number) => Promise<void>;
}

export async function fakeRuntime(opts: FakeRuntimeOptions = {}): Promise<FakeRuntime> {
  const real = await onnxRuntime();
  const faults = opts.faults ?? {};
  const created: OrtSessionOptions[] = [];
  const runs: FakeRuntime['runs'] = [];
  return {
    created,
    runs,
    supportedBackends: () => [...real.supportedBackends(), ...Object.keys(faults)],
    tensor: real.tensor,
    async createSession(path, options) {
      created.push(options);
      const provider = options.executionProviders[0]!;
      const fault = faults[provider];
      if (fault === 'load-fails') throw new Error(`${provider}: device lost\nnative stack line`);
      const s = await real.createSession(path, { ...options, executionProviders: fault ? ['cpu'] : options.executionProviders });
      let count = 0;
      const before = opts.beforeRun;
      const session: OrtSession = {
        inputNames: s.inputNames,
        outputNames: s.outputNames,
        ...(opts.hideMetadata ? {} : { inputMetadata: s.inputMetadata, outputMetadata: s.outputMetadata }),
        async run(feeds) {
          count++;
          runs.push({ provider, feeds });
          if (before) await before(runs.length);
          if (fault === 'warm-up-fails' || (fault === 'fails-after-warm-up' && count > 1)) throw new Error(`${provider}: kernel launch failed`);
          return s.run(feeds);
        },
        release: () => s.release(),
      };
      return session;
    },
  };
}
