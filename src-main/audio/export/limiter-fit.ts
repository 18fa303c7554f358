// Where the loudness target meets the limiter: the gain that lands the *limited* mix on the target.
//
// The limiter takes a little loudness off, more the harder it works, so that gain is found by
// measuring. Each measurement of the whole programme costs a pass of mixing, limiting and metering
// (about 2.5 s an hour of programme on one core of the 2-core test machine), and secant steps from
// the plain estimate took three or four of them: more than the whole encode of a
// loudness-normalized MP3 with stems.
//
// So the search runs on an excerpt first: windows spread evenly over the programme, a few minutes in
// all, mixed once into memory. What the limiter takes off the excerpt at a given gain stands in for
// what it takes off the whole, so secant steps on it give a close estimate of the gain and of the
// slope of loudness against gain there, for a fraction of a pass each. A programme no longer than
// the excerpt is its own excerpt, and the estimate is exact. Otherwise the whole programme is
// measured at the estimate (export-job.ts), normally once, and one step along the excerpt's slope
// corrects what is left. (The windows alone cannot stand in for the whole: ten seconds of dialogue
// differ from the next ten in what the limiter takes off by a decibel or more, so the excerpt's
// mean is only good to about a tenth of one.)
import { breathe, throwIfCancelled } from './encoders';
import { levelMeter } from './loudness';
import { PeakLimiter } from './limiter';
import { Mixer } from './mixer';
import type { ExportTimeline } from './timeline';
import { TruePeakMeter } from './true-peak';

/** Seconds of programme in the excerpt: 18 windows of 10 s, spread evenly. */
export const EXCERPT_WINDOWS = 18;
export const EXCERPT_WINDOW_SECONDS = 10;
const BLOCK = 65536;

export interface Excerpt {
  /** The excerpt's mix, one array per channel, unscaled. */
  chans: Float32Array[];
  /** Level of the unscaled excerpt (LUFS or dBFS RMS, as the export's target). */
  level: number;
  /** Linear true peak of the unscaled excerpt. */
  peak: number;
  /** True when the excerpt is the whole programme, room tone included: estimates on it are exact. */
  whole: boolean;
}

export interface FitSetup {
  rate: number;
  channels: 1 | 2;
  ceiling: number;
  level: 'lufs' | 'rms';
}

/** Mixes the excerpt: the whole programme when it is short, else evenly spread windows of it. */
export async function mixExcerpt(timeline: ExportTimeline, mixer: Mixer, setup: FitSetup, signal?: AbortSignal): Promise<Excerpt> {
  const win = EXCERPT_WINDOW_SECONDS * setup.rate;
  const total = win * EXCERPT_WINDOWS;
  const chans = Array.from({ length: setup.channels }, () => new Float32Array(Math.min(total, mixer.length)));
  const whole = mixer.length <= total;
  const copy = async (m: Mixer, at: number) => {
    for (const b of m.blocks()) {
      await breathe();
      throwIfCancelled(signal);
      chans.forEach((c, i) => c.set(b.mix[i]!, at + b.offset));
    }
  };
  if (whole) await copy(mixer, 0);
  else {
    const span = mixer.range.end - mixer.range.start;
    const stride = (span - win) / (EXCERPT_WINDOWS - 1);
    for (let w = 0; w < EXCERPT_WINDOWS; w++) {
      const start = mixer.range.start + Math.round(w * stride);
      await copy(new Mixer(timeline, { range: { start, end: start + win }, channels: setup.channels }), w * win);
    }
  }
  const peak = new TruePeakMeter(setup.channels);
  peak.push(chans);
  peak.finish();
  return { chans, whole, level: await levelOf(chans, 1, null, setup, signal), peak: peak.peak };
}

/** Level of buffers × gain, through `limiter` when given. */
async function levelOf(chans: Float32Array[], gain: number, limiter: PeakLimiter | null, setup: FitSetup, signal?: AbortSignal): Promise<number> {
  const meter = levelMeter(setup.level, setup.rate, setup.channels);
  const n = chans[0]!.length;
  const scratch = chans.map(() => new Float32Array(BLOCK));
  for (let at = 0; at < n; at += BLOCK) {
    await breathe();
    throwIfCancelled(signal);
    const len = Math.min(BLOCK, n - at);
    const block = chans.map((c, i) => {
      const s = scratch[i]!.subarray(0, len);
      for (let k = 0; k < len; k++) s[k] = c[at + k]! * gain;
      return s;
    });
    meter.push(limiter ? limiter.process(block) : block);
  }
  if (limiter) meter.push(limiter.flush());
  return meter.integrated();
}

export interface FitEstimate {
  gainDb: number;
  /** d(limited level)/d(gain) near gainDb, between 0.1 and 1. */
  slope: number;
  /** The estimate is the answer (the excerpt was the whole programme and met the tolerance). */
  exact: boolean;
}

/**
 * Secant steps on the excerpt for the gain at which the whole programme (level `fullLevel`
 * unscaled) would reach `target` once limited, taking the excerpt's limiter loss as the whole's.
 */
export async function estimateOnExcerpt(ex: Excerpt, fullLevel: number, target: number, startDb: number, maxDb: number, tolerance: number, setup: FitSetup, signal?: AbortSignal): Promise<FitEstimate> {
  // The whole's predicted level at a gain: its own level plus the gain, less what the limiter takes
  // off the excerpt at that gain (the excerpt's limited level minus its own level plus the gain).
  const predictAt = async (db: number) => fullLevel - ex.level + (await levelOf(ex.chans, Math.pow(10, db / 20), newLimiter(setup), setup, signal));
  let g = startDb;
  let prev: { g: number; l: number } | null = null;
  let best = { g, err: Infinity, l: NaN };
  let slope = 1;
  for (let step = 0; step < 8; step++) {
    const l = await predictAt(g);
    if (!Number.isFinite(l)) break;
    const err = target - l;
    if (prev && g !== prev.g) slope = Math.max(0.1, Math.min(1, (l - prev.l) / (g - prev.g)));
    if (Math.abs(err) < Math.abs(best.err)) best = { g, err, l };
    if (Math.abs(err) < tolerance / 4) break;
    prev = { g, l };
    g = Math.min(maxDb, g + err / slope);
  }
  // The slope at the answer: one more point a little above it when the steps never measured one.
  if (!prev) {
    const d = 0.25;
    const l1 = await predictAt(best.g + d);
    if (Number.isFinite(best.l) && Number.isFinite(l1)) slope = Math.max(0.1, Math.min(1, (l1 - best.l) / d));
  }
  return { gainDb: best.g, slope, exact: ex.whole && Math.abs(best.err) < tolerance };
}

function newLimiter(setup: FitSetup): PeakLimiter {
  return new PeakLimiter({ sampleRate: setup.rate, channels: setup.channels, ceilingDbtp: setup.ceiling });
}
