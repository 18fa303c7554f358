// The export mixer: clips (gain, fades, trims) on tracks (gain, mute, solo, pan) summed into a mono
// or stereo mix and, alongside, one stem per heard track. It works block by block — a ten-hour
// project is mixed in 64k-sample pieces straight into the encoders — and reads each take only while
// the pass is inside it, so an export never holds the programme (or every take) in memory, and a
// loudness pass can simply run the mix again.
//
// Stems sum to the mix exactly: each block's mix is built by adding the stems into it in track
// order, so adding the stems in that order in float32 gives the mix bit for bit. Stereo uses an
// equal-power pan (left cos θ, right sin θ, θ = (pan + 1)·π/4): a centred voice gets −3 dB in each
// channel, which BS.1770 (summing channel powers) measures at exactly the loudness of the mono mix.
import { audibleTracks, fadeInGain, loadClip, placeClips, resolveRange, timelineEnd, type ExportTimeline, type ExportTrack, type PlacedClip, type SampleRange } from './timeline';
import { xorshift32 } from '../../lib/xorshift';

export interface MixerOptions {
  /** Part of the timeline to mix; null or absent = from 0 to the end of the last heard clip. */
  range?: SampleRange | null;
  /** 1 = mono (pan ignored), 2 = stereo with equal-power pan. */
  channels?: 1 | 2;
  /** Samples per block; the default keeps every buffer comfortably in cache. */
  blockSize?: number;
  /**
   * Room tone around and under the programme (audiobook delivery): this much of it before the
   * first sample and after the last, and a bed at this RMS level (linear, 0 for digital silence)
   * under the whole mix. Stems get the same head and tail as silence, so they stay aligned.
   */
  roomTone?: { headSamples: number; tailSamples: number; bedRms: number };
}

export interface MixBlock {
  /** Position of the block's first sample within the mixed range. */
  offset: number;
  length: number;
  /** One array per channel, `length` long. Reused: valid until the iterator is advanced. */
  mix: Float32Array[];
  /** Per stem track (same order as Mixer.stemTracks), one array per channel. Reused like `mix`. */
  stems: Float32Array[][];
}

const DEFAULT_BLOCK = 65536;

export class Mixer {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  /** The mixed span of the timeline. */
  readonly range: SampleRange;
  /** Tracks that are heard and have at least one clip: one stem each, in project order. */
  readonly stemTracks: ExportTrack[];
  private readonly placed: PlacedClip[];
  private readonly stemOf: Int32Array;
  private readonly panGains: number[][];
  private readonly blockSize: number;
  /** Samples of room tone before and after the range (0 without room tone). */
  readonly head: number;
  readonly tail: number;
  private readonly bedRms: number;

  constructor(timeline: ExportTimeline, opts: MixerOptions = {}) {
    this.sampleRate = timeline.sampleRate;
    this.channels = opts.channels ?? 1;
    if (this.channels !== 1 && this.channels !== 2) throw new RangeError(`the mixer makes 1 or 2 channels, got ${String(opts.channels)}`);
    this.blockSize = opts.blockSize ?? DEFAULT_BLOCK;
    if (!Number.isInteger(this.blockSize) || this.blockSize < 1) throw new RangeError(`block size must be a whole number ≥ 1, got ${this.blockSize}`);
    const audible = audibleTracks(timeline);
    const all = placeClips(timeline);
    this.placed = all.filter((p) => audible[p.trackIndex]);
    this.range = resolveRange(opts.range, timelineEnd(this.placed));
    const tone = opts.roomTone;
    if (tone && !(Number.isInteger(tone.headSamples) && tone.headSamples >= 0 && Number.isInteger(tone.tailSamples) && tone.tailSamples >= 0 && tone.bedRms >= 0 && tone.bedRms < 0.1)) throw new RangeError('room tone needs whole head and tail sample counts ≥ 0 and a bed level from 0 to 0.1');
    this.head = tone?.headSamples ?? 0;
    this.tail = tone?.tailSamples ?? 0;
    this.bedRms = tone?.bedRms ?? 0;
    const used = new Set(this.placed.map((p) => p.trackIndex));
    this.stemOf = new Int32Array(timeline.tracks.length).fill(-1);
    this.stemTracks = [];
    timeline.tracks.forEach((tr, i) => {
      if (!used.has(i)) return;
      this.stemOf[i] = this.stemTracks.length;
      this.stemTracks.push(tr);
    });
    this.panGains = this.stemTracks.map((tr) => {
      if (this.channels === 1) return [1];
      const theta = (((tr.pan ?? 0) + 1) * Math.PI) / 4;
      return [Math.cos(theta), Math.sin(theta)];
    });
  }

  /** Length of the mix (and of every stem) in samples, room tone included. */
  get length(): number {
    return this.head + (this.range.end - this.range.start) + this.tail;
  }

  /** A fresh pass over the range; call again for another pass (e.g. after measuring loudness). */
  *blocks(): Generator<MixBlock, void, undefined> {
    const size = Math.min(this.blockSize, Math.max(1, this.length));
    const track = this.stemTracks.map(() => new Float32Array(size));
    const stems = this.stemTracks.map(() => Array.from({ length: this.channels }, () => (this.channels === 1 ? null : new Float32Array(size))));
    const mix = Array.from({ length: this.channels }, () => new Float32Array(size));
    // Takes the pass is inside: read when the pass reaches them, dropped once it is past them.
    const live = new Map<PlacedClip, Float32Array>();
    const bed = this.bedRms > 0 ? roomTone(this.bedRms) : null;
    for (let offset = 0; offset < this.length; offset += size) {
      const length = Math.min(size, this.length - offset);
      // Timeline samples this block covers; before the range (head) or after it (tail) nothing plays.
      const from = this.range.start + offset - this.head;
      const to = from + length;
      for (const t of track) t.fill(0, 0, length);
      for (const p of live.keys()) if (p.end <= from) live.delete(p);
      for (const p of this.placed) {
        if (p.start >= to) break; // sorted by start
        if (p.end <= from) continue;
        if (p.start >= this.range.end || p.end <= this.range.start) continue;
        let pcm = live.get(p);
        if (!pcm) live.set(p, (pcm = loadClip(p.clip.pcm, p.clip.id ? `Clip "${p.clip.id}"` : 'A clip')));
        addClip(track[this.stemOf[p.trackIndex]!]!, p, pcm, Math.max(from, this.range.start), Math.min(to, this.range.end), from);
      }
      for (const m of mix) m.fill(0, 0, length);
      const stemViews: Float32Array[][] = [];
      for (let s = 0; s < track.length; s++) {
        const views: Float32Array[] = [];
        for (let c = 0; c < this.channels; c++) {
          let v: Float32Array;
          if (this.channels === 1) v = track[s]!.subarray(0, length);
          else {
            const g = this.panGains[s]![c]!;
            v = stems[s]![c]!.subarray(0, length);
            const src = track[s]!;
            for (let i = 0; i < length; i++) v[i] = src[i]! * g;
          }
          const m = mix[c]!;
          for (let i = 0; i < length; i++) m[i]! += v[i]!;
          views.push(v);
        }
        stemViews.push(views);
      }
      if (bed) for (const m of mix) bed(m, length, offset);
      yield { offset, length, mix: mix.map((m) => m.subarray(0, length)), stems: stemViews };
    }
  }
}

/** Adds the part of clip `p` that falls in timeline [from, to) into `out` (indexed from `origin`). */
function addClip(out: Float32Array, p: PlacedClip, pcm: Float32Array, from: number, to: number, origin = from): void {
  const a = Math.max(p.start, from);
  const b = Math.min(p.end, to);
  const len = p.end - p.start;
  const fadeOutFrom = len - p.fadeOut;
  const g = p.gain;
  // Clip positions k: fades only at the ends, so the middle (almost all of a clip) is a plain
  // multiply-add with no per-sample tests.
  const k0 = a - p.start;
  const k1 = b - p.start;
  const bodyFrom = Math.min(k1, Math.max(k0, p.fadeIn));
  const bodyTo = Math.max(bodyFrom, Math.min(k1, fadeOutFrom));
  const src = p.srcStart;
  const at = p.start - origin;
  for (let k = k0; k < bodyFrom; k++) out[at + k]! += pcm[src + k]! * edgeGain(p, g, k, len, fadeOutFrom);
  for (let k = bodyFrom; k < bodyTo; k++) out[at + k]! += pcm[src + k]! * g;
  for (let k = bodyTo; k < k1; k++) out[at + k]! += pcm[src + k]! * edgeGain(p, g, k, len, fadeOutFrom);
}

/** A clip's gain at position k where a fade may apply (either fade, or both on a short clip). */
function edgeGain(p: PlacedClip, g: number, k: number, len: number, fadeOutFrom: number): number {
  let gain = g;
  if (k < p.fadeIn) gain *= fadeInGain(k, p.fadeIn);
  if (k >= fadeOutFrom) gain *= fadeInGain(len - 1 - k, p.fadeOut);
  return gain;
}

/** The whole mix (and stems) as buffers; for tests, previews and short ranges. */
export function mixToBuffers(timeline: ExportTimeline, opts: MixerOptions = {}): { mix: Float32Array[]; stems: Float32Array[][]; stemTracks: ExportTrack[] } {
  const m = new Mixer(timeline, opts);
  const mix = Array.from({ length: m.channels }, () => new Float32Array(m.length));
  const stems = m.stemTracks.map(() => Array.from({ length: m.channels }, () => new Float32Array(m.length)));
  for (const b of m.blocks()) {
    b.mix.forEach((c, i) => mix[i]!.set(c, b.offset));
    b.stems.forEach((s, t) => s.forEach((c, i) => stems[t]![i]!.set(c, b.offset)));
  }
  return { mix, stems, stemTracks: m.stemTracks };
}

/**
 * A steady, quiet noise floor ("room tone") at `rms`, the same samples on every pass: the loudness,
 * limiter and encoding passes must all see one signal, so each block's noise is seeded by its offset.
 */
function roomTone(rms: number): (out: Float32Array, length: number, offset: number) => void {
  // Uniform noise in [−a, a] has RMS a/√3.
  const a = rms * Math.sqrt(3);
  return (out, length, offset) => {
    const r = xorshift32(0x9e3779b9 ^ Math.imul(offset + 1, 0x85ebca6b));
    for (let i = 0; i < length; i++) out[i]! += a * (2 * r() - 1);
  };
}
