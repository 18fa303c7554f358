// The Pocket TTS config (`pocket_tts_config`, in assets.json) as the engine uses it: every tensor
// width, cache size and generation default comes from here, never from constants, because exports
// differ (the French model has 24 flow layers, not 6) and the fixture is scaled down. Missing or
// nonsensical numbers are refused at load with the field's name, instead of surfacing later as a
// shape error deep in ONNX Runtime.
import { KoeError } from '../../contract/errors';

export interface PocketConfig {
  sampleRate: number;
  frameRate: number;
  /** Samples per generated frame (1920 = 80 ms at 24 kHz). */
  frameSize: number;
  latentDim: number;
  modelDim: number;
  flowLayers: number;
  flowHeads: number;
  flowHeadDim: number;
  mimiLayers: number;
  mimiHeads: number;
  mimiHeadDim: number;
  mimiKvLen: number;
  mimiStepsPerLatent: number;
  convStateSize: number;
  samplerDecodeSteps: number;
  maxDecodeSteps: number;
  temperature: number;
  eosThreshold: number;
  maxTokensPerChunk: number;
  padWithSpacesForShortInputs: boolean;
  removeSemicolons: boolean;
  framesAfterEos: number | null;
  tokensPerSecondEstimate: number;
  genSecondsPadding: number;
  language: string;
  quantized: boolean;
  /** Preset voices: name → [rows, model_dim]. */
  voices: Record<string, [number, number]>;
}

/** Floats in one flow-cache row: layers × (key, value) × batch × heads × head_dim. */
export function flowRowSize(c: PocketConfig): number {
  return c.flowLayers * 2 * c.flowHeads * c.flowHeadDim;
}

/** Floats in one Mimi cache entry. */
export function mimiRowSize(c: PocketConfig): number {
  return c.mimiLayers * 2 * c.mimiHeads * c.mimiHeadDim;
}

export function flowKvDims(c: PocketConfig, rows: number): number[] {
  return [rows, c.flowLayers, 2, 1, c.flowHeads, c.flowHeadDim];
}

export function mimiKvDims(c: PocketConfig, rows: number): number[] {
  return [rows, c.mimiLayers, 2, 1, c.mimiHeads, c.mimiHeadDim];
}

type Raw = Record<string, unknown>;

function num(raw: Raw, key: string, opts: { int?: boolean; min?: number; fallback?: number } = {}): number {
  const v = raw[key] ?? opts.fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || (opts.int && !Number.isInteger(v)) || (opts.min !== undefined && v < opts.min)) {
    throw new KoeError('invalid_args', `The Pocket TTS config has no usable ${key} (got ${JSON.stringify(raw[key])}).`);
  }
  return v;
}

function bool(raw: Raw, key: string, fallback: boolean): boolean {
  const v = raw[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function parsePocketConfig(value: unknown): PocketConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new KoeError('invalid_args', 'The Pocket TTS assets have no config object.');
  const raw = value as Raw;
  const int = (key: string, fallback?: number) => num(raw, key, { int: true, min: 1, ...(fallback !== undefined ? { fallback } : {}) });
  const voices: Record<string, [number, number]> = {};
  const rawVoices = raw.voices;
  if (rawVoices && typeof rawVoices === 'object') {
    for (const [name, shape] of Object.entries(rawVoices as Raw)) {
      if (Array.isArray(shape) && shape.length === 2 && shape.every((d) => Number.isInteger(d) && (d as number) > 0)) voices[name] = [shape[0] as number, shape[1] as number];
    }
  }
  const framesAfterEos = raw.frames_after_eos;
  const config: PocketConfig = {
    sampleRate: int('sample_rate', 24_000),
    frameRate: num(raw, 'frame_rate', { min: 0.001, fallback: 12.5 }),
    frameSize: int('frame_size', 1920),
    latentDim: int('latent_dim', 32),
    modelDim: int('model_dim'),
    flowLayers: int('flow_layers'),
    flowHeads: int('flow_heads'),
    flowHeadDim: int('flow_head_dim'),
    mimiLayers: int('mimi_layers'),
    mimiHeads: int('mimi_heads'),
    mimiHeadDim: int('mimi_head_dim'),
    mimiKvLen: int('mimi_kv_len'),
    mimiStepsPerLatent: int('mimi_steps_per_latent'),
    convStateSize: int('conv_state_size'),
    samplerDecodeSteps: int('sampler_decode_steps', 1),
    maxDecodeSteps: int('max_decode_steps', 1),
    temperature: num(raw, 'temperature', { min: 0, fallback: 0.7 }),
    eosThreshold: num(raw, 'eos_threshold', { fallback: -4 }),
    maxTokensPerChunk: int('max_tokens_per_chunk', 50),
    padWithSpacesForShortInputs: bool(raw, 'pad_with_spaces_for_short_inputs', false),
    removeSemicolons: bool(raw, 'remove_semicolons', false),
    framesAfterEos: typeof framesAfterEos === 'number' && Number.isInteger(framesAfterEos) && framesAfterEos >= 0 ? framesAfterEos : null,
    tokensPerSecondEstimate: num(raw, 'tokens_per_second_estimate', { min: 0.1, fallback: 3 }),
    genSecondsPadding: num(raw, 'gen_seconds_padding', { min: 0, fallback: 2 }),
    language: typeof raw.language === 'string' ? raw.language : 'unknown',
    quantized: bool(raw, 'quantized', false),
    voices,
  };
  if (Math.abs(config.frameSize - config.sampleRate / config.frameRate) > 1) {
    throw new KoeError('invalid_args', `The Pocket TTS config is inconsistent: frame_size ${config.frameSize} is not sample_rate / frame_rate.`);
  }
  return config;
}
