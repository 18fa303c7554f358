// The model manager's check of a downloaded or imported Pocket TTS file, by its name in the set:
// the step graph and the encoder must load in ONNX Runtime and have the export's inputs and
// outputs; assets.json must parse with a usable config, tokenizer and voices; manifest.json must
// name the set's files. Graphs are loaded in a short-lived worker thread (plain JavaScript passed as
// source, like the Kokoro verifier): a 177 MB graph loads for a second or more, synchronously.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { basename, dirname, join } from 'node:path';
import { open, readFile } from 'node:fs/promises';
import { KoeError } from '../../contract/errors';
import type { GraphDescription } from '../onnx/graph-io';
import { parsePocketAssets } from './assets';
import { STEP_INPUTS, STEP_OUTPUTS } from './graph-io';
import type { VerifyTarget } from '../../models/verify';
import { checkAgainstManifest, parsePocketManifest, readPocketManifest, type PocketManifest } from './manifest';
import { SentencePieceTokenizer } from './sentencepiece';

const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
ort.InferenceSession.create(workerData.path, { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'basic', logSeverityLevel: 3 })
  .then(async (s) => { parentPort.postMessage({ graph: { inputNames: s.inputNames, outputNames: s.outputNames } }); await s.release(); },
        (e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

async function loadGraph(path: string): Promise<GraphDescription> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  const worker = new Worker(LOADER, { eval: true, workerData: { ortPath, path }, name: 'koe-pocket-verify' });
  try {
    return await new Promise<GraphDescription>((resolve, reject) => {
      worker.on('error', (e) => reject(new KoeError('engine', `Checking ${basename(path)} failed: ${e.message}`)));
      worker.on('exit', (code) => reject(new KoeError('engine', `Checking ${basename(path)} stopped unexpectedly (exit code ${code}).`)));
      worker.on('message', (m: { graph?: GraphDescription; error?: string }) => {
        if (m.graph) resolve(m.graph);
        else reject(new KoeError('invalid_args', `${basename(path)} is not an ONNX model Koe can load (the download may be incomplete): ${(m.error ?? '').split('\n')[0]}`));
      });
    });
  } finally {
    await worker.terminate();
  }
}

function lacks(g: GraphDescription, inputs: readonly string[], outputs: readonly string[]): string[] {
  return [...inputs.filter((n) => !g.inputNames.includes(n)), ...outputs.filter((n) => !g.outputNames.includes(n))];
}

/**
 * Throws with the reason when `path` is not a Pocket TTS file. Judged by content, not name: the
 * manager verifies imports under a temporary name, and any of the four may arrive that way. When
 * the manager says which file it is meant to become and that set's manifest.json is already in
 * place, the file must also be the one the manifest names (exact size and checksum prefix): the
 * export publishes no other checksum, and this keeps a set from mixing two exports.
 */
export async function verifyPocketFile(path: string, target?: VerifyTarget): Promise<void> {
  await verifyContent(path);
  if (!target) return;
  const name = basename(target.dest);
  if (name === 'manifest.json') return;
  let manifest: PocketManifest;
  try {
    manifest = await readPocketManifest(join(dirname(target.dest), 'manifest.json'));
  } catch {
    return; // No usable manifest beside it (yet): the content checks above are what there is.
  }
  const entry = [manifest.model, manifest.encoder, manifest.assets].find((e) => e?.file === name);
  if (entry) await checkAgainstManifest(path, entry);
}

async function verifyContent(path: string): Promise<void> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(1);
  try {
    await fh.read(head, 0, 1, 0);
  } finally {
    await fh.close();
  }
  if (head[0] === 0x7b) {
    const text = await readFile(path, 'utf8');
    const keys = Object.keys((JSON.parse(text) as object | null) ?? {});
    if (keys.includes('model') && keys.includes('assets')) {
      parsePocketManifest(text);
      return;
    }
    const assets = parsePocketAssets(text, 'assets.json');
    SentencePieceTokenizer.fromBytes(assets.tokenizer);
    if (assets.voices.size === 0) throw new KoeError('invalid_args', 'assets.json has no voices.');
    return;
  }
  const g = await loadGraph(path);
  if (g.inputNames.includes('audio') && g.outputNames.includes('cond')) return;
  const missing = lacks(g, STEP_INPUTS, STEP_OUTPUTS);
  if (missing.length) throw new KoeError('invalid_args', `${basename(path)} is neither the Pocket TTS step graph nor its voice encoder: it lacks ${missing.join(', ')}.`);
}
