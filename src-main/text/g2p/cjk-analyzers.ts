// The analyzers the Japanese and Mandarin paths read with, one set per thread: kuromoji's
// dictionary and jieba's take seconds to load and tens of megabytes to hold, so every G2P built on a
// thread (the text path rebuilds its G2P when the English lexicons arrive) shares the same ones.
// Whether they are installed is checked without loading them, so the voice list stays cheap.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kuromojiAnalyzer, kuromojiDictionaryPath, type JapaneseAnalyzer } from './japanese/analyzer';
import { jiebaPinyinSegmenter, type MandarinSegmenter } from './mandarin/segmenter';

export interface CjkAnalyzers {
  japanese: JapaneseAnalyzer;
  mandarin: MandarinSegmenter;
  availability(lang: 'j' | 'z'): { available: boolean; reason: string | null };
}

function installed(lang: 'j' | 'z'): string | null {
  try {
    if (lang === 'j') {
      const dict = kuromojiDictionaryPath();
      return existsSync(join(dict, 'base.dat.gz')) ? null : `The Japanese dictionary (kuromoji's IPADIC) is missing from ${dict}; reinstall Koe Studio.`;
    }
    createRequire(import.meta.url).resolve('pinyin-pro');
    return null;
  } catch {
    return lang === 'j' ? 'The Japanese analyzer (kuromoji) is not installed; reinstall Koe Studio.' : 'The Chinese pinyin reader (pinyin-pro) is not installed; reinstall Koe Studio.';
  }
}

let shared: CjkAnalyzers | null = null;

export function defaultCjkAnalyzers(): CjkAnalyzers {
  if (shared) return shared;
  const missing = new Map<'j' | 'z', string | null>();
  shared = {
    japanese: kuromojiAnalyzer(),
    mandarin: jiebaPinyinSegmenter(),
    availability(lang) {
      if (!missing.has(lang)) missing.set(lang, installed(lang));
      const reason = missing.get(lang)!;
      return { available: reason === null, reason };
    },
  };
  return shared;
}
