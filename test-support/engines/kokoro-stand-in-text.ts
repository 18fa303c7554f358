// A predictable text path for engine tests: letters stand for themselves as phonemes (ASCII `g`,
// which Kokoro lacks, becomes `ɡ`), punctuation is kept, and the chunker packs words greedily at
// sentence, clause and word boundaries. With it a test knows exactly how many tokens each chunk
// has, so sample counts and style rows can be checked to the sample. The real G2P has its own tests.
import { KoeError } from '../../src-main/contract/errors';
import type { G2PResult, KokoroLang, PhonemizeOptions } from '../../src-main/text/g2p/types';
import { tokenize } from '../../src-main/text/g2p/vocab';
import type { ChunkLimits, KokoroTextPath } from '../../src-main/engines/kokoro/text-path';

export interface StandInLog {
  phonemized: { text: string; lang: KokoroLang; user: PhonemizeOptions['user'] }[];
  chunks: string[][];
}

const UNAVAILABLE: Partial<Record<KokoroLang, string>> = { j: 'the stand-in has no Japanese G2P', z: 'the stand-in has no Mandarin G2P' };

function phonemes(text: string): string {
  return text
    .toLowerCase()
    .replace(/g/g, 'ɡ')
    .replace(/[^a-zɡ.,!?;: ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Greedy packing of pieces ending at `marks`, then at spaces, under the token limits. */
function chunk(result: G2PResult, limits: ChunkLimits): string[] {
  const words = result.phonemes.split(' ').filter(Boolean);
  const out: string[] = [];
  let current: string[] = [];
  const count = (ws: string[]): number => tokenize(ws.join(' ')).ids.length;
  const limit = (): number => (out.length === 0 ? limits.firstChunkMaxTokens : limits.maxTokens);
  for (const w of words) {
    if (current.length && count([...current, w]) > limit()) {
      // Prefer to cut after the last clause or sentence mark inside the chunk.
      let cut = current.length;
      for (let i = current.length - 1; i > 0; i--) if (/[.!?,;:]$/.test(current[i - 1]!)) { cut = i; break; }
      out.push(current.slice(0, cut).join(' '));
      current = current.slice(cut);
    }
    current.push(w);
  }
  if (current.length) out.push(current.join(' '));
  return out;
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
      const chunks = chunk(result, limits);
      log?.chunks.push(chunks);
      return chunks;
    },
  };
}
