// A predictable text path for engine tests: letters stand for themselves as phonemes (ASCII `g`,
// which Kokoro lacks, becomes `ɡ`), punctuation Kokoro knows is kept, and the production chunker
// (chunkForKokoro) cuts the result. With it a test knows exactly how many tokens each chunk has, so
// sample counts, style rows and chunk boundaries can be checked exactly. The real G2P has its own
// tests.
import { KoeError } from '../../src-main/contract/errors';
import type { KokoroLang, PhonemizeOptions } from '../../src-main/text/g2p/types';
import { tokenize } from '../../src-main/text/g2p/vocab';
import type { KokoroTextPath } from '../../src-main/engines/kokoro/text-path';
import { chunkForKokoro } from '../../src-main/text/g2p/chunk';

export interface StandInLog {
  phonemized: { text: string; lang: KokoroLang; user: PhonemizeOptions['user'] }[];
  chunks: string[][];
}

const UNAVAILABLE: Partial<Record<KokoroLang, string>> = { j: 'the stand-in has no Japanese G2P', z: 'the stand-in has no Mandarin G2P' };

function phonemes(text: string): string {
  return text
    .toLowerCase()
    .replace(/g/g, 'ɡ')
    .replace(/[^a-zɡ.,!?;:—…” ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function standInTextPath(log?: StandInLog): KokoroTextPath {
  return {
    g2p: {
      async phonemize(text, lang, opts) {
        if (UNAVAILABLE[lang]) throw new KoeError('unsupported', UNAVAILABLE[lang]!);
        log?.phonemized.push({ text, lang, user: opts?.user });
        const ps = phonemes(text);
        return { phonemes: ps, words: ps.split(' ').map((w) => ({ text: w, phonemes: w, source: 'gold' as const })) };
      },
      availability(lang) {
        const reason = UNAVAILABLE[lang];
        return reason ? { available: false, reason } : { available: true, reason: null };
      },
    },
    tokenize,
    chunk(result, limits) {
      const chunks = chunkForKokoro(result, limits);
      log?.chunks.push(chunks);
      return chunks;
    },
  };
}
