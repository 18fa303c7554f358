// The messages between the main thread and an engine worker. Every request carries an id that its
// replies echo, so one worker can serve several requests at once and late replies to cancelled
// requests are recognised and dropped. PCM travels as transferred ArrayBuffers (no copy).
import { KoeError, type ErrorCode } from '../../contract/errors';
import type { EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { abortError } from '../../lib/abort';

export type ToWorker =
  | { type: 'load'; id: number; engine: string }
  | { type: 'voices'; id: number; engine: string }
  | { type: 'synthesize'; id: number; engine: string; req: SynthesisRequest }
  /** Aborts the synthesis whose request id is `id`; it answers with an AbortError. */
  | { type: 'cancel'; id: number };

export interface EngineDescription {
  name: string;
  capabilities: EngineCapabilities;
  modelVersion: string;
}

export type FromWorker =
  | { type: 'loaded'; id: number; engine: EngineDescription }
  | { type: 'voices'; id: number; voices: EngineVoice[] }
  | { type: 'chunk'; id: number; pcm: Float32Array }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; error: WireError };

/** Errors are sent as plain data: structured clone would drop KoeError's class and code. */
export interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: Record<string, string>;
}

export function toWireError(e: unknown): WireError {
  if (e instanceof KoeError) return { name: e.name, message: e.message, code: e.code, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function fromWireError(w: WireError): Error {
  if (w.code) return new KoeError(w.code, w.message, w.details);
  if (w.name === 'AbortError') return abortError();
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
