// Live synthesis streams, keyed by the connection and the client's stream id. Each stream pushes chunks to the
// connection that started it and ends with exactly one render.end; cancelling (or the connection
// going away) aborts the engine within one chunk.
import { scopedId, type CallContext } from '../contract/dispatch';
import { toRpcError } from '../contract/errors';
import { SAMPLE_RATE } from '../contract/schemas';
import type { SpeakRequest, SpeechService, SpeakTimings } from './speech-service';

interface LiveStream {
  origin: string;
  controller: AbortController;
}

export class RenderStreams {
  private readonly live = new Map<string, LiveStream>();

  constructor(private readonly speech: SpeechService) {}

  /** Validates synchronously (so a bad voice fails the call itself), then streams in the background. */
  start(streamId: string, req: SpeakRequest, ctx: CallContext): void {
    this.speech.resolveVoice(req.voiceId, req.text);
    this.cancel(streamId, ctx);
    const controller = new AbortController();
    this.live.set(scopedId(ctx, streamId), { origin: ctx.origin, controller });
    void this.run(streamId, req, ctx, controller);
  }

  /** Cancels the stream this connection started under `streamId`; other connections' are not reachable. */
  cancel(streamId: string, ctx: Pick<CallContext, 'origin'>): boolean {
    const s = this.live.get(scopedId(ctx, streamId));
    if (!s) return false;
    s.controller.abort();
    return true;
  }

  cancelAllFor(origin: string): void {
    for (const s of this.live.values()) if (s.origin === origin) s.controller.abort();
  }

  cancelAll(): void {
    for (const s of this.live.values()) s.controller.abort();
  }

  private async run(streamId: string, req: SpeakRequest, ctx: CallContext, controller: AbortController): Promise<void> {
    const timings: SpeakTimings = { firstChunkMs: null };
    let samples = 0;
    let seq = 0;
    try {
      for await (const pcm of this.speech.stream(req, controller.signal, timings)) {
        if (controller.signal.aborted) break;
        samples += pcm.length;
        // The first chunk says what the engine's part of its wait was, so a face can report its own.
        const first = seq === 0 && timings.firstChunkMs !== null ? { engineFirstChunkMs: timings.firstChunkMs } : {};
        ctx.emit('render.chunk', { streamId, seq: seq++, sampleRate: SAMPLE_RATE, pcm, ...first });
      }
      const status = controller.signal.aborted ? 'cancelled' : 'done';
      ctx.emit('render.end', { streamId, status, error: null, samples, engineFirstChunkMs: timings.firstChunkMs });
    } catch (e) {
      const err = toRpcError(e);
      const cancelled = controller.signal.aborted || err.code === 'cancelled';
      ctx.emit('render.end', {
        streamId,
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? null : { code: err.code, message: err.message },
        samples,
        engineFirstChunkMs: timings.firstChunkMs,
      });
    } finally {
      const key = scopedId(ctx, streamId);
      if (this.live.get(key)?.controller === controller) this.live.delete(key);
    }
  }
}
