// Throughput check for the text front end (target: normalize + sentence split at 2 MB/s or more on
// one core). Lives beside the code so the corpus exercises every rule the normalizer has; the
// test suite runs a small version of it and the bench script can run the full megabyte.
import { prepareText } from '../src-main/text/index';

const PARAGRAPHS = [
  'On March 3, 2021, Dr. Smith paid $1,234.56 for 3.5 kg of coffee at 7 a.m. and drove 15 km home.',
  'The 1990s were good to Mr. Jones: he earned £2.5m by 1999, i.e. about 45% more than in 1984.',
  'Call (555) 123-4567 or e-mail jane.doe@example.com before 12/25/2024; see https://example.com/help for more.',
  'It was 20°C at 3:45 pm on 2024-06-01, so we walked 1-2 miles, approx. 3/4 of the way to St. Paul\'s.',
  'Prof. Brown said the 22nd test used 100 MB of RAM, 2 GB of disk and ran at 60 Hz for 5 ms, e.g. fast.',
  'In 1066 the battle was fought; by the 103rd day, No. 5 Squadron had lost 1,200 men & 40 horses.',
  'She read "The Hobbit" by J. R. R. Tolkien... then slept! Did she wake at 6:30? Yes, at 6:30 sharp.',
  'A plain sentence without numbers keeps the mix honest, because most prose is simply words and commas.',
];

/** Varied English prose with numbers, dates, money and links, repeated to about `bytes` bytes. */
export function benchCorpus(bytes = 1 << 20): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = PARAGRAPHS[i % PARAGRAPHS.length]!;
    parts.push(p);
    size += p.length + 1;
    if (i % 5 === 4) parts.push('\n');
  }
  return parts.join(' ').slice(0, bytes);
}

export interface BenchResult {
  bytes: number;
  ms: number;
  mbPerSecond: number;
  sentences: number;
}

/** Best of `runs` timings of prepareText (normalize + split) over the corpus. */
export function benchPrepare(text = benchCorpus(), runs = 3, language = 'en'): BenchResult {
  let best = Infinity;
  let sentences = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sentences = prepareText(text, language).sentences.length;
    best = Math.min(best, performance.now() - t0);
  }
  const bytes = new TextEncoder().encode(text).length;
  return { bytes, ms: best, mbPerSecond: bytes / (1 << 20) / (best / 1000), sentences };
}
