// The model manager's check before it trusts a downloaded or imported Kokoro graph: it must load,
// have Kokoro's inputs and outputs (graph-io.ts), and produce audio from a short test input whose
// length follows the token count. The check runs in a short-lived worker thread because ONNX
// Runtime loads and runs synchronously, and a 300 MB model would freeze the app's event loop for
// a second or more. The worker is plain JavaScript passed as source, so it needs no bundle entry.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { KoeError } from '../../contract/errors';
import type { GraphDescription } from '../onnx/graph-io';
import { inspectKokoroGraph, type KokoroGraphIo } from './graph-io';

export interface KokoroModelReport {
  io: KokoroGraphIo;
  inputNames: string[];
  outputNames: string[];
  /** Samples the test run produced for 12 phoneme tokens at speed 1. */
  testSamples: number;
  ms: number;
}

type FromVerifier = { stage: 'loaded'; graph: GraphDescription } | { stage: 'ran'; samples: number } | { stage: 'failed'; error: string; during: 'load' | 'run' };

const VERIFIER = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
let session = null;
const fail = (during, e) => parentPort.postMessage({ stage: 'failed', during, error: String((e && e.message) || e) });
parentPort.on('message', async (io) => {
  try {
    const ids = [0, 50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 0];
    const feeds = {};
    feeds[io.tokenInput] = io.tokenType === 'int32'
      ? new ort.Tensor('int32', Int32Array.from(ids), [1, ids.length])
      : new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
    feeds.style = io.styleType === 'float16' ? new ort.Tensor('float16', new Uint16Array(256), [1, 256]) : new ort.Tensor('float32', new Float32Array(256), [1, 256]);
    feeds.speed = io.speedType === 'int32' ? new ort.Tensor('int32', Int32Array.of(1), [1]) : new ort.Tensor('float32', Float32Array.of(1), [1]);
    const out = await session.run(feeds);
    parentPort.postMessage({ stage: 'ran', samples: out[io.audioOutput].data.length });
  } catch (e) { fail('run', e); }
});
ort.InferenceSession.create(workerData.path, { executionProviders: ['cpu'], intraOpNumThreads: workerData.threads, graphOptimizationLevel: 'all', logSeverityLevel: 3 })
  .then((s) => {
    session = s;
    parentPort.postMessage({ stage: 'loaded', graph: { inputNames: s.inputNames, outputNames: s.outputNames, inputMetadata: s.inputMetadata, outputMetadata: s.outputMetadata } });
  }, (e) => fail('load', e));
`;

function message(e: string): string {
  return (e.split('\n')[0] ?? e).replace(/\u001b\[[0-9;]*m/g, '').trim();
}

/**
 * Resolves with what the model is when it is a usable Kokoro graph; rejects with a KoeError that
 * says what is wrong otherwise (not ONNX, wrong inputs, fails to run). Loads nothing in the
 * calling thread.
 */
export async function verifyKokoroModel(path: string, opts: { threads?: number } = {}): Promise<KokoroModelReport> {
  if (!existsSync(path)) throw new KoeError('not_found', `There is no model file at ${path}.`);
  const started = performance.now();
  const name = basename(path);
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  const worker = new Worker(VERIFIER, { eval: true, workerData: { ortPath, path, threads: opts.threads ?? 1 }, name: 'koe-kokoro-verify' });
  try {
    let io: KokoroGraphIo | null = null;
    let graph: GraphDescription | null = null;
    return await new Promise<KokoroModelReport>((resolve, reject) => {
      worker.on('error', (e) => reject(new KoeError('engine', `Checking ${name} failed: ${e.message}`)));
      worker.on('exit', (code) => reject(new KoeError('engine', `Checking ${name} stopped unexpectedly (exit code ${code}).`)));
      worker.on('message', (msg: FromVerifier) => {
        if (msg.stage === 'failed') {
          if (msg.during === 'load' && /protobuf|parse|ModelProto|invalid model/i.test(msg.error)) {
            reject(new KoeError('invalid_args', `${name} is not an ONNX model (the download may be incomplete, or the file is something else). (${message(msg.error)})`));
          } else if (msg.during === 'load') reject(new KoeError('engine', `${name} could not be loaded: ${message(msg.error)}`));
          else reject(new KoeError('engine', `${name} loads but fails to run: ${message(msg.error)}`));
        } else if (msg.stage === 'loaded') {
          graph = msg.graph;
          try {
            io = inspectKokoroGraph(msg.graph, name);
          } catch (e) {
            reject(e);
            return;
          }
          worker.postMessage(io);
        } else if (msg.stage === 'ran' && io && graph) {
          // 12 phonemes is roughly half a second of speech; empty or absurd output is a broken graph.
          if (msg.samples <= 0 || msg.samples > 24_000 * 30) reject(new KoeError('engine', `${name} produced ${msg.samples} samples for a short test phrase; it is not a working Kokoro model.`));
          else resolve({ io, inputNames: [...graph.inputNames], outputNames: [...graph.outputNames], testSamples: msg.samples, ms: performance.now() - started });
        }
      });
    });
  } finally {
    await worker.terminate();
  }
}
