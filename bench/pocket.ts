// Pocket TTS and cloning figures for `npm run bench`: time from "clone" to a stored voice for a
// 10 s reference (decode, checks, processing, encoder, SQLite), and time to first audio for a line
// in a cloned voice. With the fixture model the graphs cost next to nothing, so the figures show
// what Koe adds around them; with a real models folder (KOE_BENCH_MODELS_DIR holding pocket/en/)
// they are what a user waits for. Targets: clone ≤ 2 s, first audio ≤ 200 ms on a
// 4-core laptop CPU with the int8 export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFixtures } from '../scripts/fixtures/generate';
import { POCKET_FIXTURE } from '../scripts/fixtures/pocket-assets';
import { parsePocketAssets } from '../src-main/engines/pocket/assets';
import { SentencePieceTokenizer } from '../src-main/engines/pocket/sentencepiece';
import { chunkForPocket } from '../src-main/engines/pocket/text-prep';
import { encodeWav } from '../src-main/audio/wav';
import { openLibrary } from '../src-main/library/db';
import { DEFAULT_CONSENT_STATEMENT } from '../src-main/voice-clone/consent';
import { CloneService } from '../src-main/voice-clone/service';
import { mix, speechLike, whiteNoise } from '../test-support/voice-clone/signals';
import type { SynthesisRequest } from '../src-main/engines/types';
import { InProcessEncoder } from '../src-main/engines/pocket/encoder';
import { pocketInstalled } from '../src-main/engines/pocket/model-files';
import { PocketEngine } from '../src-main/engines/pocket/pocket-engine';
import { physicalCores } from '../src-main/engines/onnx/providers';

export interface PocketBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
}

export interface PocketBenchOptions {
  /** Models folder for the fixture figures (default: models/fixtures, generated if missing). */
  modelsDir?: string;
  /** Real models folder (default $KOE_BENCH_MODELS_DIR); absent or without pocket/en: fixture only. */
  realModelsDir?: string;
  /** Runs per figure (default 5). */
  runs?: number;
  onRow?: (row: PocketBenchRow) => void;
}

const SENTENCES = [
  'The morning train was late again, so Maria walked along the river instead.',
  'Please remember to water the tomatoes before you leave for the weekend.',
  'He opened the old letter carefully, afraid the paper might crumble in his hands.',
  'Thunderstorms are expected this evening, with strong winds near the coast.',
  'A small fox crossed the snowy field and disappeared into the pine trees.',
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function firstAudioMs(engine: PocketEngine, req: SynthesisRequest): Promise<{ firstMs: number; totalMs: number; samples: number }> {
  const t0 = performance.now();
  let firstMs = NaN;
  let samples = 0;
  for await (const frame of engine.synthesize(req)) {
    if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
    samples += frame.length;
  }
  return { firstMs, totalMs: performance.now() - t0, samples };
}

async function figures(label: string, modelsDir: string, runs: number, threads: number, add: (r: PocketBenchRow) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-clone-'));
  const library = openLibrary(join(dir, 'library.db'));
  const clonesDir = join(dir, 'clones');
  const clones = new CloneService({ db: library.db, modelsDir, clonesDir, encoder: (language) => new InProcessEncoder({ modelsDir, language, threads }) });
  const engine = new PocketEngine({ modelsDir, clonesDir, session: { intraOpNumThreads: threads, idleUnloadMs: 0 } });
  try {
    // 10 s of speech at 48 kHz, as the recorder would send it.
    const wav = encodeWav(mix(speechLike(10, 48_000), whiteNoise(10, 48_000, -70)), { sampleRate: 48_000, bitDepth: 16 });
    const source = { kind: 'bytes' as const, bytes: wav, name: 'bench.wav' };
    const consent = { statement: DEFAULT_CONSENT_STATEMENT, accepted: true, who: 'bench' };
    await clones.create({ source, name: 'warm-up', consent }); // loads the encoder and the decoders once
    const total: number[] = [];
    const encode: number[] = [];
    let voiceId = '';
    for (let i = 0; i < runs; i++) {
      const made = await clones.create({ source, name: `bench ${i}`, consent });
      total.push(made.timings.totalMs);
      encode.push(made.timings.encodeMs);
      voiceId = made.voice.id;
    }
    add({ name: `pocket ${label}: clone a 10 s reference to a stored voice (median of ${runs})`, value: round(median(total)), unit: 'ms', target: '≤ 2000 (4-core laptop, int8)' });
    add({ name: `pocket ${label}: of which the voice encoder`, value: round(median(encode)), unit: 'ms', target: 'informational' });

    const voice = voiceId.slice('pocket:'.length);
    await engine.load();
    await firstAudioMs(engine, { text: 'Warming up.', voice, speed: 1, pitch: 50 }); // the clone's prefill
    const firsts: number[] = [];
    for (const s of SENTENCES.slice(0, runs)) firsts.push((await firstAudioMs(engine, { text: s, voice, speed: 1, pitch: 50 })).firstMs);
    add({ name: `pocket ${label}: first audio for a line in a cloned voice (median)`, value: round(median(firsts)), unit: 'ms', target: '≤ 200 (4-core laptop, int8)' });
    const whole = await firstAudioMs(engine, { text: SENTENCES.join(' '), voice, speed: 1, pitch: 50 });
    add({ name: `pocket ${label}: real-time factor (${round(whole.samples / 24_000)} s of audio)`, value: round(whole.totalMs / 1000 / (whole.samples / 24_000), 3), unit: 'x', target: label === 'fixture' ? 'informational' : '≤ 1' });
  } finally {
    await engine.dispose();
    await clones.dispose();
    library.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Prompt preparation and chunking of 50 kB of prose (what the reference does per request). It
 * once decoded the whole text at every period, which made 10 kB take seconds: linear is the target.
 */
function textPrepFigure(modelsDir: string, add: (r: PocketBenchRow) => void): void {
  const assets = parsePocketAssets(readFileSync(join(modelsDir, POCKET_FIXTURE.assets), 'utf8'));
  const tokenizer = SentencePieceTokenizer.fromBytes(assets.tokenizer);
  const text = Array.from({ length: 1000 }, (_, i) => `Sentence ${i} ends here, and costs 3.5 dollars. Then another one follows!`).join(' ');
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    chunkForPocket(text, tokenizer, assets.config);
    ms.push(performance.now() - t0);
  }
  add({ name: `pocket: text preparation + chunking, ${round(text.length / 1000, 0)} kB (median of 3)`, value: round(median(ms)), unit: 'ms', target: '≤ 1000 (informational)' });
}

export async function benchPocket(opts: PocketBenchOptions = {}): Promise<PocketBenchRow[]> {
  const rows: PocketBenchRow[] = [];
  const add = (r: PocketBenchRow): void => {
    rows.push(r);
    opts.onRow?.(r);
  };
  const runs = Math.max(1, opts.runs ?? 5);
  const fixtures = opts.modelsDir ?? ensureFixtures();
  textPrepFigure(fixtures, add);
  await figures('fixture', fixtures, runs, 1, add);
  const real = opts.realModelsDir ?? process.env.KOE_BENCH_MODELS_DIR;
  if (real) {
    if (pocketInstalled(real, 'en')) await figures(`real en ${physicalCores()}t`, real, runs, physicalCores(), add);
    else add({ name: 'pocket real model: not found', value: 0, unit: '', target: `${real} has no pocket/en/ (manifest.json, model.onnx, encoder.onnx, assets.json)` });
  }
  return rows;
}
