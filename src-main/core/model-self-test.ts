// A model proves itself before it is trusted: after a Kokoro or Pocket TTS model is downloaded or imported (and
// whenever `koe doctor` runs), it speaks a reference sentence through the same engine code the
// studio uses, and the audio is checked (audio/speech-check.ts): length for the phoneme count, not
// silent, finite, energy in the speech band, no click at the joins between chunks. The file checks
// before it (graph inputs, a test run of 12 tokens) prove the file is a Kokoro graph; this proves it
// speaks. A failure is recorded with its figures, and the model manager then keeps the file out of
// the engines, so the studio goes on with the model that worked.
import type { SelfTestResult } from '../contract/calls-models';
import type { ModelManager } from '../models/manager';
import { checkSpeech } from '../audio/speech-check';
import type { JoinOptions } from '../engines/kokoro/chunk-joiner';
import { g2pTextPath } from '../engines/kokoro/g2p-text-path';
import { KokoroEngine } from '../engines/kokoro/kokoro-engine';
import { resolvedPresets } from '../engines/kokoro/model-files';
import { kokoroCatalog } from '../engines/kokoro/voice-catalog';
import { kokoroWorkerSpawner } from '../engines/kokoro/worker-link';
import type { ModelResolver } from '../engines/onnx/model-resolver';
import type { Engine } from '../engines/types';
import { WorkerEngine } from '../engines/worker/worker-engine';
import { PocketEngine } from '../engines/pocket/pocket-engine';
import { pocketWorkerSpawner } from '../engines/pocket/worker-link';

/** Long enough for at least two chunks (the first is 32 tokens), with a comma pause and a full stop. */
export const REFERENCE_SENTENCE = 'Good morning. The quick brown fox jumps over the lazy dog, then rests in the shade of an old oak tree until the evening comes.';

/** English voices first (the reference is English), the most reliable first. */
const PREFERRED_VOICES = ['af_heart', 'af_bella', 'am_michael', 'bf_emma', 'bm_george'];

export interface KokoroSelfTestOptions {
  modelsDir: string;
  /** The model file under test (absolute). */
  modelPath: string;
  /** Verified catalog files (for the voice packs and lexicons). */
  resolve: ModelResolver;
  /** The engine worker bundle; absent: in this thread (tests, the CLI). */
  engineWorker?: URL;
  /** Test seam: how chunks are joined (a fixture with careless joins fails the click check). */
  join?: JoinOptions;
  signal?: AbortSignal;
}

const now = () => new Date().toISOString();
const skipped = (why: string): SelfTestResult => ({ status: 'skipped', failures: [why], figures: {}, testedAt: now() });

/** Phoneme symbols in Kokoro's phoneme string: everything but spaces and punctuation. */
export function phonemeCount(phonemes: string): number {
  return [...phonemes.replace(/[\s.,!?;:—…"“”()'-]/gu, '')].length;
}

export async function selfTestKokoro(opts: KokoroSelfTestOptions): Promise<SelfTestResult> {
  const english = kokoroCatalog()
    .filter((v) => v.language.startsWith('en'))
    .map((v) => v.id)
    .sort((a, b) => rank(a) - rank(b));
  const voice = resolvedPresets(opts.resolve, english)[0];
  if (!voice) return skipped('no English Kokoro voice is installed to speak the test sentence; it runs once one is');
  const text = g2pTextPath(opts.modelsDir);
  const lang = voice.startsWith('b') ? 'b' : 'a';
  const phonemes = phonemeCount((await text.g2p.phonemize(REFERENCE_SENTENCE, lang)).phonemes);
  const engine: Engine = opts.engineWorker
    ? new WorkerEngine('kokoro', kokoroWorkerSpawner(opts.engineWorker, { modelsDir: opts.modelsDir, modelPath: opts.modelPath, session: { intraOpNumThreads: 1 } }), { threads: 1, name: 'Kokoro self-test' })
    : new KokoroEngine({ modelsDir: opts.modelsDir, modelPath: opts.modelPath, text, session: { intraOpNumThreads: 1 }, ...(opts.join ? { join: opts.join } : {}) });
  try {
    return await speakAndCheck(engine, voice, phonemes, opts.signal);
  } finally {
    await engine.dispose();
  }
}

export interface PocketSelfTestOptions {
  modelsDir: string;
  /** The language folder under test (pocket/<language>/). */
  language: string;
  engineWorker?: URL;
  signal?: AbortSignal;
}

/**
 * Pocket TTS reads text, not phonemes; the length check still counts the reference sentence's
 * phonemes (from the English G2P), since speech takes time per sound whatever the model reads.
 */
export async function selfTestPocket(opts: PocketSelfTestOptions): Promise<SelfTestResult> {
  if (opts.language !== 'en') return skipped(`the reference sentence is English; Pocket TTS (${opts.language}) is not tested`);
  const phonemes = phonemeCount((await g2pTextPath(opts.modelsDir).g2p.phonemize(REFERENCE_SENTENCE, 'a')).phonemes);
  const config = { modelsDir: opts.modelsDir, languages: [opts.language], session: { intraOpNumThreads: 1 } };
  const engine: Engine = opts.engineWorker ? new WorkerEngine('pocket', pocketWorkerSpawner(opts.engineWorker, config), { threads: 1, name: 'Pocket TTS self-test' }) : new PocketEngine(config);
  try {
    const voice = (await engine.voices()).find((v) => v.language.startsWith(opts.language));
    if (!voice) return skipped(`Pocket TTS (${opts.language}) lists no voice to speak the test sentence`);
    return await speakAndCheck(engine, voice.id, phonemes, opts.signal);
  } finally {
    await engine.dispose();
  }
}

function rank(id: string): number {
  const i = PREFERRED_VOICES.indexOf(id);
  return i < 0 ? PREFERRED_VOICES.length : i;
}

/** Speaks the reference sentence with `voice` and checks what came out, chunk by chunk as yielded. */
export async function speakAndCheck(engine: Engine, voice: string, phonemes: number, signal?: AbortSignal): Promise<SelfTestResult> {
  const chunks: Float32Array[] = [];
  try {
    for await (const c of engine.synthesize({ text: REFERENCE_SENTENCE, voice, speed: 1, pitch: 50 }, signal)) chunks.push(c);
  } catch (e) {
    if (signal?.aborted) throw e;
    return { status: 'failed', failures: [`it could not speak the test sentence: ${(e as Error).message}`], figures: {}, testedAt: now() };
  }
  const r = checkSpeech(chunks, phonemes);
  return { status: r.passed ? 'passed' : 'failed', failures: r.failures, figures: { ...r.figures, phonemes }, testedAt: now() };
}

/** One line for the Models screen and `koe doctor`. */
export function describeSelfTest(r: SelfTestResult): string {
  const f = r.figures;
  const read = f.samples !== undefined ? `${((f.samples ?? 0) / 24_000).toFixed(2)} s for ${f.phonemes} phonemes (${f.msPerPhoneme} ms each), RMS ${(f.rmsDbfs ?? -999) <= -999 ? '-∞' : f.rmsDbfs} dBFS, ${Math.round((f.bandShare ?? 0) * 100)}% in the speech band, ${f.joins} joins` : '';
  if (r.status === 'passed') return `passed its self-test: ${read}`;
  if (r.status === 'skipped') return `self-test not run: ${r.failures.join('; ')}`;
  return `failed its self-test: ${r.failures.join('; ')}${read ? ` (${read})` : ''}`;
}

export interface ModelSelfTestsOptions {
  models: ModelManager;
  modelsDir: string;
  engineWorker?: URL;
  /** A test finished with a result that was stored (a failed model just left the engines). */
  onResult?: (assetId: string, result: SelfTestResult) => void;
}

/**
 * Runs and records self-tests, one per asset at a time: after a download or import of a model, for
 * models still waiting for an English voice when voices arrive, and for `koe doctor`.
 */
export class ModelSelfTests {
  private readonly running = new Map<string, Promise<SelfTestResult | null>>();
  /** Aborted by dispose(): a test cut off by a quit records nothing and runs at the next install or doctor. */
  private readonly stop = new AbortController();

  constructor(private readonly opts: ModelSelfTestsOptions) {}

  /** Stops running tests and waits for their engines to close (before the library closes). */
  async dispose(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Whether the asset is a model that has a self-test. */
  has(assetId: string): boolean {
    return this.opts.models.catalog.some((a) => a.id === assetId && (a.kind === 'kokoro-model' || a.kind === 'pocket-tts'));
  }

  /** Tests the asset's installed files and stores the result; null when it has no test or no files. */
  run(assetId: string): Promise<SelfTestResult | null> {
    const busy = this.running.get(assetId);
    if (busy) return busy;
    if (this.stop.signal.aborted) return Promise.resolve(null);
    const p = this.test(assetId, this.stop.signal).finally(() => this.running.delete(assetId));
    this.running.set(assetId, p);
    return p;
  }

  /** After an install: a new model is tested; new voices let a model waiting for one be tested. */
  afterInstall(assetId: string): void {
    const kind = this.opts.models.catalog.find((a) => a.id === assetId)?.kind;
    const ids = kind === 'kokoro-model' || kind === 'pocket-tts' ? [assetId] : kind === 'kokoro-voices' ? this.opts.models.catalog.filter((a) => a.kind === 'kokoro-model' && this.opts.models.selfTestOf(a.id)?.status === 'skipped').map((a) => a.id) : [];
    for (const id of ids) {
      this.run(id).catch((e: unknown) => {
        if (this.stop.signal.aborted) return;
        console.warn(`[koe] The self-test of ${id} could not run: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
  }

  private async test(assetId: string, signal: AbortSignal): Promise<SelfTestResult | null> {
    const { models } = this.opts;
    const asset = models.catalog.find((a) => a.id === assetId);
    if (!asset || !this.has(assetId)) return null;
    // Every file of the asset verified (the self-test's own view, which a failed test does not hide).
    if (asset.files.some((f) => !models.verifiedPath(f.path, { evenIfSelfTestFailed: true }))) return null;
    const common = { modelsDir: this.opts.modelsDir, ...(this.opts.engineWorker ? { engineWorker: this.opts.engineWorker } : {}), signal };
    const result =
      asset.kind === 'pocket-tts'
        ? // pocket/<language>/…
          await selfTestPocket({ ...common, language: asset.files[0]!.path.split('/')[1]! })
        : await selfTestKokoro({ ...common, modelPath: models.verifiedPath(asset.files[0]!.path, { evenIfSelfTestFailed: true })!, resolve: (rel) => models.verifiedPath(rel) });
    if (signal.aborted) return null;
    models.recordSelfTest(assetId, result);
    this.opts.onResult?.(assetId, result);
    return result;
  }
}
