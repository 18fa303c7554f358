// An export encoder that runs on a worker thread of its own. The export's main thread only mixes;
// the rest of each file's work runs beside it, on its own thread: the mastering stage (gain,
// limiter, meters: mastering.ts), the resampler for a 44.1 or 48 kHz file and the codec. An MP3
// with three stems is four such threads, so a two-core machine keeps both cores busy. A thread with
// no codec is a measuring pass (the loudness fit's limited mix).
//
// The bytes still go through the export's own file writer on this thread, in the order the codec
// made them, so the export job alone decides whether a file appears (all or nothing, as before).
// Blocks in flight are bounded: the mixer waits once the codec thread (or the disk) is behind by
// MAX_IN_FLIGHT blocks, so memory stays flat whatever the length.
import { Worker } from 'node:worker_threads';
import { KoeError, type ErrorCode } from '../../contract/errors';
import type { ByteSink, EncoderOptions, ExportFormat } from './encoder';
import type { MasteredOutput, MasteringOptions, MasteringStats } from './mastering';

/** Main → codec thread. */
export type EncodeRequest =
  /**
   * `master`: the mastering stage in front of the codec (mastering.ts), at fromRate; no format: that
   * stage alone, a measuring pass.
   */
  | { op: 'open'; format: ExportFormat | null; opts: EncoderOptions; fromRate: number; master: MasteringOptions }
  | { op: 'write'; block: Float32Array[] }
  | { op: 'finish' };

/** Codec thread → main. */
export type EncodeReply =
  | { op: 'opened' }
  | { op: 'bytes'; chunk: Uint8Array }
  | { op: 'bytesAt'; chunk: Uint8Array; position: number }
  | { op: 'wrote' }
  | { op: 'finished'; stats: MasteringStats }
  | { op: 'failed'; code: ErrorCode | null; message: string };

/** Blocks handed over and not yet on disk; 64k-sample blocks, so a few MB at most per file. */
const MAX_IN_FLIGHT = 4;

/** No gain, no limiter, no meters: the blocks go to the codec as they are. */
export const PASS_THROUGH: MasteringOptions = { gain: 1, ceilingDbtp: null, level: null, truePeak: false };

/**
 * Codec threads started before they are needed. A thread takes a tenth of a second or more to start
 * (it loads every codec), and an export opens its threads at moments when this thread waits on them:
 * started early, they load while this thread mixes the loudness fit's excerpt or the first pass.
 * Idle threads do not keep the process alive; close() ends those never used.
 */
export class EncodeThreadPool {
  private readonly idle = new Set<Worker>();

  constructor(
    private readonly script: URL | string,
    private readonly workerData: unknown,
  ) {}

  /** Starts threads until `count` wait idle. */
  warm(count: number): void {
    while (this.idle.size < count) {
      const w = new Worker(this.script, { name: 'koe-encode', ...(this.workerData === undefined ? {} : { workerData: this.workerData }) });
      // One that fails to start, or stops, while idle is simply not handed out.
      const gone = () => this.idle.delete(w);
      w.once('exit', gone);
      w.on('error', gone);
      w.unref();
      this.idle.add(w);
    }
  }

  /** An idle thread, or null. */
  take(): Worker | null {
    for (const w of this.idle) {
      this.idle.delete(w);
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      w.ref();
      return w;
    }
    return null;
  }

  close(): void {
    for (const w of this.idle) void w.terminate();
    this.idle.clear();
  }
}

export class ThreadedEncoder implements MasteredOutput {
  private inFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private finished: (() => void) | null = null;
  private stats: MasteringStats | null = null;
  /** Sink writes, applied one after another in the order the codec made the bytes. */
  private sinkChain: Promise<void> = Promise.resolve();
  private ended = false;

  private constructor(
    readonly format: ExportFormat | null,
    private readonly worker: Worker,
    private readonly sink: ByteSink | null,
  ) {
    const what = format ? `${format.toUpperCase()} encoder` : 'measuring';
    worker.on('message', (m: EncodeReply) => this.onReply(m));
    worker.on('error', (e) => this.fail(new KoeError('internal', `The ${what} thread failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!this.ended) this.fail(new KoeError('internal', `The ${what} thread stopped (exit code ${code}).`));
    });
  }

  /**
   * Starts a codec thread from `script` (whose entry calls serveEncoding) and opens `format` there
   * (none: a measuring pass, with no sink): blocks arrive at `fromRate`, go through the mastering
   * stage, and are resampled in the thread when opts.sampleRate differs.
   * Bad options fail here, with the same error the encoder gives on this thread. A thread from
   * `pool` (started from the same script and data) is used when one is idle.
   */
  static async open(script: URL | string, format: ExportFormat | null, sink: ByteSink | null, opts: EncoderOptions, fromRate: number, extra: { master?: MasteringOptions; workerData?: unknown; pool?: EncodeThreadPool | null } = {}): Promise<ThreadedEncoder> {
    const { workerData } = extra;
    const worker = extra.pool?.take() ?? new Worker(script, { name: `koe-encode-${format ?? 'meter'}`, ...(workerData === undefined ? {} : { workerData }) });
    const enc = new ThreadedEncoder(format, worker, sink);
    const opened = new Promise<void>((resolve) => (enc.wake = resolve));
    worker.postMessage({ op: 'open', format, opts, fromRate, master: extra.master ?? PASS_THROUGH } satisfies EncodeRequest);
    await opened;
    if (enc.failure) {
      enc.dispose();
      throw enc.failure;
    }
    return enc;
  }

  async write(block: readonly Float32Array[]): Promise<void> {
    this.check();
    // Copies: the mixer reuses its buffers for the next block, and a transferred copy costs no more.
    const copies = block.map((c) => c.slice());
    this.inFlight++;
    this.worker.postMessage({ op: 'write', block: copies } satisfies EncodeRequest, copies.map((c) => c.buffer));
    while (this.inFlight > MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    this.check();
  }

  async finish(): Promise<MasteringStats> {
    this.check();
    const done = new Promise<void>((r) => (this.finished = r));
    this.worker.postMessage({ op: 'finish' } satisfies EncodeRequest);
    await done;
    await this.sinkChain;
    this.check();
    this.ended = true;
    await this.worker.terminate();
    return this.stats!;
  }

  dispose(): void {
    if (this.ended) return;
    this.ended = true;
    void this.worker.terminate();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private onReply(m: EncodeReply): void {
    switch (m.op) {
      case 'opened':
        this.release();
        return;
      case 'bytes':
        this.toSink(() => this.sink!.write(m.chunk));
        return;
      case 'bytesAt':
        this.toSink(() => this.sink!.writeAt(m.chunk, m.position));
        return;
      case 'wrote':
        // Counted as done once its bytes are on disk, so a slow disk holds the mixer back too.
        this.sinkChain = this.sinkChain.then(() => {
          this.inFlight--;
          this.release();
        });
        return;
      case 'finished':
        this.stats = m.stats;
        this.sinkChain.then(() => this.finished?.(), () => this.finished?.());
        return;
      case 'failed':
        this.fail(m.code ? new KoeError(m.code, m.message) : new Error(m.message));
        return;
    }
  }

  private toSink(write: () => Promise<void>): void {
    this.sinkChain = this.sinkChain.then(() => (this.failure ? undefined : write())).catch((e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.release();
    this.finished?.();
  }

  private release(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
