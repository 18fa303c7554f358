// A recorded take and what is done to it before it leaves the page: collecting the capture's
// blocks, trimming, the waveform's outline, and packing it as the little-endian float32 base64 the
// `pcm` source of clone.check and clone.create takes.

export interface Take {
  /** Mono samples at `sampleRate` (the microphone's own rate: the core resamples properly). */
  pcm: Float32Array;
  sampleRate: number;
}

/** Longest take the recorder keeps: clone.* calls refuse more, and the encoder uses 20 s at most. */
export const MAX_TAKE_SEC = 20;
/** Shortest speech the core's checks accept (they report less as an error). */
export const MIN_TAKE_SEC = 6;
/**
 * The highest rate sent as is. 20 s at 48 kHz is 5.1 MB of base64, inside the server's 8 MB
 * message limit; a 96 kHz interface would double that, so such takes are halved first.
 */
export const MAX_SEND_RATE = 48_000;

/** Collects capture blocks without reallocating on every one; stops growing at `maxSec`. */
export class TakeBuffer {
  private readonly blocks: Float32Array[] = [];
  private frames = 0;
  private readonly maxFrames: number;

  constructor(readonly sampleRate: number, maxSec = MAX_TAKE_SEC) {
    this.maxFrames = Math.round(maxSec * sampleRate);
  }

  /** Returns false once the take is full (the caller stops the recording). */
  append(block: Float32Array): boolean {
    const room = this.maxFrames - this.frames;
    if (room <= 0) return false;
    const part = block.length <= room ? block : block.subarray(0, room);
    this.blocks.push(part.slice());
    this.frames += part.length;
    return this.frames < this.maxFrames;
  }

  get seconds(): number {
    return this.frames / this.sampleRate;
  }

  take(): Take {
    const pcm = new Float32Array(this.frames);
    let at = 0;
    for (const b of this.blocks) {
      pcm.set(b, at);
      at += b.length;
    }
    return { pcm, sampleRate: this.sampleRate };
  }
}

export interface Trim {
  startSec: number;
  endSec: number;
}

/** Keeps a trim inside the take and at least `minGapSec` long, moving the edge that was not edited. */
export function clampTrim(trim: Trim, durationSec: number, minGapSec = 0.5): Trim {
  const gap = Math.min(minGapSec, durationSec);
  let start = Math.min(Math.max(0, trim.startSec), durationSec);
  let end = Math.min(Math.max(0, trim.endSec), durationSec);
  if (end - start < gap) {
    if (start + gap <= durationSec) end = start + gap;
    else {
      end = durationSec;
      start = durationSec - gap;
    }
  }
  return { startSec: start, endSec: end };
}

export function trimmed(take: Take, trim: Trim): Take {
  const from = Math.max(0, Math.round(trim.startSec * take.sampleRate));
  const to = Math.min(take.pcm.length, Math.round(trim.endSec * take.sampleRate));
  return { pcm: take.pcm.slice(from, Math.max(from, to)), sampleRate: take.sampleRate };
}

/** Min and max of each of `buckets` equal slices: enough to draw a waveform of any length. */
export function waveformPeaks(pcm: Float32Array, buckets: number): { min: Float32Array; max: Float32Array } {
  const n = Math.max(1, Math.floor(buckets));
  const min = new Float32Array(n);
  const max = new Float32Array(n);
  if (pcm.length === 0) return { min, max };
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * pcm.length) / n);
    const to = Math.max(from + 1, Math.floor(((b + 1) * pcm.length) / n));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to && i < pcm.length; i++) {
      const x = pcm[i]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    min[b] = lo === Infinity ? 0 : lo;
    max[b] = hi === -Infinity ? 0 : hi;
  }
  return { min, max };
}

/**
 * Lowers a take above MAX_SEND_RATE by a whole factor: a windowed-sinc low-pass at the new
 * Nyquist, then every n-th sample. Dropping samples without the filter would fold the recording's
 * top octave back down into the voice as whistles.
 */
export function limitRate(take: Take, maxRate = MAX_SEND_RATE): Take {
  const factor = Math.ceil(take.sampleRate / maxRate);
  if (factor <= 1) return take;
  const taps = lowPass(0.45 / factor, 32 * factor + 1);
  const half = (taps.length - 1) / 2;
  const out = new Float32Array(Math.floor(take.pcm.length / factor));
  const src = take.pcm;
  for (let o = 0; o < out.length; o++) {
    const c = o * factor;
    let acc = 0;
    for (let k = 0; k < taps.length; k++) {
      const i = c + k - half;
      if (i >= 0 && i < src.length) acc += src[i]! * taps[k]!;
    }
    out[o] = acc;
  }
  return { pcm: out, sampleRate: take.sampleRate / factor };
}

/** Windowed-sinc (Blackman) low-pass taps, unity gain at DC; `cutoff` as a fraction of the rate. */
function lowPass(cutoff: number, length: number): Float32Array {
  const taps = new Float32Array(length);
  const m = length - 1;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const x = i - m / 2;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / m) + 0.08 * Math.cos((4 * Math.PI * i) / m);
    taps[i] = sinc * w;
    sum += taps[i]!;
  }
  for (let i = 0; i < length; i++) taps[i]! /= sum;
  return taps;
}

/** Little-endian float32 whatever the platform's byte order, as the contract's `pcm` source says. */
export function float32LeBytes(pcm: Float32Array): Uint8Array {
  const bytes = new Uint8Array(pcm.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < pcm.length; i++) view.setFloat32(i * 4, pcm[i]!, true);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  // In slices: String.fromCharCode over megabytes at once overflows the argument stack.
  let bin = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) bin += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(bin);
}

/** The take as the contract's `pcm` audio source. */
export function pcmSource(take: Take): { kind: 'pcm'; base64: string; sampleRate: number; channels: 1 } {
  const sent = limitRate(take);
  return { kind: 'pcm', base64: bytesToBase64(float32LeBytes(sent.pcm)), sampleRate: Math.round(sent.sampleRate), channels: 1 };
}
