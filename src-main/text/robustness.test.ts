// The text front end on hostile input: binary, lone surrogates, controls, odd scripts and adversarial
// megabytes never throw and come out clean. How fast the megabytes go is measured in the bench.
import { describe, expect, it } from 'vitest';
import { benchCorpus, benchPrepare } from '../../bench/text';
import { ADVERSARIAL_MEGABYTES } from '../../bench/text-limits';
import { chunkText, normalizeText, prepareText, splitClauses, splitSentences } from './index';

/** Deterministic pseudo-random UTF-16 code units, lone surrogates and controls included. */
function garbage(length: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 0x10000);
  }
  return s;
}

const MB = 1 << 20;
const ODD_INPUTS: [string, string][] = [
  ['empty', ''],
  ['binary', garbage(20_000)],
  ['lone surrogates', '\ud800abc\udc00 \ud83d'],
  ['controls', '\u0000\u0001\u0002\u001b[31mred\u007f\u0085'],
  ['thai', 'สวัสดีครับ วันนี้อากาศดี 25 องศา'],
  ['cyrillic', 'Привет, мир! Сегодня 5 мая 2024 г.'],
  ['only symbols', '$$$ %%% &&& +++ === @@@ ### ~~~ °°° ///'],
  ['unclosed things', '(((( [[[ "" \'\' ... ?? !! http:// @ $. 1. .1 -'],
  ['long digits', '9'.repeat(5000)],
  ['dense numbers', '1-2/3:4,5.6%7$8£9€0¥'.repeat(500)],
];

describe('robustness', () => {
  it.each(ODD_INPUTS)('%s input never throws, in any language', (_name, input) => {
    for (const lang of [undefined, 'en', 'en-gb', 'de', 'th', 'zh']) {
      const { spoken, sentences } = prepareText(input, lang);
      expect(typeof spoken).toBe('string');
      expect(sentences.every((s) => s.trim().length > 0)).toBe(true);
      expect(() => chunkText(spoken, { maxChars: 50, firstMaxChars: 10 })).not.toThrow();
      expect(() => splitClauses(spoken)).not.toThrow();
    }
  });

  it('strips control characters and lone surrogates but keeps newlines, emoji and joiners', () => {
    const out = normalizeText('a\u0000b\u0007c\nd\te \ud800f 😀 می\u200cخواهم', 'fa');
    expect(out).toBe('abc\nd e f 😀 می\u200cخواهم');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f]|\p{Cs}/u.test(normalizeText(garbage(50_000, 7)))).toBe(false);
  });

  // How long each takes (target < 10 s, i.e. no quadratic pass) is measured in bench/text-limits.ts.
  it.each(ADVERSARIAL_MEGABYTES)('handles adversarial megabytes: %s', (_name, input) => {
    const { spoken } = prepareText(input);
    expect(() => splitSentences(input)).not.toThrow();
    expect(() => chunkText(spoken, { maxChars: 300, firstMaxChars: 90 })).not.toThrow();
  });

  // Its throughput (target ≥ 2 MB/s) is the bench's 'text front end' row (bench/run.ts).
  it('normalizes and splits a megabyte of English prose', () => {
    const text = benchCorpus(MB);
    const result = benchPrepare(text, 1);
    expect(result.sentences).toBeGreaterThan(10_000);
    const chunks = chunkText(prepareText(text).spoken, { maxChars: 320, firstMaxChars: 90 });
    expect(chunks[0]!.length).toBeLessThanOrEqual(90);
    expect(chunks.every((c) => c.length <= 320)).toBe(true);
  });
});
