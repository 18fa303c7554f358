// Pitch measurement for tests that check a rendered voice moved the way it should. Test-only.

/**
 * Median fundamental frequency (Hz) over voiced 40 ms frames of 24 kHz audio, by autocorrelation
 * (lags for 60–400 Hz). Frames whose mean square is under `silence` are skipped; 0 when none is voiced.
 */
export function medianF0(pcm: Float32Array, silence = 1e-4): number {
  const f0s: number[] = [];
  const frame = 960;
  for (let at = 0; at + frame <= pcm.length; at += frame) {
    const x = pcm.subarray(at, at + frame);
    let energy = 0;
    for (const v of x) energy += v * v;
    if (energy / frame < silence) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = 60; lag <= 400; lag++) {
      let c = 0;
      for (let i = 0; i + lag < frame; i++) c += x[i]! * x[i + lag]!;
      if (c > best) [best, bestLag] = [c, lag];
    }
    if (bestLag && best / energy > 0.3) f0s.push(24000 / bestLag);
  }
  f0s.sort((a, b) => a - b);
  return f0s[Math.floor(f0s.length / 2)] ?? 0;
}
