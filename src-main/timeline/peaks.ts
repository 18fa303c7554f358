// Waveform overviews of takes for the timeline: min/max per bucket of PEAK_SAMPLES samples, as
// signed bytes. A take's audio never changes once stored, so its peaks are computed once and kept
// in a byte-capped LRU; scrolling a 1,000-line timeline then costs lookups, not decodes of PCM
// from SQLite. Trim, gain and fades are left to the renderer: they change on every drag, the take
// does not, so baking them in here would throw the cache away on each edit.
import type { TakeRow, TimelineRepo } from '../library/timeline-repo';

/** 80 samples at 24 kHz = 300 buckets a second: ~2.7 px a bucket at the closest zoom (800 px/s). */
export const PEAK_SAMPLES = 80;

/** Interleaved [min, max] per bucket, each scaled from [-1, 1] to [-127, 127] (clipped). */
export function computePeaks(pcm: Float32Array, samplesPerPeak = PEAK_SAMPLES): Int8Array {
  const buckets = Math.ceil(pcm.length / samplesPerPeak);
  const out = new Int8Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    const from = b * samplesPerPeak;
    const to = Math.min(pcm.length, from + samplesPerPeak);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      const v = pcm[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    out[b * 2] = quantize(lo);
    out[b * 2 + 1] = quantize(hi);
  }
  return out;
}

function quantize(v: number): number {
  // Round away from zero so a quiet but present sound never draws as silence.
  const q = v < 0 ? Math.floor(v * 127) : Math.ceil(v * 127);
  return Math.max(-127, Math.min(127, q));
}

/** Byte-capped LRU of take peaks. Keyed by id and shape so a reused row id never serves old peaks. */
export class PeakCache {
  private readonly entries = new Map<string, Int8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size;
  }

  /** Peaks of a take; `load` reads its PCM only on a miss. null when the take has no audio stored. */
  get(take: Pick<TakeRow, 'id' | 'samples' | 'createdAt'>, load: () => Float32Array | null): Int8Array | null {
    const key = `${take.id}:${take.samples}:${take.createdAt}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pcm = load();
    if (!pcm) return null;
    const peaks = computePeaks(pcm);
    this.entries.set(key, peaks);
    this.bytes += peaks.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= v.byteLength;
    }
    return peaks;
  }
}

export interface ClipPeaks {
  lineId: number;
  takeId: number;
  /** Samples in the whole take, before trims. */
  samples: number;
  peaks: Int8Array;
}

/**
 * Peaks of the selected take of each line asked for. Lines of another project, lines that went
 * away with a script edit and lines not rendered yet are left out rather than failing the batch:
 * the timeline asks for what it shows, and that can change between its view and this call.
 */
export function selectedTakePeaks(repo: Pick<TimelineRepo, 'clip' | 'takesOf' | 'takePcm'>, cache: PeakCache, projectId: string, lineIds: readonly number[]): ClipPeaks[] {
  const out: ClipPeaks[] = [];
  for (const lineId of new Set(lineIds)) {
    if (!repo.clip(projectId, lineId)) continue;
    const take = repo.takesOf(lineId).find((t) => t.selected);
    if (!take) continue;
    const peaks = cache.get(take, () => repo.takePcm(take.id));
    if (peaks) out.push({ lineId, takeId: take.id, samples: take.samples, peaks });
  }
  return out;
}
