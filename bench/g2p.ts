// Speed of the Kokoro text path, for `npm run bench`: how soon the first sentence has phonemes (the
// G2P sits in front of the first audio), measured beside the espeak-only path kokoro-js uses (the
// whole sentence through espeak), on the same sentences. Targets: ≤ 2 ms median per sentence after
// warm-up, and ≥ 10× faster than espeak-only.
import { warmEspeak } from '../src-main/espeak-ng/espeak-wasm';
import { devLexicons, misakiDir } from '../test-support/text/misaki';
import { wasmEspeakIpa } from '../src-main/text/g2p/espeak-ipa';
import { createG2P } from '../src-main/text/g2p/index';
import { Lexicon } from '../src-main/text/g2p/lexicon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../src-main/text/index';
import type { G2P } from '../src-main/text/g2p/types';

export interface G2PBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
}

/** Plain sentences whose words are all in misaki's American gold lexicon. */
export const BENCH_SENTENCES: readonly string[] = [
  'The quick brown fox jumps over the lazy dog.',
  'She walked to the market early in the morning to buy fresh bread.',
  'When the rain stopped, the children ran outside to play in the garden.',
  'I would like to read that book again before the end of the year.',
  'Our team finished the project on time, and everyone was very happy.',
  'Please close the door quietly when you leave the room tonight.',
  'The old man told a long story about the war and his family.',
  'It is important to drink enough water during a hot summer day.',
];

const CORPUS_DIR = fileURLToPath(new URL('data/en-technical/', import.meta.url));
export const TECHNICAL_CORPUS = ['koe-docs.txt', 'public-domain-prose.txt'];

export interface FallbackCount {
  words: number;
  espeak: number;
  /** Each word that reached espeak, with how often. */
  fallbacks: Map<string, number>;
}

/**
 * Words of the technical corpus (bench/data/en-technical) that reach espeak, after the text front
 * end has normalized each paragraph as the studio does.
 */
export async function technicalFallback(g2p: G2P, lang: 'a' | 'b'): Promise<FallbackCount> {
  const text = TECHNICAL_CORPUS.map((f) => readFileSync(join(CORPUS_DIR, f), 'utf8')).join('\n\n');
  const spoken = text
    .split(/\n{2,}/)
    .map((p) => normalizeText(p, lang === 'a' ? 'en-us' : 'en-gb'))
    .join('\n');
  const r = await g2p.phonemize(spoken, lang);
  const count: FallbackCount = { words: 0, espeak: 0, fallbacks: new Map() };
  for (const w of r.words) {
    if (w.source === 'punctuation') continue;
    count.words++;
    if (w.source !== 'espeak') continue;
    count.espeak++;
    count.fallbacks.set(w.text, (count.fallbacks.get(w.text) ?? 0) + 1);
  }
  return count;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function benchG2P(): Promise<G2PBenchRow[]> {
  const files = devLexicons();
  if (!files) {
    return [{ name: `G2P: skipped (misaki lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`, value: 0, unit: '', target: 'informational' }];
  }
  const rows: G2PBenchRow[] = [];

  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await Lexicon.load(files.usGold, files.usSilver, false);
    loads.push(performance.now() - t0);
  }
  rows.push({ name: 'G2P: load + index US lexicons (gold + silver, 6 MB JSON)', value: round(median(loads), 1), unit: 'ms', target: 'informational (once per accent)' });

  const g2p = createG2P({ lexicons: files, espeak: wasmEspeakIpa });
  // Warm-up: lexicon load and JIT.
  for (let i = 0; i < 20; i++) for (const s of BENCH_SENTENCES) await g2p.phonemize(s, 'a');
  const ours: number[] = [];
  for (let i = 0; i < 50; i++) {
    for (const s of BENCH_SENTENCES) {
      const t0 = performance.now();
      await g2p.phonemize(s, 'a');
      ours.push(performance.now() - t0);
    }
  }
  const oursMs = median(ours);
  rows.push({ name: 'G2P: English sentence, in-lexicon words (median)', value: round(oursMs), unit: 'ms', target: '≤ 2' });

  // espeak-only, as kokoro-js does it: one espeak run per sentence. Timed with a spare instance
  // already started (the best case for espeak); the start-up it then skips is reported apart.
  const espeakWarm: number[] = [];
  const espeakCold: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const s of BENCH_SENTENCES) {
      warmEspeak();
      await sleep(300);
      let t0 = performance.now();
      await wasmEspeakIpa.ipa(s, 'en-us');
      espeakWarm.push(performance.now() - t0);
      t0 = performance.now();
      await wasmEspeakIpa.ipa(s, 'en-us');
      espeakCold.push(performance.now() - t0);
    }
  }
  const espeakMs = median(espeakWarm);
  rows.push({ name: 'G2P: espeak-only sentence, kokoro-js style (instance ready, median)', value: round(espeakMs, 1), unit: 'ms', target: 'informational' });
  rows.push({ name: 'G2P: espeak-only sentence incl. instance start (median)', value: round(median(espeakCold), 1), unit: 'ms', target: 'informational' });
  rows.push({ name: 'G2P: speed-up over espeak-only (same sentences)', value: round(espeakMs / oursMs, 1), unit: '×', target: '≥ 10' });

  for (const lang of ['a', 'b'] as const) {
    const c = await technicalFallback(g2p, lang);
    rows.push({
      name: `G2P: ${lang === 'a' ? 'American' : 'British'} words reaching espeak, technical corpus (${c.words} words)`,
      value: round((c.espeak / c.words) * 100, 2),
      unit: '%',
      target: '≤ 2',
    });
  }

  // A sentence with one word no lexicon knows costs one espeak run (cached afterwards).
  const unknown: number[] = [];
  for (let i = 0; i < 5; i++) {
    warmEspeak();
    await sleep(300);
    const t0 = performance.now();
    await g2p.phonemize(`The ship Zorblax${'abcde'[i]}ian sailed at dawn.`, 'a');
    unknown.push(performance.now() - t0);
  }
  rows.push({ name: 'G2P: English sentence with one unknown word (espeak run, median)', value: round(median(unknown), 1), unit: 'ms', target: 'informational' });
  return rows;
}
