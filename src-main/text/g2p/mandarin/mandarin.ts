// Mandarin text → Kokoro phonemes, following misaki's Chinese path for Kokoro v1.0: numbers read
// as characters, CJK punctuation onto Kokoro's marks, runs of Han characters cut into words
// (jieba) and read in pinyin with tones (pinyin-pro), each syllable written in misaki's symbols
// with its tone arrow (pinyin-ipa.ts), words separated by spaces.
//
// misaki's v1.0 path passes Latin letters through untouched; its v1.1 path hands English words to
// the English G2P (`en_callable`). Kokoro's vocabulary cannot read raw letters as English, so
// English words here take the English path whenever one is given.
//
// A character with no reading (a rare hanzi outside the dictionary, kana or hangul in Chinese text)
// is skipped and named in `warnings`; the rest still speaks.
import { throwIfAborted } from '../../../lib/abort';
import { excerpt, joinWords, kokoroPunctuation, type LatinReader } from '../cjk-common';
import type { G2PResult, G2PWord } from '../types';
import { pinyinToIpa } from './pinyin-ipa';
import { readNumbersZh } from './numbers-zh';
import type { MandarinSegmenter } from './segmenter';

/** Han characters, Latin words, whitespace, and everything else one character at a time. */
const RUNS = /(\p{Script=Han}+)|([A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*)|(\s+)|([^\p{L}\p{N}\s]+)|([\p{L}\p{N}])/gu;

export interface MandarinOptions {
  signal?: AbortSignal;
}

export class MandarinG2P {
  constructor(
    private readonly segmenter: MandarinSegmenter,
    private readonly latin: LatinReader | null,
  ) {}

  async phonemize(text: string, opts: MandarinOptions = {}): Promise<G2PResult> {
    // NFKC: full-width letters and digits to ASCII (it also spells … as three dots: put it back).
    const prepared = readNumbersZh(text.normalize('NFKC').replace(/\.{3}/g, '…'));
    const words: G2PWord[] = [];
    const warnings: string[] = [];
    const quotes = { open: false };
    let at = 0;
    for (const m of prepared.matchAll(RUNS)) {
      throwIfAborted(opts.signal);
      const [all, han, latin, space, marks, other] = m;
      const here = at;
      at += [...all].length;
      if (han) await this.readHan(han, here, prepared, words, warnings);
      else if (latin) words.push(await this.readLatin(latin, warnings, opts.signal));
      else if (marks) {
        for (const ch of marks) {
          const mark = kokoroPunctuation(ch, quotes);
          if (mark) words.push({ text: ch, phonemes: mark, source: 'punctuation' });
        }
      } else if (other) {
        warnings.push(`Mandarin: “${other}” in “${excerpt(prepared, here, 1)}” is not Chinese or English and cannot be read; it is skipped.`);
        words.push({ text: other, phonemes: '', source: 'unknown' });
      } else if (space) continue;
    }
    const phonemes = joinWords(words);
    return warnings.length ? { phonemes, words, warnings } : { phonemes, words };
  }

  private async readHan(run: string, runAt: number, prepared: string, words: G2PWord[], warnings: string[]): Promise<void> {
    const chars = [...run];
    let syllables = await this.segmenter.readings(run);
    // pinyin-pro answers one item per character; should it ever not, read character by character.
    if (syllables.length !== chars.length) syllables = (await Promise.all(chars.map((c) => this.segmenter.readings(c)))).map((r) => r[0] ?? '');
    let i = 0;
    for (const word of await this.segmenter.cut(run)) {
      let phonemes = '';
      const unknown: string[] = [];
      for (const ch of word) {
        const ipa = pinyinToIpa(syllables[i] ?? '');
        if (ipa === null) {
          unknown.push(ch);
          warnings.push(`Mandarin: no reading is known for “${ch}” in “${excerpt(prepared, runAt + i, 1)}”; it is skipped.`);
        } else phonemes += ipa;
        i++;
      }
      words.push({ text: word, phonemes, source: unknown.length === [...word].length ? 'unknown' : 'dictionary' });
    }
  }

  private async readLatin(text: string, warnings: string[], signal?: AbortSignal): Promise<G2PWord> {
    if (!this.latin) return { text, phonemes: text.toLowerCase(), source: 'espeak' };
    const r = await this.latin(text, signal);
    if (r.warnings) warnings.push(...r.warnings);
    const spoken = r.words.filter((w) => w.source !== 'punctuation');
    return { text, phonemes: r.phonemes, source: spoken.some((w) => w.source === 'espeak') ? 'espeak' : (spoken[0]?.source ?? 'espeak') };
  }
}
