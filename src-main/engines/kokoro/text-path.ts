// What the Kokoro engine needs from the text side: phonemes for a language (the G2P in
// src-main/text/g2p), a tokenizer onto the model's vocabulary, and a chunker that cuts phonemes
// only where the reference pipelines would (text/g2p/chunk.ts). Injected rather than imported so
// the engine can be tested with a stand-in, and so it runs wherever the G2P can be built (it
// needs espeak and the lexicon files, which the engine worker provides).
import type { G2P, G2PResult } from '../../text/g2p/types';

export interface ChunkLimits {
  /** Whole sentences are packed into one call up to this many ids; a sentence is cut only past 510. */
  maxTokens: number;
  /** The first call's target, so audio starts early: the opening sentence, or its leading clauses. */
  firstChunkMaxTokens: number;
}

export interface KokoroTextPath {
  g2p: Pick<G2P, 'phonemize' | 'availability'>;
  tokenize(phonemes: string): { ids: number[]; dropped: string[] };
  chunk(result: G2PResult, limits: ChunkLimits): string[];
}
