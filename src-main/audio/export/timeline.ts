// The timeline as the export sees it: tracks with gain/mute/solo/pan and clips of rendered PCM placed
// at sample positions. It is the one description the mixer, the subtitle timer and the export job
// share, checked once here so a bad project (a clip on a deleted track, a NaN gain, a trim longer
// than the clip) fails with a sentence naming the clip instead of as silence or a crash mid-export.
import { KoeError } from '../../contract/errors';

export interface ExportTrack {
  id: string;
  /** Speaker name: subtitle label and stem file name. Defaults to the id. */
  name?: string;
  gainDb?: number;
  mute?: boolean;
  solo?: boolean;
  /** −1 (left) .. 1 (right); used only by the stereo mix. */
  pan?: number;
}

/**
 * A take read only when a pass over the mix reaches it, and let go once the pass is past it, so an
 * export of a ten-hour book never holds every take at once. `load` may be called again on the next
 * pass (loudness, limiter, encoding, subtitles each read the takes in order).
 */
export interface ClipSource {
  /** Samples in the take, before trims; must match what `load` returns. */
  readonly length: number;
  load(): Float32Array;
}

/** A take in memory (tests, previews, short mixes) or read on demand. */
export type ClipAudio = Float32Array | ClipSource;

export function clipLength(a: ClipAudio): number {
  return a.length;
}

/** The samples of a take, checked against the length it announced (a changed file is an error, not a glitch). */
export function loadClip(a: ClipAudio, name = 'A clip'): Float32Array {
  if (a instanceof Float32Array) return a;
  const pcm = a.load();
  if (!(pcm instanceof Float32Array) || pcm.length !== a.length) throw new KoeError('io', `${name}'s audio changed while exporting (expected ${a.length} samples, read ${pcm instanceof Float32Array ? pcm.length : 'none'}). Export again.`);
  return pcm;
}

function isClipAudio(a: unknown): a is ClipAudio {
  return a instanceof Float32Array || (typeof a === 'object' && a !== null && Number.isInteger((a as ClipSource).length) && (a as ClipSource).length >= 0 && typeof (a as ClipSource).load === 'function');
}

export interface ExportClip {
  id?: string;
  trackId: string;
  /** Where the first played sample lands on the timeline. */
  startSample: number;
  /** The rendered take, at the timeline's sample rate. */
  pcm: ClipAudio;
  gainDb?: number;
  fadeInSamples?: number;
  fadeOutSamples?: number;
  /** Samples cut from the head and the tail of `pcm`. */
  trimStartSamples?: number;
  trimEndSamples?: number;
  /** The spoken text, for subtitles; clips without it get no cue. */
  text?: string;
}

export interface ExportTimeline {
  sampleRate: number;
  /** The master bus's gain over the whole mix, in dB (default 0). Folded into every clip's gain, so the stems carry it too and still sum to the mix. */
  masterGainDb?: number;
  /** The master bus's limiter: with no loudness target the mix still passes the look-ahead limiter at the true-peak ceiling (a target limits anyway, when it must). */
  masterLimiter?: boolean;
  tracks: ExportTrack[];
  clips: ExportClip[];
}

/** Half-open span of timeline samples [start, end). */
export interface SampleRange {
  start: number;
  end: number;
}

/** A clip reduced to what plays: pcm[srcStart, srcStart + length) lands at [start, start + length). */
export interface PlacedClip {
  clip: ExportClip;
  trackIndex: number;
  start: number;
  end: number;
  srcStart: number;
  gain: number;
  fadeIn: number;
  fadeOut: number;
}

export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

function clipName(c: ExportClip, i: number): string {
  return c.id ? `Clip "${c.id}"` : `Clip ${i + 1}`;
}

function wholeSamples(value: number | undefined, what: string, problems: Record<string, string>, key: string): number {
  const v = value ?? 0;
  if (!Number.isInteger(v) || v < 0) problems[key] = `${what} must be a whole number of samples ≥ 0, got ${v}`;
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * Checks the timeline and resolves every clip to its played span. Throws KoeError('invalid_args')
 * listing every problem found, so one export attempt shows them all.
 */
export function placeClips(t: ExportTimeline): PlacedClip[] {
  const problems: Record<string, string> = {};
  if (!Number.isInteger(t.sampleRate) || t.sampleRate < 8000 || t.sampleRate > 384000) problems.sampleRate = `sample rate must be a whole number of Hz from 8000 to 384000, got ${t.sampleRate}`;
  const trackIndex = new Map<string, number>();
  t.tracks.forEach((tr, i) => {
    if (trackIndex.has(tr.id)) problems[`tracks.${i}.id`] = `track id "${tr.id}" is used twice`;
    trackIndex.set(tr.id, i);
    if (tr.gainDb !== undefined && !Number.isFinite(tr.gainDb)) problems[`tracks.${i}.gainDb`] = `track gain must be a finite number of dB, got ${tr.gainDb}`;
    if (tr.pan !== undefined && !(Number.isFinite(tr.pan) && tr.pan >= -1 && tr.pan <= 1)) problems[`tracks.${i}.pan`] = `pan must be from −1 to 1, got ${tr.pan}`;
  });
  if (t.masterGainDb !== undefined && !Number.isFinite(t.masterGainDb)) problems.masterGainDb = `master gain must be a finite number of dB, got ${t.masterGainDb}`;
  const master = dbToGain(Number.isFinite(t.masterGainDb) ? t.masterGainDb! : 0);
  const placed: PlacedClip[] = [];
  t.clips.forEach((c, i) => {
    const name = clipName(c, i);
    const key = `clips.${i}`;
    const ti = trackIndex.get(c.trackId);
    if (ti === undefined) problems[`${key}.trackId`] = `${name} is on track "${c.trackId}", which does not exist`;
    if (!isClipAudio(c.pcm)) problems[`${key}.pcm`] = `${name} has no rendered audio`;
    if (!Number.isInteger(c.startSample) || c.startSample < 0) problems[`${key}.startSample`] = `${name} must start at a whole sample ≥ 0, got ${c.startSample}`;
    if (c.gainDb !== undefined && !Number.isFinite(c.gainDb)) problems[`${key}.gainDb`] = `${name}: gain must be a finite number of dB, got ${c.gainDb}`;
    const trimStart = wholeSamples(c.trimStartSamples, `${name}: trim at the start`, problems, `${key}.trimStartSamples`);
    const trimEnd = wholeSamples(c.trimEndSamples, `${name}: trim at the end`, problems, `${key}.trimEndSamples`);
    const fadeIn = wholeSamples(c.fadeInSamples, `${name}: fade-in`, problems, `${key}.fadeInSamples`);
    const fadeOut = wholeSamples(c.fadeOutSamples, `${name}: fade-out`, problems, `${key}.fadeOutSamples`);
    const total = isClipAudio(c.pcm) ? clipLength(c.pcm) : 0;
    if (trimStart + trimEnd > total) problems[`${key}.trim`] = `${name}: trims (${trimStart} + ${trimEnd} samples) are longer than the clip (${total} samples)`;
    if (ti === undefined || problems[`${key}.pcm`] || problems[`${key}.startSample`] || problems[`${key}.trim`]) return;
    const length = total - trimStart - trimEnd;
    if (length === 0) return;
    const track = t.tracks[ti]!;
    placed.push({
      clip: c,
      trackIndex: ti,
      start: c.startSample,
      end: c.startSample + length,
      srcStart: trimStart,
      gain: dbToGain(c.gainDb ?? 0) * dbToGain(track.gainDb ?? 0) * master,
      fadeIn: Math.min(fadeIn, length),
      fadeOut: Math.min(fadeOut, length),
    });
  });
  if (Object.keys(problems).length > 0) {
    const first = Object.values(problems)[0]!;
    const more = Object.keys(problems).length - 1;
    throw new KoeError('invalid_args', `The timeline cannot be exported: ${first}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}.`, problems);
  }
  placed.sort((a, b) => a.start - b.start || a.trackIndex - b.trackIndex);
  return placed;
}

/**
 * Which tracks are heard: with any track soloed only soloed tracks play; mute always wins, so a
 * muted track stays silent even when soloed (the common DAW rule, and the safer one for an export).
 */
export function audibleTracks(t: ExportTimeline): boolean[] {
  const anySolo = t.tracks.some((tr) => tr.solo);
  return t.tracks.map((tr) => !tr.mute && (!anySolo || !!tr.solo));
}

/** End of the last clip (0 for an empty timeline), counting only audible tracks when asked. */
export function timelineEnd(placed: readonly PlacedClip[], audible?: readonly boolean[]): number {
  let end = 0;
  for (const p of placed) if (!audible || audible[p.trackIndex]) end = Math.max(end, p.end);
  return end;
}

/** Validates a range against the timeline; null means the whole (audible) project. */
export function resolveRange(range: SampleRange | null | undefined, end: number): SampleRange {
  if (!range) return { start: 0, end };
  const { start, end: stop } = range;
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop <= start) {
    throw new KoeError('invalid_args', `The export range must run forward over whole samples (start ${start}, end ${stop}).`, { range: 'invalid' });
  }
  return { start, end: stop };
}

/** Raised-cosine (sin²) fade gain at played sample i of an n-sample fade-in; matches pcm.ts fadeIn. */
export function fadeInGain(i: number, n: number): number {
  const s = Math.sin((Math.PI / 2) * ((i + 0.5) / n));
  return s * s;
}
