// Kokoro's figures for `npm run bench`. With the fixture model (whose inference costs next to
// nothing) it isolates what Koe adds per chunk: G2P, chunking, tokenizing, style row, the session
// call and the join. With a real models folder (KOE_BENCH_MODELS_DIR) it measures what users feel:
// real-time factor and time to first audio for every installed variant, provider and thread count,
// which is what the quality modes and the variant recommendation are chosen from.
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFixtures } from '../scripts/fixtures/generate';
import { g2pTextPath } from '../src-main/engines/kokoro/g2p-text-path';
import { KokoroEngine } from '../src-main/engines/kokoro/kokoro-engine';
import { kokoroPaths, MODEL_PREFERENCE } from '../src-main/engines/kokoro/model-files';
import { onnxRuntime } from '../src-main/engines/onnx/ort';
import { providerLabel } from '../src-main/engines/onnx/provider-open';
import { cudaProviderInstalled, physicalCores, preferredProviders } from '../src-main/engines/onnx/providers';
import type { SynthesisRequest } from '../src-main/engines/types';

export interface KokoroBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
}

export interface KokoroBenchOptions {
  /** Models folder for the fixture figures (default: models/fixtures, generated if missing). */
  modelsDir?: string;
  /** misaki lexicons for the English text path (default `<modelsDir>/misaki`, else $KOE_BENCH_LEXICONS). */
  lexiconDir?: string;
  /** Real models folder (default $KOE_BENCH_MODELS_DIR); absent: fixture figures only. */
  realModelsDir?: string;
  onRow?: (row: KokoroBenchRow) => void;
}

/** Opening sentences of the kind a first chunk holds: distinct, so no sentence is cached. */
const SENTENCES = [
  'The morning train was late again, so Maria walked along the river instead.',
  'Please remember to water the tomatoes before you leave for the weekend.',
  'Our quarterly results exceeded expectations in every region except the north.',
  'He opened the old letter carefully, afraid the paper might crumble in his hands.',
  'Thunderstorms are expected this evening, with strong winds near the coast.',
  'She tuned the violin twice before the concert, and it still sounded wrong.',
  'The museum will close early on Friday for the installation of a new exhibit.',
  'Could you send me the draft by tomorrow afternoon, so I can review it?',
  'A small fox crossed the snowy field and disappeared into the pine trees.',
  'Every chapter of the guide ends with a short exercise and a list of sources.',
  'The engineers replaced the bridge cables one at a time, without closing the road.',
  'After dinner we played cards by candlelight until the power came back on.',
];
const WARM_UP = ['Good evening, and welcome to the show.', 'This sentence only warms the caches up.', 'One more, so every path has run once.'];

/** About twenty seconds of narration: enough for a stable real-time factor. */
const PARAGRAPH =
  'The lighthouse stood at the end of a long stone pier, and for eighty years its keeper had climbed ' +
  'the spiral stairs every evening to light the lamp. When the storms came in from the west, the waves ' +
  'broke over the pier and the whole tower shook, but the light never failed. Ships passing in the night ' +
  'would flash their signals in reply, and the keeper wrote each one in a leather-bound log. Now the lamp ' +
  'runs by itself, and the log sits in a glass case in the village museum, open at the last page.';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

async function timeToFirstChunk(engine: KokoroEngine, req: SynthesisRequest): Promise<{ firstMs: number; totalMs: number; samples: number }> {
  const t0 = performance.now();
  let firstMs = NaN;
  let samples = 0;
  for await (const chunk of engine.synthesize(req)) {
    if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
    samples += chunk.length;
  }
  return { firstMs, totalMs: performance.now() - t0, samples };
}

/**
 * Phoneme tokens of each request's first model call. The fixture model costs next to nothing, so
 * its first-audio figure hides what the first chunk's size costs on the real model, whose time
 * grows with it; this is the figure to read for that.
 */
function recordFirstCalls(engine: KokoroEngine): { next(): void; sizes: number[] } {
  const sizes: number[] = [];
  let fresh = false;
  const run = engine.host.run.bind(engine.host);
  engine.host.run = (ids, style, speed) => {
    if (fresh) sizes.push(ids.length);
    fresh = false;
    return run(ids, style, speed);
  };
  return { next: () => void (fresh = true), sizes };
}

function lexiconDirFor(modelsDir: string, explicit?: string): string | undefined {
  if (explicit) return explicit;
  if (existsSync(join(modelsDir, 'misaki'))) return undefined; // the folder's own
  return process.env.KOE_BENCH_LEXICONS || undefined;
}

async function fixtureFigures(opts: KokoroBenchOptions, add: (r: KokoroBenchRow) => void): Promise<void> {
  const modelsDir = opts.modelsDir ?? ensureFixtures();
  const lexiconDir = lexiconDirFor(modelsDir, opts.lexiconDir);
  const text = g2pTextPath(modelsDir, lexiconDir ? { lexiconDir } : {});
  const english = text.g2p.availability('a');
  const engine = new KokoroEngine({ modelsDir, text, session: { intraOpNumThreads: 1, idleUnloadMs: 0 } });
  try {
    await engine.load();
    const req = (t: string): SynthesisRequest => ({ text: t, voice: 'af_heart', speed: 1, pitch: 50 });
    for (const s of WARM_UP) await timeToFirstChunk(engine, req(s));
    const calls = recordFirstCalls(engine);
    const first: number[] = [];
    for (const s of SENTENCES) {
      calls.next();
      first.push((await timeToFirstChunk(engine, req(s))).firstMs);
    }
    const g2pLabel = english.reason ? 'espeak-only English (no misaki lexicons)' : 'misaki English';
    add({ name: `kokoro fixture: text path + session call, first chunk (${g2pLabel}, median)`, value: round(median(first)), unit: 'ms', target: '≤ 5 (informational)' });
    add({ name: 'kokoro fixture: first chunk of an opening sentence (median)', value: median(calls.sizes.splice(0)), unit: 'tokens', target: 'informational: the real model’s first audio grows with it' });
    const paragraph: number[] = [];
    for (let i = 0; i < 5; i++) {
      calls.next();
      paragraph.push((await timeToFirstChunk(engine, req(PARAGRAPH))).firstMs);
    }
    add({ name: `kokoro fixture: first audio, 5-sentence paragraph (median of 5)`, value: round(median(paragraph)), unit: 'ms', target: 'informational' });
    add({ name: 'kokoro fixture: first chunk of that paragraph', value: median(calls.sizes.splice(0)), unit: 'tokens', target: 'informational' });

    const ids = Array.from({ length: 48 }, (_, i) => 43 + (i % 20));
    const style = new Float32Array(256);
    const callMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await engine.host.run(ids, style, 1);
      callMs.push(performance.now() - t0);
    }
    add({ name: 'kokoro fixture: session call, 48 tokens (median)', value: round(median(callMs), 3), unit: 'ms', target: '≤ 1 (informational)' });
  } finally {
    await engine.dispose();
  }
}

async function realFigures(realDir: string, opts: KokoroBenchOptions, add: (r: KokoroBenchRow) => void): Promise<void> {
  const onnxDir = kokoroPaths(realDir).onnxDir;
  const present = existsSync(onnxDir) ? readdirSync(onnxDir).filter((f) => f.endsWith('.onnx')) : [];
  const variants = [...MODEL_PREFERENCE.filter((f) => present.includes(f)), ...present.filter((f) => !(MODEL_PREFERENCE as readonly string[]).includes(f))];
  if (variants.length === 0) throw new Error(`KOE_BENCH_MODELS_DIR=${realDir} has no kokoro/onnx/*.onnx`);
  const runtime = await onnxRuntime();
  const providers = preferredProviders({ platform: process.platform, arch: process.arch, supported: runtime.supportedBackends(), cudaInstalled: cudaProviderInstalled() });
  const logical = availableParallelism();
  const threads = [...new Set([1, 2, 4, physicalCores(), logical].filter((t) => t >= 1 && t <= logical))].sort((a, b) => a - b);
  const lexiconDir = lexiconDirFor(realDir, opts.lexiconDir);
  const text = g2pTextPath(realDir, lexiconDir ? { lexiconDir } : {});
  for (const variant of variants) {
    for (const provider of providers) {
      // Accelerators set their own parallelism; only CPU is swept over thread counts.
      for (const t of provider === 'cpu' ? threads : [physicalCores()]) {
        const engine = new KokoroEngine({ modelsDir: realDir, modelFile: variant, text, session: { providers: [provider], intraOpNumThreads: t, idleUnloadMs: 0 } });
        try {
          const t0 = performance.now();
          await engine.load();
          const loadMs = performance.now() - t0;
          const used = engine.status().provider ?? provider;
          const label = `kokoro ${variant} ${providerLabel(used)}${used === 'cpu' ? ` ${t}t` : ''}`;
          if (used !== provider) {
            add({ name: `${label}: ${providerLabel(provider)} unavailable, fell back`, value: 0, unit: '', target: engine.status().fallbackReason ?? '' });
            continue;
          }
          const req = (s: string): SynthesisRequest => ({ text: s, voice: 'af_heart', speed: 1, pitch: 50 });
          await timeToFirstChunk(engine, req(WARM_UP[0]!));
          const firsts: number[] = [];
          for (const s of SENTENCES.slice(0, 5)) firsts.push((await timeToFirstChunk(engine, req(s))).firstMs);
          const whole = await timeToFirstChunk(engine, req(PARAGRAPH));
          const rtf = whole.totalMs / 1000 / (whole.samples / 24_000);
          add({ name: `${label}: load + warm-up`, value: round(loadMs, 0), unit: 'ms', target: 'informational' });
          add({ name: `${label}: time to first audio (median of 5)`, value: round(median(firsts), 0), unit: 'ms', target: '≤ 300' });
          add({ name: `${label}: real-time factor (${round(whole.samples / 24_000, 1)} s paragraph)`, value: round(rtf, 3), unit: 'x', target: '≤ 0.3 (4-core x86 laptop)' });
          add({ name: `${label}: time to first audio, that paragraph`, value: round(whole.firstMs, 0), unit: 'ms', target: 'informational' });
        } catch (e) {
          add({ name: `kokoro ${variant} ${providerLabel(provider)} ${t}t: failed`, value: 0, unit: '', target: e instanceof Error ? e.message : String(e) });
        } finally {
          await engine.dispose();
        }
      }
    }
  }
}

export async function benchKokoro(opts: KokoroBenchOptions = {}): Promise<KokoroBenchRow[]> {
  const rows: KokoroBenchRow[] = [];
  const add = (r: KokoroBenchRow): void => {
    rows.push(r);
    opts.onRow?.(r);
  };
  await fixtureFigures(opts, add);
  const realDir = opts.realModelsDir ?? process.env.KOE_BENCH_MODELS_DIR;
  if (realDir) await realFigures(realDir, opts, add);
  return rows;
}
