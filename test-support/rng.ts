// The one seeded random generator for tests, benches and the fixture generator (mulberry32): a
// generated signal or fixture graph comes out the same on every run, so a failing test fails the
// same way every time. Production code with seeded noise keeps its own (Pocket TTS's NoiseSource,
// engines/pocket/rng.ts, whose sequence follows the reference runtime), so neither a test helper
// nor the engine can shift the other's numbers by changing.

/** Uniform numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
