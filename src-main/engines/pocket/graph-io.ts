// Checks that a loaded graph is the Pocket TTS step graph (or its voice encoder) and agrees with the
// config it came with, before the first sentence: ENGINES.md marks the real graph's I/O as read from
// the exporter's source, not from a file we could open, so every name and every declared width is
// compared here and a mismatch is refused with what differs. Optional inputs (`decode_steps`, and
// `lora` in files with the Hebrew/IPA adapter) are fed only when the graph has them.
import { KoeError } from '../../contract/errors';
import type { GraphDescription, ValueMeta } from '../onnx/graph-io';
import { type PocketConfig } from './config';

export const STEP_INPUTS = ['tokens', 'latent', 'is_bos', 'cond', 'gates', 'noise', 'flow_kv', 'flow_offset', 'mimi_kv', 'mimi_offset', 'mimi_conv'] as const;
export const STEP_OUTPUTS = ['audio', 'next_latent', 'eos_logit', 'flow_kv_new', 'mimi_kv_new', 'mimi_offset_out', 'mimi_conv_out'] as const;

export interface StepGraphIo {
  hasDecodeSteps: boolean;
  hasLora: boolean;
}

function describe(g: GraphDescription): string {
  return `Its inputs are ${g.inputNames.join(', ') || '(none)'} and its outputs ${g.outputNames.join(', ') || '(none)'}.`;
}

function expectShape(label: string, meta: readonly ValueMeta[] | undefined, name: string, expected: (number | null)[], g: GraphDescription): void {
  const m = meta?.find((v) => v.name === name);
  if (!m?.shape) return;
  if (m.shape.length !== expected.length) throw new KoeError('invalid_args', `${label}: ${name} has ${m.shape.length} dimensions, expected ${expected.length}. ${describe(g)}`);
  m.shape.forEach((d, i) => {
    const want = expected[i];
    if (typeof d === 'number' && want !== null && want !== undefined && d !== want) {
      throw new KoeError('invalid_args', `${label}: ${name} dimension ${i} is ${d}, but its config says ${want}; the graph and assets.json are from different exports. Download the set again.`);
    }
  });
}

function expectType(label: string, meta: readonly ValueMeta[] | undefined, name: string, type: string): void {
  const m = meta?.find((v) => v.name === name);
  if (m?.type && m.type !== type) throw new KoeError('invalid_args', `${label}: ${name} is ${m.type}, expected ${type}.`);
}

export function inspectStepGraph(g: GraphDescription, c: PocketConfig, label: string): StepGraphIo {
  const missingIn = STEP_INPUTS.filter((n) => !g.inputNames.includes(n));
  const missingOut = STEP_OUTPUTS.filter((n) => !g.outputNames.includes(n));
  if (missingIn.length || missingOut.length) {
    throw new KoeError('invalid_args', `${label} is not a Pocket TTS step graph: it lacks ${[...missingIn, ...missingOut].join(', ')}. ${describe(g)}`);
  }
  const extra = g.inputNames.filter((n) => !(STEP_INPUTS as readonly string[]).includes(n) && n !== 'decode_steps' && n !== 'lora');
  if (extra.length) throw new KoeError('invalid_args', `${label} needs inputs Koe does not know (${extra.join(', ')}); it is a newer or different export. ${describe(g)}`);
  const ins = g.inputMetadata;
  for (const n of ['tokens', 'flow_offset', 'mimi_offset']) expectType(label, ins, n, 'int64');
  for (const n of ['latent', 'is_bos', 'cond', 'gates', 'noise', 'flow_kv', 'mimi_kv', 'mimi_conv']) expectType(label, ins, n, 'float32');
  expectShape(label, ins, 'latent', [1, null, c.latentDim], g);
  expectShape(label, ins, 'cond', [1, null, c.modelDim], g);
  expectShape(label, ins, 'gates', [3], g);
  expectShape(label, ins, 'noise', [1, c.latentDim], g);
  expectShape(label, ins, 'flow_kv', [null, c.flowLayers, 2, 1, c.flowHeads, c.flowHeadDim], g);
  expectShape(label, ins, 'mimi_kv', [c.mimiKvLen, c.mimiLayers, 2, 1, c.mimiHeads, c.mimiHeadDim], g);
  expectShape(label, ins, 'mimi_conv', [c.convStateSize], g);
  expectShape(label, g.outputMetadata, 'audio', [1, 1, c.frameSize], g);
  return { hasDecodeSteps: g.inputNames.includes('decode_steps'), hasLora: g.inputNames.includes('lora') };
}

export function inspectEncoderGraph(g: GraphDescription, c: PocketConfig, label: string): void {
  if (!g.inputNames.includes('audio') || !g.outputNames.includes('cond')) {
    throw new KoeError('invalid_args', `${label} is not a Pocket TTS voice encoder (it should take audio and return cond). ${describe(g)}`);
  }
  expectType(label, g.inputMetadata, 'audio', 'float32');
  expectShape(label, g.inputMetadata, 'audio', [1, 1, null], g);
  expectShape(label, g.outputMetadata, 'cond', [1, null, c.modelDim], g);
}
