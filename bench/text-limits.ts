// Text at its limits, for `npm run bench`: adversarial megabytes through the text front end and a
// 20,000-word line through Kokoro's chunker. Each bound only catches an accidental quadratic pass
// (a linear run takes a small fraction of it), so it is a speed target, not behaviour: it lives
// here, and robustness.test.ts and chunk.test.ts check that the same inputs come out right.
import { chunkText, prepareText, splitSentences } from '../src-main/text/index';
import { chunkForKokoro } from '../src-main/text/g2p/chunk';
import type { BenchRow } from './serve';

const MB = 1 << 20;
const ADVERSARIAL_TARGET_MS = 10_000;
const LONG_LINE_TARGET_MS = 2000;

/** Inputs built to make a careless regex or splitter quadratic: [name, text]. */
export const ADVERSARIAL_MEGABYTES: [string, string][] = [
  ['a megabyte of full stops', '.'.repeat(MB) + 'a'],
  ['a megabyte of thousands separators', '1,000'.repeat(MB / 5) + '0'],
  ['a megabyte of one-letter sentences', 'a.'.repeat(MB / 2) + '@'],
  ['a megabyte-long URL', `https://${'a'.repeat(MB)}.`],
  ['a megabyte-long path', `${'a/'.repeat(MB / 2)}b.md`],
  ['a megabyte of snake_case without an extension', `${'x_'.repeat(MB / 2)}y`],
  ['a megabyte of Roman numerals after a capital', 'Part II '.repeat(MB / 8)],
];

const round = (x: number): number => Math.round(x);

function timed(work: () => void): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

/** The 20,000-word line of chunk.test.ts: phoneme words, no punctuation, so no clause mark to cut at. */
function longPhonemeLine(words: number): string {
  return Array.from({ length: words }, (_, i) => `wˈɜɹd${'ə'.repeat(i % 5)}`).join(' ');
}

export async function benchTextLimits(): Promise<BenchRow[]> {
  const rows: BenchRow[] = ADVERSARIAL_MEGABYTES.map(([name, input]) => {
    const ms = timed(() => {
      const { spoken } = prepareText(input);
      splitSentences(input);
      chunkText(spoken, { maxChars: 300, firstMaxChars: 90 });
    });
    return { name: `text front end, ${name}: prepare + split + chunk`, value: round(ms), unit: 'ms', target: `< ${ADVERSARIAL_TARGET_MS}`, pass: ms < ADVERSARIAL_TARGET_MS };
  });
  const line = longPhonemeLine(20_000);
  const ms = timed(() => chunkForKokoro(line));
  rows.push({ name: 'Kokoro chunker: a 20,000-word line without punctuation', value: round(ms), unit: 'ms', target: `< ${LONG_LINE_TARGET_MS}`, pass: ms < LONG_LINE_TARGET_MS });
  return rows;
}
