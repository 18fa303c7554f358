// One small seedable generator (xorshift32) for the places that need the same numbers every run:
// dither in WAV files (an export is reproducible byte for byte), the room tone under an audiobook
// (every pass over the mix must hear the same noise), and the test signals. Math.random cannot be
// seeded, and none of these needs more than 32 bits of state.

/** Uniform numbers in [0, 1), the same sequence for the same seed (0 is taken as 1). */
export function xorshift32(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
