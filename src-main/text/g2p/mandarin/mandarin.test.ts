// The Mandarin path with its real analyzers (jieba, pinyin-pro). Readings of polyphones are the
// CC-CEDICT entries for the words (tone numbers, 5 = neutral tone), which agree with the Xinhua
// dictionary (《新华字典》) for these words; the phonemes expected for whole words are composed by
// hand from those readings with the table in pinyin-ipa.test.ts, not taken from the code.
import { describe, expect, it } from 'vitest';
import type { G2PResult } from '../types';
import { MandarinG2P } from './mandarin';
import { pinyinToIpa } from './pinyin-ipa';
import { jiebaPinyinSegmenter } from './segmenter';
import { POLYPHONES } from '../../../../test-support/text/polyphones-zh';

const segmenter = jiebaPinyinSegmenter();
/** Latin words come back marked, so the test sees what reached the English path. */
const latin = async (text: string): Promise<G2PResult> => ({ phonemes: `<${text}>`, words: [{ text, phonemes: `<${text}>`, source: 'gold' }] });
const g2p = new MandarinG2P(segmenter, latin);


/** Known misses of pinyin-pro 3.29 on this set (the word's other reading is chosen). */
const KNOWN_MISSES = new Set(['还钱', '背', '教书']);

const expectedPhonemes = (reading: string): string => reading.split(' ').map((s) => pinyinToIpa(s)!).join('');

describe('Mandarin G2P (jieba + pinyin-pro)', () => {
  it('reads polyphones as CC-CEDICT has them, bar the known misses', { timeout: 60_000 }, async () => {
    const wrong: string[] = [];
    for (const [sentence, word, reading] of POLYPHONES) {
      const r = await g2p.phonemize(sentence);
      // The word's phonemes are its syllables' run together (a word may sit inside a longer one).
      const joined = r.words.map((w) => w.phonemes).join('');
      if (!joined.includes(expectedPhonemes(reading))) wrong.push(word);
    }
    expect(wrong.filter((w) => !KNOWN_MISSES.has(w))).toEqual([]);
    expect(POLYPHONES.length - wrong.length).toBeGreaterThanOrEqual(POLYPHONES.length - KNOWN_MISSES.size);
  });

  it('spaces words as jieba cuts them and writes tones as arrows', async () => {
    // 我们 wo3 men5, 然后 ran2 hou4, 回家 hui2 jia1 (CC-CEDICT).
    const r = await g2p.phonemize('我们然后回家。');
    expect(r.phonemes).toBe('wo↓mən ɻa↗nxou↘ xwei↗ʨja→.');
    expect(r.words.map((w) => w.text)).toEqual(['我们', '然后', '回家', '。']);
  });

  it('reads numbers, dates and money in Chinese', async () => {
    // 二零二四 er4 ling2 er4 si4; 年 nian2.
    const r = await g2p.phonemize('2024年');
    expect(r.phonemes.replace(/ /g, '')).toBe(expectedPhonemes('er4 ling2 er4 si4 nian2'));
    const money = await g2p.phonemize('¥5');
    expect(money.phonemes.replace(/ /g, '')).toBe(expectedPhonemes('wu3 yuan2'));
  });

  it('hands English words to the English path, as misaki does with en_callable', async () => {
    const r = await g2p.phonemize('我喜欢iPhone和Hello World');
    expect(r.words.filter((w) => w.phonemes.startsWith('<')).map((w) => w.text)).toEqual(['iPhone', 'Hello World']);
    expect(r.warnings).toBeUndefined();
  });

  it('skips a rare hanzi or another script with a warning that names the place, and reads the rest', async () => {
    // U+2A6A5 (four dragons) has no reading in pinyin-pro's dictionary; こ is Japanese kana.
    const r = await g2p.phonemize('他写了\u{2A6A5}字和こ');
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings![0]).toMatch(/“\u{2A6A5}” in “他写了\u{2A6A5}字和こ”/u);
    expect(r.warnings![1]).toMatch(/“こ”.*cannot be read/);
    expect(r.phonemes).toContain(expectedPhonemes('zi4'));
    expect(r.words.find((w) => w.text === 'こ')).toMatchObject({ source: 'unknown', phonemes: '' });
  });

  it('opens and closes straight quotes in turn', async () => {
    // 他说 ta1 shuo1, 好 hao3.
    expect((await g2p.phonemize('他说"好"')).phonemes).toBe(`${expectedPhonemes('ta1')} ${expectedPhonemes('shuo1')} “${expectedPhonemes('hao3')}”`);
  });

  it('keeps an ellipsis one mark', async () => {
    expect((await g2p.phonemize('好……')).phonemes).toBe(`${expectedPhonemes('hao3')}……`);
  });

  it('maps CJK punctuation onto Kokoro marks', async () => {
    // jieba cuts 是吗 into 是 and 吗.
    const r = await g2p.phonemize('你好，世界！「是吗？」');
    expect(r.phonemes).toBe(`${expectedPhonemes('ni3 hao3')}, ${expectedPhonemes('shi4 jie4')}! “${expectedPhonemes('shi4')} ${expectedPhonemes('ma5')}?”`);
  });
});
