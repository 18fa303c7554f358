// Intelligibility for `npm run bench`: every English voice of every installed engine reads the same
// 20 sentences (the first two Harvard lists, the IEEE's standard set for speech intelligibility), and
// an offline recognizer that is not ours (Debian's pocketsphinx with its en-us model) writes down
// what it heard; the row is the word error rate per voice. Kokoro and Pocket voices get rows where
// KOE_BENCH_MODELS_DIR holds their models. The recognizer favours human-like speech and shares
// Flite's CMU dictionary, so the figures rank voices rather than grade them. Skipped, with a note,
// where pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concat, silence } from '../src-main/audio/pcm';
import { resample } from '../src-main/audio/resample';
import { encodeWav } from '../src-main/audio/wav';
import { Core } from '../src-main/core/core';
import type { BenchRow } from './serve';
import { wordErrorRate } from './wer';

export const HARVARD_SENTENCES: readonly string[] = [
  'The birch canoe slid on the smooth planks.',
  'Glue the sheet to the dark blue background.',
  "It's easy to tell the depth of a well.",
  'These days a chicken leg is a rare dish.',
  'Rice is often served in round bowls.',
  'The juice of lemons makes fine punch.',
  'The box was thrown beside the parked truck.',
  'The hogs were fed chopped corn and garbage.',
  'Four hours of steady work faced us.',
  'A large size in stockings is hard to sell.',
  'The boy was there when the sun rose.',
  'A rod is used to catch pink salmon.',
  'The source of the huge river is the clear spring.',
  'Kick the ball straight and follow through.',
  'Help the woman get back to her feet.',
  'A pot of tea helps to pass the evening.',
  'Smoky fires lack flame and heat.',
  "The soft cushion broke the man's fall.",
  'The salt breeze came across from the sea.',
  'The girl at the booth sold fifty bonds.',
];

const RECOGNIZER = 'pocketsphinx_continuous';
const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us/en-us';
/** pocketsphinx's en-us acoustic model is trained on 16 kHz speech. */
const RECOGNIZER_RATE = 16000;

function recognizerInstalled(): boolean {
  return spawnSync(RECOGNIZER, ['-help', 'yes'], { stdio: 'ignore' }).error === undefined && existsSync(MODEL_DIR);
}

/** What pocketsphinx heard in a 16 kHz WAV, one line per utterance it found, joined. */
function recognize(wavPath: string): string {
  const r = spawnSync(RECOGNIZER, ['-infile', wavPath, '-logfn', '/dev/null'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${RECOGNIZER} failed on ${wavPath}: ${r.stderr || `exit ${r.status}`}`);
  return r.stdout.split('\n').join(' ');
}

/** The Flite child: the built one after `npm run build`, else the TypeScript entry through the test hooks. */
function fliteChild(): { script: string; args?: string[] } {
  if (existsSync('out/main/flite-child.js')) return { script: 'out/main/flite-child.js' };
  return { script: 'test-support/ts-child.mjs', args: ['src-main/core/flite-child.ts'] };
}

export async function benchIntelligibility(): Promise<Omit<BenchRow, 'pass'>[]> {
  if (!recognizerInstalled()) {
    process.stdout.write(`(skipping intelligibility: ${RECOGNIZER} or its en-us model is missing; apt-get install pocketsphinx pocketsphinx-en-us)\n`);
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-wer-'));
  const modelsDir = process.env.KOE_BENCH_MODELS_DIR ?? join(dir, 'models');
  const core = await Core.create({ dataDir: join(dir, 'data'), modelsDir, face: { kind: 'cli' }, fliteChild: fliteChild(), resumeRendering: false });
  const rows: Omit<BenchRow, 'pass'>[] = [];
  try {
    // English voices that can speak here; eSpeak's +variants share their base voice's words.
    const voices = core.library.voices.listVoices().filter((v) => v.kind === 'system' && v.available && v.language.startsWith('en') && !v.tags.includes('variant'));
    const gap = silence(800);
    for (const voice of voices) {
      const parts: Float32Array[] = [gap];
      let spoken = 0;
      const t0 = performance.now();
      for (const text of HARVARD_SENTENCES) {
        const pcm = await core.speech.render({ text, voiceId: voice.id, params: { speed: 1, pitch: 50 } });
        spoken += pcm.length;
        parts.push(pcm, gap);
      }
      const rtf = (performance.now() - t0) / 1000 / (spoken / 24000);
      const wav = join(dir, `${voice.id.replace(/[^\w.-]+/g, '_')}.wav`);
      writeFileSync(wav, encodeWav(resample(concat(parts), 24000, RECOGNIZER_RATE), { sampleRate: RECOGNIZER_RATE, bitDepth: 16 }));
      const wer = wordErrorRate(HARVARD_SENTENCES.join(' '), recognize(wav));
      rows.push({ name: `intelligibility: word error rate, ${voice.id} (pocketsphinx, 20 sentences)`, value: Math.round(wer * 1000) / 1000, unit: 'WER', target: 'lower is clearer (rank only)' });
      rows.push({ name: `intelligibility: real-time factor, ${voice.id}`, value: Math.round(rtf * 1000) / 1000, unit: '×', target: 'informational' });
    }
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
