// The Pocket TTS generation loop (ENGINES.md 2.6), as an async generator of audio frames:
//   voice prefill (once per voice, cached by the caller) → per chunk: flow cache reset to the voice
//   prefix and fresh Mimi state → one text step → frames until the EOS rule says stop.
// The graph is stateless; every cache lives here. The flow cache grows by one row per frame inside
// one preallocated buffer handed to the graph as a view, so a 250-row voice prefix (48 kB a row in
// the real model) is not copied on every frame. The Mimi cache is a fixed window that slides.
// Cancellation is checked before every frame, so a stop lands within one 80 ms frame.
import { abortError } from '../../lib/abort';
import { flowRowSize, mimiRowSize, type PocketConfig } from './config';
import type { StepInput, StepOutput } from './pocket-session';
import type { NoiseSource } from './rng';
import type { TextChunk } from './text-prep';

export interface VoicePrefix {
  /** Flow-cache rows the voice prefill wrote. */
  rows: number;
  kv: Float32Array;
}

export type StepFn = (input: StepInput) => Promise<StepOutput>;

export interface GenerateOptions {
  config: PocketConfig;
  step: StepFn;
  prefix: VoicePrefix;
  noise: NoiseSource;
  signal?: AbortSignal | undefined;
  /** Short fades at each chunk's first and last frame (ms); the Mimi state restarts per chunk. */
  edgeFadeMs?: number;
}

export function decodeSteps(c: PocketConfig): number {
  return Math.max(1, Math.min(c.samplerDecodeSteps, c.maxDecodeSteps));
}

/** Frames the loop may run for a chunk of `tokens` before giving up on an end of speech. */
export function maxFrames(c: PocketConfig, tokens: number): number {
  return Math.ceil((tokens / c.tokensPerSecondEstimate + c.genSecondsPadding) * c.frameRate);
}

/** Frames kept after the EOS frame: the config's, else the prompt's guess (more tail for short ones) + 2. */
export function framesAfterEos(c: PocketConfig, guess: number): number {
  return c.framesAfterEos ?? guess + 2;
}

/** Runs the voice prefill: the voice rows through the cond gate on empty caches. */
export async function prefillVoice(c: PocketConfig, step: StepFn, cond: Float32Array, rows: number): Promise<VoicePrefix> {
  const out = await step({
    gate: 'cond',
    cond,
    condRows: rows,
    flowKv: new Float32Array(0),
    flowRows: 0,
    mimiKv: new Float32Array(c.mimiKvLen * mimiRowSize(c)),
    mimiOffset: 0,
    mimiConv: new Float32Array(c.convStateSize),
    decodeSteps: decodeSteps(c),
  });
  const written = out.flowKvNew.length / flowRowSize(c);
  if (written !== rows) throw new Error(`The voice prefill wrote ${written} cache rows for ${rows} voice rows.`);
  return { rows, kv: out.flowKvNew };
}

/**
 * The voice prefix followed by more cond rows (a context clip, context-prefix.ts): one cond step
 * with the voice's cache as the past, so the voice's own prefill is reused, not redone.
 */
export async function extendPrefix(c: PocketConfig, step: StepFn, prefix: VoicePrefix, cond: Float32Array, rows: number): Promise<VoicePrefix> {
  const row = flowRowSize(c);
  const out = await step({
    gate: 'cond',
    cond,
    condRows: rows,
    flowKv: prefix.kv.subarray(0, prefix.rows * row),
    flowRows: prefix.rows,
    mimiKv: new Float32Array(c.mimiKvLen * mimiRowSize(c)),
    mimiOffset: 0,
    mimiConv: new Float32Array(c.convStateSize),
    decodeSteps: decodeSteps(c),
  });
  const written = out.flowKvNew.length / row;
  if (written !== rows) throw new Error(`The context prefill wrote ${written} cache rows for ${rows} context rows.`);
  const kv = new Float32Array((prefix.rows + rows) * row);
  kv.set(prefix.kv.subarray(0, prefix.rows * row));
  kv.set(out.flowKvNew, prefix.rows * row);
  return { rows: prefix.rows + rows, kv };
}

function fade(frame: Float32Array, samples: number, direction: 'in' | 'out'): void {
  const n = Math.min(samples, frame.length);
  for (let i = 0; i < n; i++) {
    const g = (i + 0.5) / n;
    if (direction === 'in') frame[i]! *= g;
    else frame[frame.length - 1 - i]! *= g;
  }
}

export async function* generateChunk(chunk: TextChunk, o: GenerateOptions): AsyncGenerator<Float32Array> {
  const c = o.config;
  const row = flowRowSize(c);
  const mrow = mimiRowSize(c);
  const limit = maxFrames(c, chunk.ids.length);
  const tail = framesAfterEos(c, chunk.framesAfterEosGuess);
  const capacity = o.prefix.rows + chunk.ids.length + limit;
  const flow = new Float32Array(capacity * row);
  flow.set(o.prefix.kv.subarray(0, o.prefix.rows * row));
  let rows = o.prefix.rows;
  const view = (): Float32Array => new Float32Array(flow.buffer, 0, rows * row);
  const append = (fresh: Float32Array): void => {
    const n = fresh.length / row;
    if (!Number.isInteger(n) || rows + n > capacity) throw new Error('The Pocket TTS flow cache overflowed.');
    flow.set(fresh, rows * row);
    rows += n;
  };
  const mimiKv = new Float32Array(c.mimiKvLen * mrow);
  let mimiOffset = 0;
  let mimiConv: Float32Array = new Float32Array(c.convStateSize);
  const steps = decodeSteps(c);
  const std = Math.sqrt(c.temperature);
  const fadeSamples = Math.round(((o.edgeFadeMs ?? 3) / 1000) * c.sampleRate);

  if (o.signal?.aborted) throw abortError();
  const text = await o.step({ gate: 'text', tokens: chunk.ids, flowKv: view(), flowRows: rows, mimiKv, mimiOffset, mimiConv, decodeSteps: steps });
  append(text.flowKvNew);

  let latent: Float32Array = new Float32Array(c.latentDim);
  let eosFrame: number | null = null;
  for (let frame = 0; frame < limit; frame++) {
    if (o.signal?.aborted) throw abortError();
    if (eosFrame !== null && frame >= eosFrame + tail) break;
    const out = await o.step({
      gate: 'latent',
      latent,
      isBos: frame === 0,
      noise: o.noise.fill(c.latentDim, std),
      flowKv: view(),
      flowRows: rows,
      mimiKv,
      mimiOffset,
      mimiConv,
      decodeSteps: steps,
    });
    if (o.signal?.aborted) throw abortError();
    append(out.flowKvNew);
    // Slide the Mimi window: drop the oldest entries, add this frame's at the end.
    const fresh = Math.min(out.mimiKvNew.length, mimiKv.length);
    mimiKv.copyWithin(0, fresh);
    mimiKv.set(out.mimiKvNew.subarray(out.mimiKvNew.length - fresh), mimiKv.length - fresh);
    mimiOffset = out.mimiOffset;
    mimiConv = out.mimiConv;
    latent = out.nextLatent;
    if (eosFrame === null && out.eosLogit > c.eosThreshold) eosFrame = frame;
    // Reached only with no frames after EOS: the reference does not speak the EOS frame itself.
    if (eosFrame !== null && frame >= eosFrame + tail) break;
    const audio = out.audio;
    if (frame === 0) fade(audio, fadeSamples, 'in');
    const last = frame === limit - 1 || (eosFrame !== null && frame === eosFrame + tail - 1);
    if (last) fade(audio, fadeSamples, 'out');
    yield audio;
  }
}
