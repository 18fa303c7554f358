// Streamed playback in Web Audio. Each `render.chunk` becomes an AudioBufferSourceNode scheduled
// back to back on one AudioContext (timeline.ts does the time math), so a line starts playing while
// the engine is still speaking its later sentences. A session is a list of items played in order;
// the next item's synthesis starts as soon as the previous stream ends, so lines follow each other
// with exactly the configured gap instead of gap + synthesis time. Synthesis stays at most
// MAX_AHEAD_SEC ahead of the ear, so a long script does not pile minutes of audio into memory.
import { ERROR_CODES } from '../../../src-main/contract/errors';
import { SAMPLE_RATE } from '../../../src-main/contract/schemas';
import type { EventPayload } from '../../../src-main/contract/calls';
import { call, newClientId, on, RpcClientError } from '../client';
import { countChunkScheduled, countStreamStarted } from './counters';
import { playheadAt, Timeline, type Playhead } from './timeline';

const MAX_AHEAD_SEC = 20;

export interface PlayItem {
  /** Script line index (or -1 for a preview); reported back through the playhead. */
  key: number;
  text: string;
  voiceId: string;
  /** Silence before this item, after the previous one ends. */
  silenceBeforeSec: number;
  /** Whose pronunciations apply (the open project's); absent for global ones only. */
  projectId?: string;
  /** Unsaved pronunciation entries to try first ("say it" in the pronunciation editor). */
  pronunciations?: { word: string; phonemes?: string; respelling?: string }[];
  /** Render parameters when not the Settings' own (a cloned voice's style being previewed). */
  params?: { speed: number; pitch: number; style?: string };
}

export interface SessionCallbacks {
  onPlayhead(p: Playhead & { itemsDone: number; buffering: boolean }): void;
  /** The session is over: every item played (`done`), Stop was pressed, or an item failed. */
  onFinish(outcome: { status: 'done' | 'stopped' | 'failed'; error?: RpcClientError; failedKey?: number }): void;
}

interface ActiveStream {
  streamId: string;
  onChunk(p: EventPayload<'render.chunk'>): void;
  onEnd(p: EventPayload<'render.end'>): void;
}

class Session {
  readonly timeline = new Timeline();
  readonly sources = new Set<AudioBufferSourceNode>();
  stream: ActiveStream | null = null;
  stopped = false;
  itemsDone = 0;
  frame = 0;
  constructor(readonly ctx: AudioContext, readonly items: PlayItem[], readonly cb: SessionCallbacks) {}
}

export class Player {
  private ctx: AudioContext | null = null;
  private session: Session | null = null;
  private readonly streams = new Map<string, ActiveStream>();
  private unsubscribe: (() => void)[] = [];

  /** Subscribes to the stream events; call once the client exists. */
  attach(): void {
    this.unsubscribe.push(
      on('render.chunk', (p) => this.streams.get(p.streamId)?.onChunk(p)),
      on('render.end', (p) => this.streams.get(p.streamId)?.onEnd(p)),
    );
  }

  /**
   * Creates or wakes the AudioContext. Call it synchronously inside the click or key handler:
   * browsers only let a context start from a user gesture.
   */
  unlock(): AudioContext {
    if (!this.ctx || this.ctx.state === 'closed') {
      try {
        this.ctx = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
      } catch {
        // Some platforms refuse 24 kHz; buffers stay at 24 kHz and Web Audio resamples them.
        this.ctx = new AudioContext({ latencyHint: 'interactive' });
      }
    }
    if (this.ctx.state === 'suspended') void this.ctx.resume();
    return this.ctx;
  }

  get playing(): boolean {
    return this.session !== null;
  }

  play(items: PlayItem[], cb: SessionCallbacks): void {
    this.stop();
    const session = new Session(this.unlock(), items, cb);
    this.session = session;
    this.tick(session);
    void this.run(session);
  }

  /** Stops the sound at once and cancels synthesis still running. */
  stop(): void {
    const s = this.session;
    if (!s) return;
    this.endSession(s, { status: 'stopped' });
  }

  private async run(s: Session): Promise<void> {
    for (const item of s.items) {
      if (s.stopped) return;
      await this.waitForRoom(s);
      if (s.stopped) return;
      const result = await this.streamItem(s, item);
      if (s.stopped) return;
      if (result.status === 'failed') {
        this.endSession(s, { status: 'failed', error: result.error, failedKey: item.key });
        return;
      }
      s.itemsDone += 1;
    }
    // Everything is scheduled; the session ends when the last buffer has played.
    await this.waitUntil(s, () => s.ctx.currentTime >= s.timeline.endSec);
    if (!s.stopped) this.endSession(s, { status: 'done' });
  }

  private streamItem(s: Session, item: PlayItem): Promise<{ status: 'done' | 'cancelled' | 'failed'; error?: RpcClientError }> {
    s.timeline.beginStream(item.key, item.silenceBeforeSec);
    // A pause-only line: nothing to synthesize; its silence carries over to the next line.
    if (!item.text.trim()) return Promise.resolve({ status: 'done' });
    const streamId = newClientId();
    countStreamStarted();
    return new Promise((resolve) => {
      const stream: ActiveStream = {
        streamId,
        onChunk: (p) => this.schedule(s, p.pcm),
        onEnd: (p) => {
          this.streams.delete(streamId);
          s.stream = null;
          if (p.status === 'failed') resolve({ status: 'failed', error: streamError(p.error) });
          else resolve({ status: p.status });
        },
      };
      // Registered before the call: the first chunk can arrive before the call's own reply.
      this.streams.set(streamId, stream);
      s.stream = stream;
      const extra = { ...(item.projectId ? { projectId: item.projectId } : {}), ...(item.pronunciations ? { pronunciations: item.pronunciations } : {}), ...(item.params ? { params: item.params } : {}) };
      call('render.start', { streamId, text: item.text, voiceId: item.voiceId, ...extra }).catch((e: unknown) => {
        this.streams.delete(streamId);
        s.stream = null;
        resolve({ status: 'failed', error: e instanceof RpcClientError ? e : new RpcClientError('internal', String(e)) });
      });
    });
  }

  private schedule(s: Session, pcm: Float32Array): void {
    if (s.stopped || pcm.length === 0) return;
    const buffer = s.ctx.createBuffer(1, pcm.length, SAMPLE_RATE);
    buffer.copyToChannel(pcm as Float32Array<ArrayBuffer>, 0);
    const source = s.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(s.ctx.destination);
    const at = s.timeline.place(s.ctx.currentTime, buffer.duration);
    source.onended = () => {
      s.sources.delete(source);
      source.disconnect();
    };
    s.sources.add(source);
    source.start(at);
    countChunkScheduled(pcm.length);
  }

  /** Holds synthesis back while more than MAX_AHEAD_SEC is waiting to be heard. */
  private waitForRoom(s: Session): Promise<void> {
    return this.waitUntil(s, () => s.timeline.aheadSec(s.ctx.currentTime) < MAX_AHEAD_SEC);
  }

  private waitUntil(s: Session, ready: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (s.stopped || ready()) resolve();
        else setTimeout(check, 50);
      };
      check();
    });
  }

  /** The playhead follows the AudioContext clock, not wall time, so it matches what is heard. */
  private tick(s: Session): void {
    const step = () => {
      if (s.stopped) return;
      const p = playheadAt(s.timeline, s.ctx.currentTime);
      const buffering = s.timeline.originSec === null || s.ctx.currentTime >= s.timeline.endSec;
      s.cb.onPlayhead({ ...p, itemsDone: s.itemsDone, buffering });
      s.frame = requestAnimationFrame(step);
    };
    s.frame = requestAnimationFrame(step);
  }

  private endSession(s: Session, outcome: Parameters<SessionCallbacks['onFinish']>[0]): void {
    if (s.stopped) return;
    s.stopped = true;
    cancelAnimationFrame(s.frame);
    if (s.stream) {
      const { streamId } = s.stream;
      this.streams.delete(streamId);
      s.stream = null;
      if (outcome.status !== 'failed') void call('render.cancel', { streamId }).catch(() => {});
    }
    for (const src of s.sources) {
      try {
        src.stop();
      } catch {
        // Already stopped.
      }
      src.disconnect();
    }
    s.sources.clear();
    if (this.session === s) this.session = null;
    s.cb.onFinish(outcome);
  }

  /** The socket dropped: the stream's remaining chunks will never come. */
  connectionLost(): void {
    const s = this.session;
    if (!s) return;
    this.endSession(s, { status: 'failed', error: new RpcClientError('disconnected', 'Playback stopped: the connection to Koe Studio was lost.') });
  }

  dispose(): void {
    this.stop();
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    void this.ctx?.close();
    this.ctx = null;
  }
}

function streamError(e: { code: string; message: string } | null): RpcClientError {
  const code = ERROR_CODES.find((c) => c === e?.code) ?? 'engine';
  return new RpcClientError(code, e?.message ?? 'Synthesis failed.');
}

export const player = new Player();
