// POST /v1/audio/speech: OpenAI's speech call over the studio's own path. The text goes to the core
// as a `render.start` through the contract, like a line played in the studio (voice resolution,
// pronunciations, the audio cache, the engine workers), and its render.chunk events are encoded
// and sent as they come: raw audio in chunked transfer, or OpenAI's `speech.audio.delta` events
// when stream_format is "sse". A client that hangs up cancels the synthesis.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EventPayload } from '../../contract/calls';
import { dispatch, type CallContext, type Handlers } from '../../contract/dispatch';
import type { RpcError } from '../../contract/errors';
import { createStreamEncoder, STREAM_CONTENT_TYPE } from '../../audio/export/stream-encode';
import { securityHeaders } from '../static';
import { ApiError, badRequest } from './errors';
import { PcmQueue } from './pcm-queue';
import { engineSpeed, type SpeechRequest } from './request';

/** Audio is encoded and sent in blocks of this many samples (a quarter second). */
const BLOCK = 6000;

export interface SpeechDeps {
  handlers: Handlers;
  /** A connection id for the core (its streams are scoped and cancelled by it). */
  origin: string;
  /** The request's key: its turn among the keys in the core's engine scheduler. */
  keyId: string;
  /** performance.now() when the request arrived, for its Server-Timing. */
  receivedAt: number;
}

/** Refuses a voice id the model's engine does not speak (the OpenAI aliases take any voice). */
function checkVoiceEngine(r: SpeechRequest): void {
  if (r.model !== r.engine) return;
  const engine = r.voiceId.slice(0, r.voiceId.indexOf(':'));
  if (engine !== r.engine) throw badRequest(`The voice "${r.voiceId}" is a ${engine} voice; model "${r.model}" speaks ${r.engine} voices only. Use tts-1 to take any voice.`, 'voice');
}

function startError(e: RpcError, r: SpeechRequest): ApiError {
  if (e.code === 'not_found') return new ApiError(400, `${e.message} See GET /v1/audio/voices for the voices.`, 'invalid_request_error', 'voice_not_found', 'voice');
  if (e.code === 'unsupported') return new ApiError(400, e.message, 'invalid_request_error', 'voice_unavailable', 'voice');
  if (e.code === 'invalid_args') return badRequest(e.message, 'input');
  return new ApiError(500, `Speech failed for voice "${r.voiceId}": ${e.message}`, 'server_error', e.code);
}

export async function speak(r: SpeechRequest, res: ServerResponse, deps: SpeechDeps): Promise<void> {
  checkVoiceEngine(r);
  const gone = new AbortController();
  // A client that hangs up while its request waits for an engine leaves the scheduler's queue too.
  res.on('close', () => gone.abort());
  await run(r, res, deps, gone.signal);
}

async function run(r: SpeechRequest, res: ServerResponse, deps: SpeechDeps, gone: AbortSignal): Promise<void> {
  const streamId = randomBytes(12).toString('base64url');
  const queue = new PcmQueue();
  let engineMs: number | null = null;
  const ctx: CallContext = {
    origin: deps.origin,
    apiKeyId: deps.keyId,
    emit(name, payload) {
      if (name === 'render.chunk' && (payload as { streamId: string }).streamId === streamId) {
        const chunk = payload as EventPayload<'render.chunk'>;
        engineMs ??= chunk.engineFirstChunkMs ?? null;
        queue.push(chunk.pcm);
      } else if (name === 'render.end' && (payload as { streamId: string }).streamId === streamId) queue.end(payload as Parameters<PcmQueue['end']>[0]);
    },
  };
  const started = await dispatch(deps.handlers, 'render.start', { streamId, text: r.input, voiceId: r.voiceId, params: { speed: engineSpeed(r.speed), pitch: 50 } }, ctx);
  if (!started.ok) throw startError(started.error, r);
  const cancel = () => void dispatch(deps.handlers, 'render.cancel', { streamId }, ctx);
  gone.addEventListener('abort', cancel, { once: true });

  // The encoder starts while the engine works on the first chunk (an MP3 or AAC encoder takes a
  // moment to set up); whatever it writes before the status line is held until then.
  const held: Uint8Array[] = [];
  let open = false;
  const out = r.sse ? (bytes: Uint8Array) => res.write(sseEvent({ type: 'speech.audio.delta', audio: Buffer.from(bytes).toString('base64') })) : (bytes: Uint8Array) => res.write(bytes);
  const encoding = createStreamEncoder(r.format, (bytes) => (open ? out(bytes) : held.push(bytes)));
  encoding.catch(() => {});

  // The status line waits for the first audio (or the failure), so a voice that cannot speak is an
  // error status, not a 200 with an empty body.
  await queue.ready();
  const encoder = await encoding;
  const early = queue.result;
  if (gone.aborted || (early && early.status === 'failed' && early.samples === 0)) {
    encoder.dispose();
    if (gone.aborted) return;
    throw startError({ code: early!.error?.code === 'not_found' ? 'not_found' : 'engine', message: early!.error?.message ?? 'synthesis failed' } as RpcError, r);
  }

  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': r.sse ? 'text/event-stream' : STREAM_CONTENT_TYPE[r.format],
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    'Server-Timing': serverTiming(engineMs, performance.now() - deps.receivedAt),
  });
  // No flushHeaders(): Node sends the status line with the first audio bytes, written just below, so
  // the client gets both in one packet and one wake-up instead of two (which, on a busy machine,
  // each cost a scheduling delay).
  open = true;
  for (const bytes of held.splice(0)) out(bytes);
  let finished = false;
  try {
    for await (const pcm of queue) {
      for (let at = 0; at < pcm.length; at += BLOCK) {
        if (gone.aborted) return;
        await encoder.write(pcm.subarray(at, at + BLOCK));
        // Node sends a response's writes when the event loop turns; without this a chunk the cache
        // had whole (or a fast engine's run of chunks) was encoded to the end before any of it left.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    const end = queue.result;
    if (end?.status !== 'done') {
      // Audio has gone out with a 200; cutting the connection is how a client learns the rest failed.
      res.destroy();
      return;
    }
    await encoder.finish();
    finished = true;
    if (r.sse) res.write(sseEvent({ type: 'speech.audio.done', usage: { input_tokens: r.input.length, output_tokens: 0, total_tokens: r.input.length } }));
    res.end();
  } finally {
    if (!finished) encoder.dispose();
  }
}

/**
 * What the first audio waited for, in the standard Server-Timing header: the engine's (or the
 * cache's) own time to its first chunk, and the server's from the request to its first audio. A
 * client's time to first byte less `engine` is what the API adds; the benchmark reports it.
 */
function serverTiming(engineMs: number | null, serverMs: number): string {
  const engine = engineMs === null ? '' : `engine;desc="engine to first chunk";dur=${engineMs.toFixed(2)}, `;
  return `${engine}server;desc="request to first audio";dur=${serverMs.toFixed(2)}`;
}

function sseEvent(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
