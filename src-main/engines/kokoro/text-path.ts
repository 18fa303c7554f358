// What the Kokoro engine needs from the text side: phonemes for a language (the G2P in
// src-main/text/g2p), a tokenizer onto the model's vocabulary, and a chunker that cuts phonemes
// at sentence and clause boundaries under the 510-token limit. Injected rather than imported so
// the engine can be tested with a stand-in, and so it runs wherever the G2P can be built (it
// needs espeak and the lexicon files, which the engine worker provides).
import type { G2P, G2PResult } from '../../text/g2p/types';

export interface ChunkLimits {
  maxTokens: number;
  /** The first chunk is kept short so the first audio arrives quickly. */
  firstChunkMaxTokens: number;
}

export interface KokoroTextPath {
  g2p: Pick<G2P, 'phonemize' | 'availability'>;
  tokenize(phonemes: string): { ids: number[]; dropped: string[] };
  chunk(result: G2PResult, limits: ChunkLimits): string[];
}
