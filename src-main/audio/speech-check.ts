// Judges whether audio a model produced for a reference sentence looks like speech, for the self-test
// a model passes before it replaces a working one. A download can verify (right size, right graph,
// loads, runs) and still speak garbage: a broken export that outputs silence or NaN, a graph whose
// durations are off by a factor, a vocoder that outputs hiss or DC, or joins that click. Each check
// here catches one of those and reports the figure it read, so a failure says what was wrong.
//
// Thresholds, and why they are where they are:
// - finite: every sample is a finite number (one NaN poisons every mix it reaches).
// - not silent: RMS above -45 dBFS. Real TTS output sits near -20 dBFS; silence or a near-zero
//   output is far below.
// - length: 15–400 ms of audio per phoneme. Natural speech is 60–150 ms per phoneme; the wide
//   margin allows speed settings and pauses, yet an output a tenth or ten times too long fails. The
//   project's fixture models speak one 25 ms frame per phoneme, inside the range.
// - speech band: at least 50% of the energy between 80 Hz and 4 kHz (two 2nd-order high-pass and
//   two low-pass sections). Voiced speech puts most of its energy there (fundamental and first
//   formants); white noise over 0–12 kHz puts a third there, DC or a whine above 4 kHz almost none.
//   The fixture models output a 120–280 Hz tone, which is in the band as a voice's fundamental is.
// - clicks: no isolated step between two samples larger than max(0.02, 3 × the 99.9th percentile of
//   steps over the whole output) and 4 times both steps beside it. That is the shape of a join
//   where one chunk stops mid-waveform and the next starts elsewhere (or silence follows with no
//   fade): a smooth signal on both sides of one jump. Noisy speech (fricatives, plosive bursts) has
//   large steps too, but never one alone; a step under 0.02 (-34 dBFS) is not heard. Chunk joins
//   are looked at everywhere, not only where the engine's yields meet, because the engine's joiner
//   concatenates model chunks inside what it yields.
import { DEFAULT_SAMPLE_RATE } from './pcm';

export const SPEECH_CHECK_LIMITS = {
  minRmsDbfs: -45,
  msPerPhoneme: { min: 15, max: 400 },
  band: { lowHz: 80, highHz: 4000, minShare: 0.5 },
  click: { floor: 0.02, overPercentile: 3, percentile: 0.999, overNeighbours: 4 },
} as const;

export interface SpeechFigures {
  samples: number;
  nonFinite: number;
  /** -999 stands for -∞ (no signal at all). */
  rmsDbfs: number;
  msPerPhoneme: number;
  bandShare: number;
  /** Boundaries between the chunks the engine yielded. */
  joins: number;
  /** Isolated steps over the limit; the largest of them (0 if none); the limit. */
  clicks: number;
  worstClickStep: number;
  stepLimit: number;
}

export interface SpeechCheck {
  passed: boolean;
  failures: string[];
  figures: SpeechFigures;
}

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

// Butterworth-Q sections from the Audio EQ Cookbook.
function section(kind: 'lowpass' | 'highpass', hz: number, rate: number): Biquad {
  const w = (2 * Math.PI * hz) / rate;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'lowpass' ? b1 / 2 : (1 + cos) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

function filter(x: Float64Array, s: Biquad): Float64Array<ArrayBuffer> {
  const y = new Float64Array(x.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = s.b0 * x[i]! + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
    x2 = x1;
    x1 = x[i]!;
    y2 = y1;
    y1 = v;
    y[i] = v;
  }
  return y;
}

const energy = (x: ArrayLike<number>): number => {
  let e = 0;
  for (let i = 0; i < x.length; i++) e += x[i]! * x[i]!;
  return e;
};

/** Share of the energy of `pcm` between `lowHz` and `highHz`. */
export function bandShare(pcm: Float32Array, lowHz: number, highHz: number, rate = DEFAULT_SAMPLE_RATE): number {
  const total = energy(pcm);
  if (total === 0) return 0;
  let x: Float64Array<ArrayBuffer> = Float64Array.from(pcm);
  for (const s of [section('highpass', lowHz, rate), section('highpass', lowHz, rate), section('lowpass', highHz, rate), section('lowpass', highHz, rate)]) x = filter(x, s);
  return energy(x) / total;
}

function stepPercentile(pcm: Float32Array, p: number): number {
  if (pcm.length < 2) return 0;
  const steps = new Float32Array(pcm.length - 1);
  for (let i = 1; i < pcm.length; i++) steps[i - 1] = Math.abs(pcm[i]! - pcm[i - 1]!);
  steps.sort();
  return steps[Math.min(steps.length - 1, Math.floor(p * steps.length))]!;
}

/** Indices i where the step into sample i exceeds `limit` and `ratio` times both steps beside it. */
function findIsolatedSteps(pcm: Float32Array, limit: number, ratio: number): number[] {
  const hits: number[] = [];
  const step = (i: number) => (i >= 1 && i < pcm.length ? Math.abs(pcm[i]! - pcm[i - 1]!) : 0);
  for (let i = 1; i < pcm.length; i++) {
    const d = step(i);
    if (d > limit && d > ratio * Math.max(step(i - 1), step(i + 1))) hits.push(i);
  }
  return hits;
}

/**
 * `chunks` as the engine yielded them (their boundaries are the joins); `phonemes` the reference
 * sentence's phoneme count.
 */
export function checkSpeech(chunks: readonly Float32Array[], phonemes: number, rate = DEFAULT_SAMPLE_RATE): SpeechCheck {
  const L = SPEECH_CHECK_LIMITS;
  const samples = chunks.reduce((n, c) => n + c.length, 0);
  const pcm = new Float32Array(samples);
  const joinsAt: number[] = [];
  let at = 0;
  for (const c of chunks) {
    if (at > 0 && c.length > 0) joinsAt.push(at);
    pcm.set(c, at);
    at += c.length;
  }
  let nonFinite = 0;
  for (let i = 0; i < pcm.length; i++) if (!Number.isFinite(pcm[i])) nonFinite++;
  // The other figures are read from the finite samples, so a few NaNs do not hide further faults.
  const finite = nonFinite ? pcm.map((v) => (Number.isFinite(v) ? v : 0)) : pcm;
  const rms = samples ? Math.sqrt(energy(finite) / samples) : 0;
  const rmsDbfs = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
  const msPerPhoneme = phonemes > 0 ? (samples / rate / phonemes) * 1000 : 0;
  const share = bandShare(finite, L.band.lowHz, L.band.highHz, rate);
  const stepLimit = Math.max(L.click.floor, L.click.overPercentile * stepPercentile(finite, L.click.percentile));
  const clickAt = findIsolatedSteps(finite, stepLimit, L.click.overNeighbours);
  const worstClickStep = clickAt.reduce((m, i) => Math.max(m, Math.abs(finite[i]! - finite[i - 1]!)), 0);

  const failures: string[] = [];
  const r1 = (x: number) => Math.round(x * 10) / 10;
  if (nonFinite > 0) failures.push(`${nonFinite} of ${samples} samples are not finite numbers (NaN or infinity)`);
  if (!(rmsDbfs > L.minRmsDbfs)) failures.push(`the output is silent (RMS ${Number.isFinite(rmsDbfs) ? `${r1(rmsDbfs)} dBFS` : '-∞ dBFS'}, needs above ${L.minRmsDbfs})`);
  if (msPerPhoneme < L.msPerPhoneme.min || msPerPhoneme > L.msPerPhoneme.max) {
    failures.push(`the length does not fit the text: ${r1(msPerPhoneme)} ms per phoneme for ${phonemes} phonemes (${r1(samples / rate)} s), expected ${L.msPerPhoneme.min}–${L.msPerPhoneme.max}`);
  }
  if (rms > 0 && share < L.band.minShare) failures.push(`only ${Math.round(share * 100)}% of the energy is in the speech band (${L.band.lowHz} Hz–${L.band.highHz / 1000} kHz), needs ${L.band.minShare * 100}%`);
  if (clickAt.length > 0) {
    const where = clickAt.slice(0, 3).map((i) => `${r1((i / rate) * 1000)} ms`).join(', ');
    failures.push(`${clickAt.length} click${clickAt.length === 1 ? '' : 's'} (a jump of up to ${worstClickStep.toFixed(3)} where the audio's own steps allow ${stepLimit.toFixed(3)}), at ${where}${clickAt.length > 3 ? '…' : ''}; chunk joins are not smooth`);
  }
  return {
    passed: failures.length === 0,
    failures,
    figures: { samples, nonFinite, rmsDbfs: Number.isFinite(rmsDbfs) ? r1(rmsDbfs) : -999, msPerPhoneme: r1(msPerPhoneme), bandShare: Math.round(share * 1000) / 1000, joins: joinsAt.length, clicks: clickAt.length, worstClickStep: Math.round(worstClickStep * 1e4) / 1e4, stepLimit: Math.round(stepLimit * 1e4) / 1e4 },
  };
}
