// The Japanese morphological analyzer: kuromoji with its bundled IPADIC dictionary, which splits a
// sentence into words and gives each its reading and pronunciation in katakana (東京 → トーキョー,
// the particle は → ワ). Loading the dictionary takes seconds and builds large tables on the thread
// that loads it, so it is loaded once, on first use, and callers on a thread that serves others
// reach it through analyzer-thread.ts instead.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { KoeError } from '../../../contract/errors';

export interface Morpheme {
  surface: string;
  /** IPADIC part of speech (名詞, 助詞, 助動詞, 記号…) and its first sub-category. */
  pos: string;
  posDetail: string;
  /** Katakana as spoken (long vowels as ー), or null where the dictionary has none. */
  pronunciation: string | null;
  /** Whether the word is in the dictionary (unknown words carry no reading). */
  known: boolean;
}

export interface JapaneseAnalyzer {
  analyze(text: string): Promise<Morpheme[]>;
}

/** Where kuromoji's dictionary files are, from the installed package. */
export function kuromojiDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

type KuromojiToken = { surface_form: string; pos: string; pos_detail_1: string; pronunciation?: string; reading?: string; word_type: string };
type KuromojiTokenizer = { tokenize(text: string): KuromojiToken[] };

async function buildTokenizer(dicPath: string): Promise<KuromojiTokenizer> {
  const kuromoji = (await import('kuromoji')).default;
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err: Error | null, tokenizer: KuromojiTokenizer) => {
      if (err) reject(new KoeError('engine', `The Japanese dictionary could not be loaded from ${dicPath}: ${err.message}`));
      else resolve(tokenizer);
    });
  });
}

const usable = (s: string | undefined): string | null => (s && s !== '*' ? s : null);

/** kuromoji on this thread, loaded on the first call; a failed load is retried on the next. */
export function kuromojiAnalyzer(dicPath = kuromojiDictionaryPath()): JapaneseAnalyzer & { load(): Promise<void> } {
  let tokenizer: Promise<KuromojiTokenizer> | null = null;
  const get = (): Promise<KuromojiTokenizer> => {
    if (!tokenizer) {
      tokenizer = buildTokenizer(dicPath);
      tokenizer.catch(() => (tokenizer = null));
    }
    return tokenizer;
  };
  return {
    async load() {
      await get();
    },
    async analyze(text: string) {
      const t = await get();
      return t.tokenize(text).map((k) => ({
        surface: k.surface_form,
        pos: k.pos,
        posDetail: k.pos_detail_1,
        pronunciation: usable(k.pronunciation) ?? usable(k.reading),
        known: k.word_type === 'KNOWN',
      }));
    },
  };
}
