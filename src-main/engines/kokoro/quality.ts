// Quality modes: Fast, Balanced and Best, each a choice of model variant, execution provider and
// chunking. The variant comes from what was measured on this machine (the smallest file is not the
// fastest: published measurements find 8-bit slower than fp32 on CPU), so each mode can show the
// speed it will run at. Without measurements, every mode uses the reference fp32 file.
import { MODEL_PREFERENCE } from './model-files';
import type { ChunkLimits } from './text-path';

export type QualityMode = 'fast' | 'balanced' | 'best';

export interface KokoroMeasurement {
  /** Model file name inside kokoro/onnx (e.g. model.onnx). */
  file: string;
  provider: string;
  threads: number;
  /** Seconds of compute per second of audio. */
  rtf: number;
  firstAudioMs: number;
}

export interface QualityPlan {
  mode: QualityMode;
  /** null: the engine's own preference among installed files. */
  modelFile: string | null;
  chunking: ChunkLimits;
  /** The measured speed of this plan's variant, when known. */
  measured: KokoroMeasurement | null;
  why: string;
}

// A smaller first target starts audio sooner (an opening clause under it is sent alone; nothing is
// ever cut mid-clause for it); a larger packing target puts more whole sentences in one call, which
// is fewer joins. Fast trades a few more joins for speed.
const CHUNKING: Record<QualityMode, ChunkLimits> = {
  fast: { firstChunkMaxTokens: 16, maxTokens: 200 },
  balanced: { firstChunkMaxTokens: 32, maxTokens: 510 },
  best: { firstChunkMaxTokens: 64, maxTokens: 510 },
};

/** Closest to the reference weights first (the order the engine prefers files in). */
function precisionRank(file: string): number {
  const i = (MODEL_PREFERENCE as readonly string[]).indexOf(file);
  return i < 0 ? MODEL_PREFERENCE.length : i;
}

export function qualityPlan(mode: QualityMode, installed: readonly string[], measurements: readonly KokoroMeasurement[]): QualityPlan {
  const usable = measurements.filter((m) => installed.includes(m.file) && m.rtf > 0);
  const bestOf = (file: string) => usable.filter((m) => m.file === file).sort((a, b) => a.rtf - b.rtf)[0] ?? null;
  const byPrecision = [...installed].sort((a, b) => precisionRank(a) - precisionRank(b));
  const reference = byPrecision[0] ?? null;
  const fastest = [...new Set(usable.map((m) => m.file))].map(bestOf).filter((m): m is KokoroMeasurement => !!m).sort((a, b) => a.rtf - b.rtf)[0] ?? null;
  if (mode === 'best' || !fastest) {
    const file = reference;
    return {
      mode,
      modelFile: file,
      chunking: CHUNKING[mode],
      measured: file ? bestOf(file) : null,
      why: fastest ? 'The most precise installed variant, with long chunks for natural phrasing.' : 'Not measured yet: the reference (most precise) installed variant.',
    };
  }
  if (mode === 'fast') {
    return { mode, modelFile: fastest.file, chunking: CHUNKING.fast, measured: fastest, why: 'The fastest variant measured on this machine, with short chunks so audio starts soonest.' };
  }
  // Balanced: the most precise variant that is within 25% of the fastest one's speed.
  const close = byPrecision.map(bestOf).find((m) => m && m.rtf <= fastest.rtf * 1.25) ?? fastest;
  return { mode, modelFile: close.file, chunking: CHUNKING.balanced, measured: close, why: 'The most precise variant within 25% of the fastest measured speed.' };
}
