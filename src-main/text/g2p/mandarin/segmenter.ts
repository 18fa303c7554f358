// Chinese word segmentation and readings. Words come from jieba (@node-rs/jieba, the same
// algorithm and dictionary as the Python jieba misaki uses), so words are spaced as in the text
// Kokoro's Mandarin voices were trained on; readings come from pinyin-pro, read over the whole
// run of characters so a polyphone is decided by its neighbours (银行 yin2 hang2, 行走 xing2 zou3).
// jieba is native code loaded on first use; should its binary be missing on a platform, the ICU
// word segmenter built into Node stands in (words are spaced differently, readings are the same).
import { KoeError } from '../../../contract/errors';

export interface MandarinSegmenter {
  /** Words of a run of Han characters, in order, covering it exactly. */
  cut(text: string): Promise<string[]>;
  /** One pinyin syllable with tone digit (0 = neutral) per character, or the character itself where it has none. */
  readings(text: string): Promise<string[]>;
}

type Cutter = (text: string) => string[];

async function loadCutter(): Promise<Cutter> {
  try {
    const [{ Jieba }, { dict }] = await Promise.all([import('@node-rs/jieba'), import('@node-rs/jieba/dict.js')]);
    const jieba = Jieba.withDict(dict);
    return (text) => jieba.cut(text, true);
  } catch {
    const icu = new Intl.Segmenter('zh', { granularity: 'word' });
    return (text) => [...icu.segment(text)].map((s) => s.segment);
  }
}

type PinyinFn = (text: string, opts: { toneType: 'num'; type: 'array'; toneSandhi: boolean }) => string[];

export function jiebaPinyinSegmenter(): MandarinSegmenter & { load(): Promise<void> } {
  let cutter: Promise<Cutter> | null = null;
  let pinyin: Promise<PinyinFn> | null = null;
  const getCutter = (): Promise<Cutter> => (cutter ??= loadCutter());
  const getPinyin = (): Promise<PinyinFn> => {
    pinyin ??= import('pinyin-pro').then((m) => m.pinyin as unknown as PinyinFn);
    pinyin.catch(() => (pinyin = null));
    return pinyin;
  };
  return {
    async load() {
      await Promise.all([getCutter(), getPinyin()]);
    },
    async cut(text) {
      const words = (await getCutter())(text);
      if (words.join('') !== text) throw new KoeError('engine', 'The Chinese word segmenter lost characters.');
      return words;
    },
    async readings(text) {
      // Tone sandhi (一, 不) is left out, as in misaki's path for Kokoro v1.0: the voices learned it.
      return (await getPinyin())(text, { toneType: 'num', type: 'array', toneSandhi: false });
    },
  };
}
