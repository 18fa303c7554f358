// One loaded Pocket TTS step graph and the way to feed it (ENGINES.md 2.4): the three gated inputs
// share one sequence length, so the unused two are sent as zeros of that length; caches go in as
// views of the caller's buffers (no copy) and come back as fresh arrays. Knows nothing about
// providers, lifetimes or the generation loop.
import { KoeError } from '../../contract/errors';
import { flowKvDims, mimiKvDims, type PocketConfig } from './config';
import type { StepGraphIo } from './graph-io';
import type { OrtRuntime, OrtSession, OrtTensor } from '../onnx/ort';

export type Gate = 'text' | 'latent' | 'cond';

export interface StepInput {
  gate: Gate;
  /** Text gate: the chunk's token ids. */
  tokens?: readonly number[];
  /** Latent gate: the previous frame's latent (zeros with isBos on the first frame). */
  latent?: Float32Array;
  isBos?: boolean;
  /** Cond gate: voice conditioning rows, row-major [rows, model_dim]. */
  cond?: Float32Array;
  condRows?: number;
  /** Sampler start noise; zeros when absent (text and voice steps). */
  noise?: Float32Array | null;
  /** The flow cache so far: `flowRows` rows, as a view starting at the cache's first row. */
  flowKv: Float32Array;
  flowRows: number;
  mimiKv: Float32Array;
  mimiOffset: number;
  mimiConv: Float32Array;
  decodeSteps: number;
  lora?: number;
}

export interface StepOutput {
  audio: Float32Array;
  nextLatent: Float32Array;
  eosLogit: number;
  /** One new flow-cache row per input position. */
  flowKvNew: Float32Array;
  mimiKvNew: Float32Array;
  mimiOffset: number;
  mimiConv: Float32Array;
}

const GATES: Record<Gate, [number, number, number]> = { text: [1, 0, 0], latent: [0, 1, 0], cond: [0, 0, 1] };

function floats(out: Record<string, OrtTensor>, name: string): Float32Array {
  const t = out[name];
  if (!t || !(t.data instanceof Float32Array)) throw new KoeError('engine', `The Pocket TTS step graph returned no float32 ${name}.`);
  return t.data;
}

function int64(out: Record<string, OrtTensor>, name: string): number {
  const t = out[name];
  const v = t?.data instanceof BigInt64Array ? t.data[0] : undefined;
  if (v === undefined) throw new KoeError('engine', `The Pocket TTS step graph returned no int64 ${name}.`);
  return Number(v);
}

export class PocketStepSession {
  constructor(
    private readonly ort: OrtRuntime,
    private readonly session: OrtSession,
    readonly config: PocketConfig,
    readonly io: StepGraphIo,
    readonly provider: string,
    readonly modelPath: string,
  ) {}

  async step(input: StepInput): Promise<StepOutput> {
    const c = this.config;
    const seq = input.gate === 'text' ? input.tokens?.length ?? 0 : input.gate === 'cond' ? input.condRows ?? 0 : 1;
    if (seq <= 0) throw new KoeError('invalid_args', `A Pocket TTS ${input.gate} step needs at least one row.`);
    const t = (type: string, data: ArrayLike<number | bigint>, dims: readonly number[]) => this.ort.tensor(type, data, dims);
    const tokens = new BigInt64Array(seq);
    if (input.gate === 'text') input.tokens!.forEach((id, i) => (tokens[i] = BigInt(id)));
    const latent = new Float32Array(seq * c.latentDim);
    if (input.gate === 'latent' && input.latent) latent.set(input.latent.subarray(0, c.latentDim));
    const isBos = new Float32Array(seq);
    if (input.gate === 'latent' && input.isBos) isBos[0] = 1;
    let cond: Float32Array;
    if (input.gate === 'cond') {
      if (!input.cond || input.cond.length !== seq * c.modelDim) throw new KoeError('invalid_args', `Voice conditioning must be ${seq} × ${c.modelDim} values.`);
      cond = input.cond;
    } else cond = new Float32Array(seq * c.modelDim);
    const feeds: Record<string, OrtTensor> = {
      tokens: t('int64', tokens, [1, seq]),
      latent: t('float32', latent, [1, seq, c.latentDim]),
      is_bos: t('float32', isBos, [1, seq, 1]),
      cond: t('float32', cond, [1, seq, c.modelDim]),
      gates: t('float32', Float32Array.from(GATES[input.gate]), [3]),
      noise: t('float32', input.noise ?? new Float32Array(c.latentDim), [1, c.latentDim]),
      flow_kv: t('float32', input.flowKv, flowKvDims(c, input.flowRows)),
      flow_offset: t('int64', BigInt64Array.of(BigInt(input.flowRows)), []),
      mimi_kv: t('float32', input.mimiKv, mimiKvDims(c, c.mimiKvLen)),
      mimi_offset: t('int64', BigInt64Array.of(BigInt(input.mimiOffset)), []),
      mimi_conv: t('float32', input.mimiConv, [c.convStateSize]),
    };
    if (this.io.hasDecodeSteps) feeds.decode_steps = t('float32', Float32Array.of(input.decodeSteps), []);
    if (this.io.hasLora) feeds.lora = t('float32', Float32Array.of(input.lora ?? 0), []);
    const out = await this.session.run(feeds);
    const audio = floats(out, 'audio');
    if (audio.length !== c.frameSize) throw new KoeError('engine', `The Pocket TTS step graph returned ${audio.length} samples, expected a ${c.frameSize}-sample frame.`);
    return {
      audio,
      nextLatent: floats(out, 'next_latent'),
      eosLogit: floats(out, 'eos_logit')[0] ?? -Infinity,
      flowKvNew: floats(out, 'flow_kv_new'),
      mimiKvNew: floats(out, 'mimi_kv_new'),
      mimiOffset: int64(out, 'mimi_offset_out'),
      mimiConv: floats(out, 'mimi_conv_out'),
    };
  }

  async release(): Promise<void> {
    await this.session.release().catch(() => {});
  }
}
