// What "Continue from the previous line" costs a Pocket TTS line, for `npm run bench`: first audio
// and real-time factor for lines in a cloned voice with and without a 5 s context, and where the
// time goes — the voice encoder over the context, one more cond step, and a flow cache that is
// longer by the context's rows for every step of the line. With the fixture model the graphs cost
// next to nothing, so its milliseconds say little about the real model; the rows and steps do, and
// so do the real model's figures (KOE_BENCH_MODELS_DIR holding pocket/en/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFixtures } from '../scripts/fixtures/generate';
import { writeCond } from '../src-main/engines/pocket/clone-conds';
import { CONTEXT_SECONDS } from '../src-main/engines/pocket/context-prefix';
import { InProcessEncoder } from '../src-main/engines/pocket/encoder';
import { pocketInstalled } from '../src-main/engines/pocket/model-files';
import { PocketEngine } from '../src-main/engines/pocket/pocket-engine';
import { physicalCores } from '../src-main/engines/onnx/providers';
import type { SynthesisRequest } from '../src-main/engines/types';
import { speechLike } from '../test-support/voice-clone/signals';

export interface ContextBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
}

const LINES = [
  'The morning train was late again, so Maria walked along the river instead.',
  'Please remember to water the tomatoes before you leave for the weekend.',
  'He opened the old letter carefully, afraid the paper might crumble in his hands.',
  'Thunderstorms are expected this evening, with strong winds near the coast.',
  'A small fox crossed the snowy field and disappeared into the pine trees.',
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

interface Run {
  firstMs: number;
  totalMs: number;
  samples: number;
}

async function speak(engine: PocketEngine, req: SynthesisRequest): Promise<Run> {
  const t0 = performance.now();
  let firstMs = NaN;
  let samples = 0;
  for await (const frame of engine.synthesize(req)) {
    if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
    samples += frame.length;
  }
  return { firstMs, totalMs: performance.now() - t0, samples };
}

async function figures(label: string, modelsDir: string, threads: number, add: (r: ContextBenchRow) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-context-'));
  const clonesDir = join(dir, 'clones');
  const steps: { gate: string; rows: number }[] = [];
  const engine = new PocketEngine({ modelsDir, clonesDir, session: { intraOpNumThreads: threads, idleUnloadMs: 0 }, onStep: (gate, rows) => void steps.push({ gate, rows }) });
  const encoder = new InProcessEncoder({ modelsDir, threads });
  try {
    // A cloned voice from a 10 s reference, as the clone service stores it.
    const voice = await encoder.encode(speechLike(10, 24_000));
    await writeCond(clonesDir, 'bench10s', { language: 'en', rows: voice.rows, dim: voice.dim, encoderVersion: voice.encoderVersion }, voice.data);
    const base = { voice: 'clone-bench10s', speed: 1, pitch: 50 };
    // What the previous line would be: 8 s of speech-like audio, of which the engine reads the last 5 s.
    const context = speechLike(8, 24_000, { seed: 7 });
    await speak(engine, { ...base, text: 'Warming up.' }); // the voice's prefill, once per voice
    await speak(engine, { ...base, text: 'Warming up.', context }); // the encoder's session

    const encodeMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await encoder.encode(context.subarray(context.length - CONTEXT_SECONDS * 24_000));
      encodeMs.push(performance.now() - t0);
    }
    const firstOff: number[] = [];
    const firstOn: number[] = [];
    let stepsOff = 0;
    let stepsOn = 0;
    let condRows = 0;
    for (const text of LINES) {
      steps.length = 0;
      firstOff.push((await speak(engine, { ...base, text })).firstMs);
      stepsOff += steps.length;
      steps.length = 0;
      firstOn.push((await speak(engine, { ...base, text, context })).firstMs);
      stepsOn += steps.length;
      condRows = steps.filter((s) => s.gate === 'cond').reduce((n, s) => n + s.rows, 0);
    }
    const whole = LINES.join(' ');
    const off = await speak(engine, { ...base, text: whole });
    const on = await speak(engine, { ...base, text: whole, context });
    const rtf = (r: Run) => r.totalMs / 1000 / (r.samples / 24_000);
    const n = LINES.length;

    add({ name: `pocket context ${label}: voice prefix rows (10 s reference, cached per voice)`, value: voice.rows, unit: 'rows', target: 'informational' });
    add({ name: `pocket context ${label}: rows a ${CONTEXT_SECONDS} s context adds to the prefix (one cond step per line)`, value: condRows, unit: 'rows', target: `≤ ${Math.floor(CONTEXT_SECONDS * 12.5)}; prefix ≤ 251 (20 s)` });
    add({ name: `pocket context ${label}: prefix rows with context (every step of the line attends to them)`, value: voice.rows + condRows, unit: 'rows', target: 'informational' });
    add({ name: `pocket context ${label}: graph steps per line without / with context (mean)`, value: round(stepsOff / n), unit: 'steps', target: `with: ${round(stepsOn / n)}` });
    add({ name: `pocket context ${label}: voice encoder over the ${CONTEXT_SECONDS} s context (median of 3)`, value: round(median(encodeMs)), unit: 'ms', target: 'informational' });
    add({ name: `pocket context ${label}: first audio without context (median of ${n})`, value: round(median(firstOff)), unit: 'ms', target: 'informational' });
    add({ name: `pocket context ${label}: first audio with context (median of ${n})`, value: round(median(firstOn)), unit: 'ms', target: '≤ 200 (4-core laptop, int8)' });
    add({ name: `pocket context ${label}: real-time factor without context (${round(off.samples / 24_000)} s)`, value: round(rtf(off), 3), unit: 'x', target: 'informational' });
    add({ name: `pocket context ${label}: real-time factor with context`, value: round(rtf(on), 3), unit: 'x', target: label === 'fixture' ? 'informational' : '≤ 1' });
  } finally {
    await engine.dispose();
    await encoder.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPocketContext(opts: { modelsDir?: string; realModelsDir?: string; onRow?: (r: ContextBenchRow) => void } = {}): Promise<ContextBenchRow[]> {
  const rows: ContextBenchRow[] = [];
  const add = (r: ContextBenchRow): void => {
    rows.push(r);
    opts.onRow?.(r);
  };
  await figures('fixture', opts.modelsDir ?? ensureFixtures(), 1, add);
  const real = opts.realModelsDir ?? process.env.KOE_BENCH_MODELS_DIR;
  if (real && pocketInstalled(real, 'en')) await figures(`real en ${physicalCores()}t`, real, physicalCores(), add);
  return rows;
}
