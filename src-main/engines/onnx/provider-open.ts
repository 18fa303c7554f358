// Opening a model on the first execution provider that can load it and run it, shared by every ONNX
// engine's session host (Kokoro, Pocket TTS) so they fall back, and word their failures, alike.
// Each provider is tried in order; a provider that cannot load the graph or fails its warm-up run is
// noted and the next is tried, CPU last; a failure on CPU is the model's own fault and is reported
// as such.
import { basename } from 'node:path';
import { KoeError } from '../../contract/errors';
import type { OrtRuntime, OrtSession, OrtSessionOptions } from './ort';

const PROVIDER_NAMES: Record<string, string> = { cpu: 'CPU', cuda: 'CUDA', coreml: 'CoreML', dml: 'DirectML' };
export const providerLabel = (p: string): string => PROVIDER_NAMES[p] ?? p;

export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  // Native messages carry ANSI colours and log prefixes after the first line.
  return (text.split('\n')[0] ?? text).replace(/\u001b\[[0-9;]*m/g, '').trim();
}

/** A load failure in words: a file that is not ONNX at all, or a model the runtime refused. */
export function loadError(path: string, e: unknown, model: string, again: string): KoeError {
  if (e instanceof KoeError) return e;
  const why = firstLine(e);
  const name = basename(path);
  if (/protobuf|parse|invalid model|ModelProto/i.test(why)) {
    return new KoeError('invalid_args', `${name} is not an ONNX model (the download may be incomplete, or the file is something else). ${again} (${why})`);
  }
  return new KoeError('engine', `The ${model} model ${name} could not be loaded: ${why}`);
}

export interface ProviderOpen<S extends { release(): Promise<void> }> {
  runtime: OrtRuntime;
  path: string;
  /** The engine's name in messages ("Kokoro", "Pocket TTS"). */
  model: string;
  /** What to tell the user to do about a file that is not ONNX. */
  again: string;
  order: readonly string[];
  options(provider: string): OrtSessionOptions;
  /** Checks the graph and wraps it; a throw here is the file's fault (no other provider is tried). */
  wrap(raw: OrtSession, provider: string): S;
  /** A first run that sets up every kernel; absent: none. */
  warmUp?(session: S): Promise<void>;
  /** Why each earlier provider was passed over; the caller reports them once. Appended to. */
  failures: string[];
}

export async function openOnFirstProvider<S extends { release(): Promise<void> }>(o: ProviderOpen<S>): Promise<{ session: S; provider: string }> {
  for (const provider of o.order) {
    let raw: OrtSession;
    try {
      raw = await o.runtime.createSession(o.path, o.options(provider));
    } catch (e) {
      if (provider === 'cpu') throw loadError(o.path, e, o.model, o.again);
      o.failures.push(`${providerLabel(provider)} could not load the model (${firstLine(e)})`);
      continue;
    }
    let session: S;
    try {
      session = o.wrap(raw, provider);
    } catch (e) {
      await raw.release().catch(() => {});
      throw e;
    }
    if (o.warmUp) {
      try {
        await o.warmUp(session);
      } catch (e) {
        await session.release();
        if (provider === 'cpu') throw new KoeError('engine', `The ${o.model} model ${basename(o.path)} loads but fails to run: ${firstLine(e)}`);
        o.failures.push(`${providerLabel(provider)} failed its first run (${firstLine(e)})`);
        continue;
      }
    }
    return { session, provider };
  }
  throw new KoeError('engine', `No execution provider could run the ${o.model} model.`);
}
