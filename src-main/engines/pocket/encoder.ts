// The Pocket TTS voice encoder (ENGINES.md 2.5): 24 kHz mono audio in, the voice conditioning the
// step graph's cond gate takes out ([1, frames + 1, model_dim], BOS row first). Input is cut to the
// first 20 s (what the preset voices were encoded from) and zero-padded to whole frames.
//
// Two ways to run it, one interface: in this thread (tests, the one-shot CLI) or in a short-lived
// worker thread that stays warm for a minute between clones (the app), because ONNX Runtime runs
// synchronously and a 39 MB encoder over 20 s of audio would freeze the event loop that serves the
// UI. The worker is plain JavaScript passed as source, like the Kokoro verifier, so it needs no
// bundle entry.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { KoeError } from '../../contract/errors';
import { onnxRuntime, type OrtRuntime, type OrtSession } from '../onnx/ort';
import { defaultIntraOpThreads } from '../onnx/providers';
import { readPocketAssets, type VoiceCond } from './assets';
import type { PocketConfig } from './config';
import { inspectEncoderGraph } from './graph-io';
import { pocketEncoderVersion, pocketPaths } from './model-files';

/** The longest reference the encoder is given, as for the built-in voices. */
export const MAX_REFERENCE_SECONDS = 20;

export interface EncodedVoice extends VoiceCond {
  /** What computed it (model-files.ts pocketEncoderVersion): a later model calls for a re-encode. */
  encoderVersion: string;
  language: string;
}

export interface CondEncoder {
  encode(audio24k: Float32Array, signal?: AbortSignal): Promise<EncodedVoice>;
  dispose(): Promise<void>;
}

export interface EncoderOptions {
  modelsDir: string;
  language?: string;
  threads?: number;
  runtime?: () => Promise<OrtRuntime>;
}

/** The first 20 s, zero-padded to a whole number of frames (the encoder's input contract). */
export function encoderInput(audio: Float32Array, c: Pick<PocketConfig, 'sampleRate' | 'frameSize'>): Float32Array {
  const kept = audio.subarray(0, Math.min(audio.length, MAX_REFERENCE_SECONDS * c.sampleRate));
  const frames = Math.max(1, Math.ceil(kept.length / c.frameSize));
  const out = new Float32Array(frames * c.frameSize);
  out.set(kept);
  return out;
}

function checkCond(data: unknown, dims: readonly number[], c: PocketConfig, frames: number): VoiceCond {
  if (!(data instanceof Float32Array)) throw new KoeError('engine', 'The Pocket TTS encoder returned no float32 cond.');
  const [, rows, dim] = dims;
  if (dims.length !== 3 || dim !== c.modelDim || rows === undefined || rows < 1 || data.length !== rows * dim) {
    throw new KoeError('engine', `The Pocket TTS encoder returned cond [${dims.join(', ')}], expected [1, ${frames + 1}, ${c.modelDim}].`);
  }
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) throw new KoeError('engine', 'The Pocket TTS encoder returned values that are not numbers; the encoder file may be damaged.');
  return { data, rows, dim };
}

async function encoderSetup(modelsDir: string, lang: string): Promise<{ path: string; config: PocketConfig; version: string }> {
  const p = pocketPaths(modelsDir, lang);
  if (!existsSync(p.encoder) || !existsSync(p.assets)) throw new KoeError('not_found', `Cloning needs the Pocket TTS (${lang}) voice encoder. Download Pocket TTS in Models.`);
  const { config } = await readPocketAssets(p.assets);
  return { path: p.encoder, config, version: pocketEncoderVersion(modelsDir, lang) ?? `pocket-${lang}:unknown` };
}

export class InProcessEncoder implements CondEncoder {
  private session: Promise<{ s: OrtSession; config: PocketConfig; version: string; ort: OrtRuntime }> | null = null;
  private readonly lang: string;

  constructor(private readonly opts: EncoderOptions) {
    this.lang = opts.language ?? 'en';
  }

  private load() {
    this.session ??= (async () => {
      const { path, config, version } = await encoderSetup(this.opts.modelsDir, this.lang);
      const ort = await (this.opts.runtime ?? onnxRuntime)();
      let s: OrtSession;
      try {
        s = await ort.createSession(path, { executionProviders: ['cpu'], intraOpNumThreads: this.opts.threads ?? defaultIntraOpThreads(), interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', logSeverityLevel: 3 });
      } catch (e) {
        throw new KoeError('invalid_args', `${basename(path)} could not be loaded as the Pocket TTS voice encoder: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
      inspectEncoderGraph(s, config, basename(path));
      return { s, config, version, ort };
    })();
    this.session.catch(() => (this.session = null));
    return this.session;
  }

  async encode(audio24k: Float32Array, signal?: AbortSignal): Promise<EncodedVoice> {
    await this.reloadIfReplaced();
    const { s, config, version, ort } = await this.load();
    if (signal?.aborted) throw new KoeError('cancelled', 'Cancelled.');
    const input = encoderInput(audio24k, config);
    const out = await s.run({ audio: ort.tensor('float32', input, [1, 1, input.length]) });
    const cond = out.cond;
    if (!cond) throw new KoeError('engine', 'The Pocket TTS encoder returned no cond output.');
    return { ...checkCond(cond.data, cond.dims, config, input.length / config.frameSize), encoderVersion: version, language: this.lang };
  }

  /** A model update replaces the files under a warm session: load the new encoder. */
  private async reloadIfReplaced(): Promise<void> {
    const loaded = await this.session?.catch(() => null);
    if (loaded && loaded.version !== pocketEncoderVersion(this.opts.modelsDir, this.lang)) await this.dispose();
  }

  async dispose(): Promise<void> {
    const s = await this.session?.catch(() => null);
    this.session = null;
    await s?.s.release().catch(() => {});
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const ready = ort.InferenceSession.create(workerData.path, { executionProviders: ['cpu'], intraOpNumThreads: workerData.threads, graphOptimizationLevel: 'all', logSeverityLevel: 3 });
ready.then((s) => parentPort.postMessage({ id: 0, graph: { inputNames: s.inputNames, outputNames: s.outputNames, inputMetadata: s.inputMetadata, outputMetadata: s.outputMetadata } }),
  (e) => parentPort.postMessage({ id: 0, error: String((e && e.message) || e) }));
parentPort.on('message', async (msg) => {
  try {
    const s = await ready;
    const out = await s.run({ audio: new ort.Tensor('float32', msg.audio, [1, 1, msg.audio.length]) });
    const data = out.cond.data;
    parentPort.postMessage({ id: msg.id, data, dims: out.cond.dims }, [data.buffer]);
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e) });
  }
});
`;

interface WorkerEntry {
  w: Worker | null;
  ready: Promise<{ config: PocketConfig; version: string }>;
}

type FromEncoderWorker = { id: number; error?: string; graph?: Parameters<typeof inspectEncoderGraph>[0]; data?: Float32Array; dims?: number[] };

/** Runs the encoder in a worker thread, kept for `idleMs` after its last use. */
export class WorkerEncoder implements CondEncoder {
  private worker: WorkerEntry | null = null;
  private readonly pending = new Map<number, { resolve: (m: FromEncoderWorker) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly lang: string;

  constructor(
    private readonly opts: EncoderOptions,
    private readonly idleMs = 60_000,
  ) {
    this.lang = opts.language ?? 'en';
  }

  private start(): WorkerEntry {
    if (this.worker) return this.worker;
    const entry: WorkerEntry = { w: null, ready: Promise.resolve() as unknown as WorkerEntry['ready'] };
    entry.ready = encoderSetup(this.opts.modelsDir, this.lang).then(
      ({ path, config, version }) =>
        new Promise<{ config: PocketConfig; version: string }>((resolve, reject) => {
          const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
          const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath, path, threads: this.opts.threads ?? defaultIntraOpThreads() }, name: 'koe-pocket-encoder' });
          w.unref();
          entry.w = w;
          const fail = (e: Error): void => {
            reject(e);
            for (const p of this.pending.values()) p.reject(e);
            this.pending.clear();
            if (this.worker === entry) this.worker = null;
          };
          w.on('error', (e) => fail(new KoeError('engine', `The voice encoder stopped: ${e.message}`)));
          w.on('exit', (code) => fail(new KoeError('engine', `The voice encoder stopped (exit code ${code}).`)));
          w.on('message', (msg: FromEncoderWorker) => {
            if (msg.id === 0) {
              if (msg.error) return fail(new KoeError('invalid_args', `${basename(path)} could not be loaded as the Pocket TTS voice encoder: ${msg.error.split('\n')[0]}`));
              try {
                inspectEncoderGraph(msg.graph!, config, basename(path));
              } catch (e) {
                void w.terminate();
                return fail(e as Error);
              }
              return resolve({ config, version });
            }
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (this.pending.size === 0) w.unref();
            p?.resolve(msg);
          });
        }),
    );
    this.worker = entry;
    entry.ready.catch(() => {
      if (this.worker === entry) this.worker = null;
    });
    return entry;
  }

  async encode(audio24k: Float32Array, signal?: AbortSignal): Promise<EncodedVoice> {
    this.stopIdle();
    // A model update replaces the files under a warm worker: start a new one on the new encoder.
    const warm = await this.worker?.ready.catch(() => null);
    if (warm && warm.version !== pocketEncoderVersion(this.opts.modelsDir, this.lang)) await this.dispose();
    const wk = this.start();
    try {
      const { config, version } = await wk.ready;
      if (signal?.aborted) throw new KoeError('cancelled', 'Cancelled.');
      const input = encoderInput(audio24k, config);
      const id = this.nextId++;
      const reply = await new Promise<FromEncoderWorker>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        wk.w!.ref();
        wk.w!.postMessage({ id, audio: input }, [input.buffer as ArrayBuffer]);
      });
      if (reply.error) throw new KoeError('engine', `The voice encoder failed: ${reply.error.split('\n')[0]}`);
      return { ...checkCond(reply.data, reply.dims ?? [], config, Math.round(audio24k.length / config.frameSize)), encoderVersion: version, language: this.lang };
    } finally {
      this.startIdle();
    }
  }

  async dispose(): Promise<void> {
    this.stopIdle();
    const wk = this.worker;
    this.worker = null;
    await wk?.ready.catch(() => {});
    await wk?.w?.terminate();
  }

  private startIdle(): void {
    this.stopIdle();
    if (this.idleMs <= 0) return;
    this.idleTimer = setTimeout(() => void this.dispose(), this.idleMs);
    this.idleTimer.unref();
  }

  private stopIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
