// One export, end to end: mix (whole project or a range), optional loudness normalization with a
// true-peak ceiling, the mix in the chosen format, one stem per heard track, and subtitles — with
// progress, cancel, and all-or-nothing files. The core handlers and the CLI call only this.
//
// Order of work, and why:
//  1. Every target is opened (as a temp file beside it) before any audio work, so a missing or
//     read-only folder fails in the first millisecond, not after minutes of encoding.
//  2. With a loudness target, one measuring pass over the mix (mixing is cheap; holding a 30-minute
//     mix in memory is not) gives integrated loudness and true peak. gain = target − measured. If
//     that gain would push the true peak over the ceiling, a look-ahead limiter is used, and the gain
//     is corrected for the loudness the limiter removes. An excerpt of the programme estimates it
//     (limiter-fit.ts), and the same measuring pass measures the limited mix at two gains either
//     side of that estimate, so the answer is normally read off them with no pass of its own.
//  3. One encoding pass feeds the mix and every stem to their encoders, block by block. Stems get the
//     same gain as the mix and, with a loudness target, a limiter each at the same ceiling (the mix's
//     limiter cannot be split across stems, and a loud speaker's stem would clip; for MP3 and Opus
//     0.5 dB under it, see 3b). Wherever the limiters are idle, the stems sum to the mix.
//  3b. A lossy codec (MP3, Opus) rebuilds the waveform: its peaks can land above the ceiling the
//     PCM met, and its low-pass takes a little loudness off. With a loudness target the encoded mix
//     is decoded and measured as it is written; over the ceiling or off the target, the mix is
//     encoded again with the limiter's ceiling lowered by the overshoot and the target moved by the
//     shortfall (at most twice), so the delivered file, not just the PCM, meets both. The stems go
//     again with it only when the loudness missed or the mix's new ceiling is under theirs.
//  4. Before anything is renamed into place every target folder is checked again; then all files
//     are committed. A folder removed mid-export fails the whole export with KoeError('io') and
//     leaves nothing under any final name.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { KoeError } from '../../contract/errors';
import { AtomicFileWriter, describeFsError } from '../../fs/atomic';
import { FORMAT_EXTENSION, type BookOptions, type ByteSink, type EncoderOptions, type ExportFormat } from './encoder';
import { breathe, createEncoder, isExportFormat, throwIfCancelled } from './encoders';
import { DEFAULT_CEILING_DBTP } from './limiter';
import { estimateOnExcerpt, mixExcerpt, type Excerpt } from './limiter-fit';
import { LocalMasteredOutput, Mastering, type MasteredOutput, type MasteringOptions, type MasteringStats } from './mastering';
import { EncodedStreamMeter, measureDecoded, measureEncoded, type EncodedLevels } from './encoded-meter';
import { MemorySink } from './memory-sink';
import { Mixer } from './mixer';
import { buildCues, formatSrt, formatVtt, subtitleFormatFor } from './subtitles';
import type { ExportMetadata } from './tags';
import type { ExportTimeline, SampleRange } from './timeline';
import { absMax, INTERPOLATION_GAIN_BOUND } from './true-peak';
import { framesAt, ResamplingEncoder } from './resampling-encoder';
import { EncodeThreadPool, ThreadedEncoder } from './encode-thread';
import { safeBaseName } from '../../lib/file-name';

export type ExportStage = 'preparing' | 'measuring' | 'encoding' | 'subtitles' | 'saving';

export interface ExportProgress {
  /** 0..1 over the whole job. */
  fraction: number;
  stage: ExportStage;
  message: string;
}

export interface ExportOptions {
  /** The mix file. */
  outputPath: string;
  format: ExportFormat;
  /** WAV and FLAC: 16 (default) or 24. */
  bitDepth?: 16 | 24;
  /** MP3 and Opus. */
  bitrateKbps?: number;
  /** MP3: LAME's VBR quality (0 best … 9) instead of a constant bitrate. */
  vbrQuality?: number;
  /** 1 (default) or 2: stereo with each track's pan. */
  channels?: 1 | 2;
  /** Sample rate of the written files (WAV and FLAC); default: the timeline's own. */
  sampleRate?: number;
  /** Level to normalize to: integrated loudness in LUFS (−16 podcast, −14 streaming, −23 broadcast), or dBFS RMS with `level: 'rms'`. */
  loudnessTarget: number | null;
  /** What `loudnessTarget` measures: BS.1770 loudness (default), or plain RMS over the file (ACX). */
  level?: 'lufs' | 'rms';
  /** Room tone around and under the programme (audiobook delivery). */
  roomTone?: { headSec: number; tailSec: number; bedDbfs: number | null };
  /** True-peak ceiling when normalizing, dBTP. */
  truePeakCeiling?: number;
  /** Folder for one stem per heard track (created if missing); null for none. */
  stemsDir: string | null;
  /** .srt or .vtt file; null for none. */
  subtitlesPath: string | null;
  /** Timeline samples [start, end); null for the whole project. */
  range: SampleRange | null;
  metadata: ExportMetadata;
  /** M4B: chapter marks, cover, narrator. */
  book?: BookOptions;
  /**
   * The codec-thread entry (out/main/encode-worker.js): each file's encoder, and its resampler,
   * then runs on a thread of its own beside the mix. Absent: everything on this thread.
   */
  encodeWorker?: URL | null;
  /** workerData for that entry (tests run the TypeScript entry through a loader shim). */
  encodeWorkerData?: unknown;
  signal?: AbortSignal;
  onProgress?(p: ExportProgress): void;
}

export interface ExportedFile {
  kind: 'mix' | 'stem' | 'subtitles';
  path: string;
  trackId?: string;
}

export interface ExportResult {
  files: ExportedFile[];
  durationSeconds: number;
  /** Measured on the exported mix PCM (before any lossy codec). */
  integratedLufs: number;
  truePeakDbtp: number;
  /** Gain applied for loudness normalization (0 without a target). */
  gainDb: number;
  /** Whether the limiter had to act to keep the true-peak ceiling. */
  limited: boolean;
  /** MP3/Opus with a loudness target: the encoded mix as a player decodes it. */
  encodedTruePeakDbtp: number | null;
  encodedLufs: number | null;
}

export const LOUDNESS_PRESETS = { podcast: -16, streaming: -14, broadcast: -23 } as const;
const LOSSY = new Set<ExportFormat>(['mp3', 'opus']);
/** Delivery rates of the lossy formats (their codecs' own rates); WAV and FLAC take any rate. */
const LOSSY_RATES: Partial<Record<ExportFormat, readonly number[]>> = { mp3: [22050, 24000, 32000, 44100, 48000], opus: [24000, 48000, 44100, 22050], m4b: [22050, 24000, 32000, 44100, 48000] };
/** Encoded peaks this close to the ceiling pass: below what a meter's own reading varies by. */
const CODEC_TOLERANCE_DB = 0.05;
/** A checked file's stems are limited this far under the mix's ceiling (see runExport). */
const STEM_HEADROOM_DB = 0.5;
/** Extra room taken on a retry, so the second encode does not land right on the line again. */
const CODEC_MARGIN_DB = 0.1;
const CODEC_RETRIES = 2;
/** What a codec's low-pass may take off the loudness before it is made up for. */
const CODEC_LOUDNESS_TOLERANCE_LU = 0.3;
const MAX_GAIN_DB = 40;
/** The probe's corrections are trusted this far; a larger one is left to the check after encoding. */
const MAX_PROBE_LU = 2;
/** Length of the excerpt a lossy codec is probed with. */
const PROBE_SECONDS = 60;

interface Target {
  file: ExportedFile;
  /** A stem's index among the mixer's stem tracks. */
  stemIndex?: number;
  writer: AtomicFileWriter;
  encoder?: MasteredOutput;
}

function checkOptions(o: ExportOptions): void {
  const problems: Record<string, string> = {};
  if (!isExportFormat(o.format)) problems.format = `format must be wav, mp3, flac or opus, got "${String(o.format)}"`;
  if (o.loudnessTarget !== null && !(Number.isFinite(o.loudnessTarget) && o.loudnessTarget >= -40 && o.loudnessTarget <= -5)) problems.loudnessTarget = `loudness target must be from −40 to −5 ${o.level === 'rms' ? 'dBFS RMS' : 'LUFS'}, got ${o.loudnessTarget}`;
  if (o.roomTone && !(o.roomTone.headSec >= 0 && o.roomTone.headSec <= 10 && o.roomTone.tailSec >= 0 && o.roomTone.tailSec <= 10 && (o.roomTone.bedDbfs === null || (o.roomTone.bedDbfs <= -50 && o.roomTone.bedDbfs >= -100)))) problems.roomTone = 'room tone needs head and tail of 0–10 s and a bed from −100 to −50 dBFS (or none)';
  const ceiling = o.truePeakCeiling ?? DEFAULT_CEILING_DBTP;
  if (!(Number.isFinite(ceiling) && ceiling <= 0 && ceiling >= -20)) problems.truePeakCeiling = `true-peak ceiling must be from −20 to 0 dBTP, got ${ceiling}`;
  if (o.subtitlesPath !== null && !subtitleFormatFor(o.subtitlesPath)) problems.subtitlesPath = `subtitles file must end in .srt or .vtt, got "${o.subtitlesPath}"`;
  if (o.channels !== undefined && o.channels !== 1 && o.channels !== 2) problems.channels = `channels must be 1 or 2, got ${String(o.channels)}`;
  if (o.sampleRate !== undefined && !(Number.isInteger(o.sampleRate) && o.sampleRate >= 8000 && o.sampleRate <= 192_000)) problems.sampleRate = `sample rate must be a whole number of Hz from 8000 to 192000, got ${o.sampleRate}`;
  else if (o.sampleRate !== undefined && LOSSY_RATES[o.format] && !LOSSY_RATES[o.format]!.includes(o.sampleRate)) problems.sampleRate = `${String(o.format).toUpperCase()} is delivered at ${LOSSY_RATES[o.format]!.map((r) => `${r / 1000} kHz`).join(', ')}; got ${o.sampleRate} Hz`;
  const keys = Object.keys(problems);
  if (keys.length > 0) throw new KoeError('invalid_args', `Cannot export: ${problems[keys[0]!]}.`, problems);
}

/** A speaker name made safe as a file name on every desktop OS. */
function speakerFileName(name: string): string {
  return safeBaseName(name, 'Speaker', 100);
}

function stemPaths(dir: string, names: string[], ext: string): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = speakerFileName(name);
    let file = `${base}.${ext}`;
    for (let n = 2; used.has(file.toLowerCase()); n++) file = `${base} (${n}).${ext}`;
    used.add(file.toLowerCase());
    return join(dir, file);
  });
}

/** Runs one export; see the file comment for the order of work. */
export async function runExport(timeline: ExportTimeline, opts: ExportOptions): Promise<ExportResult> {
  checkOptions(opts);
  let shown = 0;
  const report = (stage: ExportStage, fraction: number, message: string) => {
    shown = Math.max(shown, Math.min(1, fraction)); // never backwards, whatever a pass reports
    opts.onProgress?.({ stage, fraction: shown, message });
  };
  report('preparing', 0, 'Checking the timeline');
  const channels = opts.channels ?? 1;
  const tone = opts.roomTone;
  const mixer = new Mixer(timeline, {
    range: opts.range,
    channels,
    ...(tone ? { roomTone: { headSamples: Math.round(tone.headSec * timeline.sampleRate), tailSamples: Math.round(tone.tailSec * timeline.sampleRate), bedRms: tone.bedDbfs === null ? 0 : Math.pow(10, tone.bedDbfs / 20) } } : {}),
  });
  if (mixer.length === 0) throw new KoeError('invalid_args', 'There is nothing to export: no heard clips in the chosen range. Render some lines, or unmute a track.');
  const rate = mixer.sampleRate;
  const ext = FORMAT_EXTENSION[opts.format];
  const ceiling = opts.truePeakCeiling ?? DEFAULT_CEILING_DBTP;

  // 1. Open every target first.
  const plan: ExportedFile[] = [{ kind: 'mix', path: resolve(opts.outputPath) }];
  if (opts.stemsDir !== null) {
    const dir = resolve(opts.stemsDir);
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new KoeError('io', describeFsError(e, join(dir, `stem.${ext}`)));
    }
    stemPaths(dir, mixer.stemTracks.map((t) => t.name ?? t.id), ext).forEach((path, i) => plan.push({ kind: 'stem', path, trackId: mixer.stemTracks[i]!.id }));
  }
  if (opts.subtitlesPath !== null) plan.push({ kind: 'subtitles', path: resolve(opts.subtitlesPath) });
  const seen = new Set<string>();
  for (const f of plan) {
    if (seen.has(f.path)) throw new KoeError('invalid_args', `Two export files would both be written to "${f.path}". Choose a different file name or stems folder.`);
    seen.add(f.path);
  }
  const targets: Target[] = [];
  let pool: EncodeThreadPool | null = null;
  try {
    for (const file of plan) targets.push({ file, writer: await AtomicFileWriter.open(file.path), ...(file.kind === 'stem' ? { stemIndex: mixer.stemTracks.findIndex((t) => t.id === file.trackId) } : {}) });
    const level = opts.level ?? 'lufs';
    const worker = opts.encodeWorker ? { script: opts.encodeWorker, data: opts.encodeWorkerData, pool: new EncodeThreadPool(opts.encodeWorker, opts.encodeWorkerData), threads: targets.filter((t) => t.file.kind !== 'subtitles').length } : null;
    pool = worker?.pool ?? null;
    // As many threads as the encode pass takes at once (a measuring pass takes one or two of them).
    worker?.pool.warm(worker.threads);
    const firstCtx: Ctx = { rate, channels, ceiling, report, level, cache: {}, worker };
    // Checked after encoding (3b): the mix and the stems are encoded together, as without a check (the
    // codec probe below makes a second pass rare, and the stems would otherwise cost a pass of their
    // own); the subtitles wait until the audio is settled.
    const checked = LOSSY.has(opts.format) && opts.loudnessTarget !== null;
    const audioTargets = () => targets.filter((t) => t.file.kind !== 'subtitles');
    // A lossy file is probed before the long encode: a minute of the programme through the same
    // gain, limiter and codec says how much loudness the codec takes off and how far it pushes the
    // peaks, so the first encode already aims for what the delivered file needs. Without it most
    // MP3 exports at a loudness target encoded the whole mix twice.
    let aim0 = opts.loudnessTarget;
    let ceiling0 = ceiling;
    // M4B has no streaming AAC decoder to check the whole file with: the probe is its only check.
    const probed = (checked || opts.format === 'm4b') && opts.loudnessTarget !== null;
    if (probed && opts.loudnessTarget !== null) {
      // The probe's gain comes from the limiter fit's excerpt: close enough for what the codec does,
      // and it lets the first whole pass measure the limited mix at the ceiling the probe settles.
      const ex = await excerptOf(timeline, mixer, firstCtx, opts.signal);
      const probe = await probeCodec(timeline, mixer, opts, { level: ex.level, peak: ex.peak }, firstCtx);
      if (probe) {
        aim0 = opts.loudnessTarget + Math.max(-MAX_PROBE_LU, Math.min(MAX_PROBE_LU, probe.lossLu));
        if (probe.overshootDb > CODEC_TOLERANCE_DB) ceiling0 = ceiling - Math.min(MAX_PROBE_LU, probe.overshootDb + CODEC_MARGIN_DB);
      }
    }
    // A checked file's stems are limited a little under the mix's ceiling (STEM_HEADROOM_DB): the
    // codec check may lower the mix's ceiling and encode the mix again, and stems already under the
    // lowered ceiling need not be encoded again with it.
    let stemCeiling = checked ? ceiling0 - STEM_HEADROOM_DB : ceiling0;
    let result = await produce(timeline, mixer, { ...opts, loudnessTarget: aim0 }, checked ? audioTargets() : targets, { ...firstCtx, ceiling: ceiling0, stemCeiling });
    let encodedTruePeakDbtp: number | null = null;
    let encodedLufs: number | null = null;
    if (checked && opts.loudnessTarget !== null && aim0 !== null) {
      const target = opts.loudnessTarget;
      let limit = ceiling0;
      let aim = aim0;
      for (let attempt = 0; ; attempt++) {
        report('encoding', 0.96, 'Checking the encoded file');
        const levels = result.checked!;
        encodedTruePeakDbtp = levels.truePeakDbtp;
        encodedLufs = levels.lufs;
        const reached = level === 'rms' ? levels.rmsDb : levels.lufs;
        const over = encodedTruePeakDbtp - ceiling;
        const short = Number.isFinite(reached) ? target - reached : 0;
        if ((over <= CODEC_TOLERANCE_DB && Math.abs(short) <= CODEC_LOUDNESS_TOLERANCE_LU) || attempt === CODEC_RETRIES) break;
        if (over > CODEC_TOLERANCE_DB) limit -= over + CODEC_MARGIN_DB;
        aim += short;
        // The stems go again only if their gain moves (the loudness missed) or the mix's new ceiling
        // is under theirs; a long programme's check usually only finds a peak the probe did not.
        const stemsToo = Math.abs(short) > CODEC_LOUDNESS_TOLERANCE_LU || limit < stemCeiling;
        if (stemsToo) stemCeiling = limit - STEM_HEADROOM_DB;
        const redo = stemsToo ? audioTargets() : targets.filter((t) => t.file.kind === 'mix');
        for (const t of redo) {
          t.encoder?.dispose();
          await t.writer.abort();
          delete t.encoder;
          t.writer = await AtomicFileWriter.open(t.file.path);
        }
        // The bar does not run backwards: the second pass fills the last few percent.
        const again = (stage: ExportStage, f: number, message: string) => report(stage, 0.96 + 0.03 * f, `${message} (again, peaks ${(ceiling - limit).toFixed(1)} dB lower for the ${opts.format.toUpperCase()} encoder)`);
        result = await produce(timeline, mixer, { ...opts, loudnessTarget: aim }, redo, { rate, channels, ceiling: limit, stemCeiling, report: again, level, cache: firstCtx.cache, worker: firstCtx.worker, startGainDb: result.gainDb + short });
      }
      const subT = targets.find((t) => t.file.kind === 'subtitles');
      if (subT) await writeSubtitles(timeline, mixer, subT, firstCtx);
    }
    // 4. All folders still there? Then commit everything.
    report('saving', 0.99, 'Saving files');
    throwIfCancelled(opts.signal);
    for (const t of targets) {
      const folder = dirname(t.file.path);
      const info = await stat(folder).catch((e: unknown) => {
        throw new KoeError('io', describeFsError(e, t.file.path));
      });
      if (!info.isDirectory()) throw new KoeError('io', `Cannot write "${t.file.path}": "${folder}" is no longer a folder.`);
    }
    for (const t of targets) await t.writer.commit();
    report('saving', 1, 'Export finished');
    const { checked: _checked, ...levels } = result;
    return { ...levels, encodedTruePeakDbtp, encodedLufs, files: plan };
  } catch (e) {
    for (const t of targets) {
      t.encoder?.dispose();
      await t.writer.abort();
    }
    throw e;
  } finally {
    pool?.close();
  }
}

interface ExportCache {
  /** The limiter fit's excerpt (limiter-fit.ts). */
  excerpt?: Excerpt;
  /** The unscaled mix, once measured. */
  first?: Measured;
  /** The limited mix's level at the excerpt's estimate of the gain, measured in the first pass, and the excerpt's slope there. */
  point?: { ceiling: number; g: number; l: number; slope: number };
}

interface Ctx {
  rate: number;
  channels: 1 | 2;
  ceiling: number;
  /** What the loudness target measures. */
  level: 'lufs' | 'rms';
  /** A pass after a codec check: the last gain moved by the loudness the codec lost, a close first
   *  guess for the limiter fit. */
  startGainDb?: number;
  /** The stems' limiters' ceiling, when not the mix's. */
  stemCeiling?: number;
  /** Shared by every pass of one export (the object, not its copies, is passed on). */
  cache: ExportCache;
  /**
   * Where codec and measuring threads start from (ExportOptions.encodeWorker), threads started
   * ahead, and how many the encode pass takes at once; null: all on this thread.
   */
  worker: { script: URL | string; data: unknown; pool: EncodeThreadPool; threads: number } | null;
  report(stage: ExportStage, fraction: number, message: string): void;
}

/** A mastering stage with no codec (a measuring pass): on a thread of its own when the export has codec threads. */
async function openMeasuring(ctx: Ctx, master: MasteringOptions): Promise<MasteredOutput> {
  if (ctx.worker) return ThreadedEncoder.open(ctx.worker.script, null, null, { sampleRate: ctx.rate, channels: ctx.channels, metadata: {} }, ctx.rate, { master, workerData: ctx.worker.data, pool: ctx.worker.pool });
  return new LocalMasteredOutput(new Mastering(ctx.rate, ctx.channels, master), null);
}

/**
 * One pass over the mix through one mastering stage per candidate, each on a thread of its own when
 * the export has codec threads (so this thread only mixes, and two candidate gains cost about what
 * one does on two cores), and, when asked, each stem's sample peak (which says whether a stem could
 * ever reach the ceiling).
 */
async function measurePass(mixer: Mixer, candidates: MasteringOptions[], ctx: Ctx, signal: AbortSignal | undefined, progress: (f: number) => void, stemPeaks = false): Promise<{ stats: MasteringStats[]; stemPeaks?: number[] }> {
  const outs: MasteredOutput[] = [];
  try {
    // Side by side: a thread takes a tenth of a second or so to start.
    outs.push(...(await openAll(candidates.map((c) => openMeasuring(ctx, c)), (o) => o.dispose())));
    // The encode pass's threads load while this pass runs.
    ctx.worker?.pool.warm(ctx.worker.threads);
    const peaks = stemPeaks ? mixer.stemTracks.map(() => 0) : null;
    for (const b of mixer.blocks()) {
      await breathe();
      throwIfCancelled(signal);
      for (const o of outs) await o.write(b.mix);
      if (peaks) b.stems.forEach((st, i) => st.forEach((c) => (peaks[i] = Math.max(peaks[i]!, absMax(c, 0, c.length)))));
      progress((b.offset + b.length) / mixer.length);
    }
    const stats: MasteringStats[] = [];
    for (const o of outs) stats.push(await o.finish());
    return { stats, ...(peaks ? { stemPeaks: peaks } : {}) };
  } catch (e) {
    for (const o of outs) o.dispose();
    throw e;
  }
}

/** The limiter fit's excerpt, mixed once per export. */
async function excerptOf(timeline: ExportTimeline, mixer: Mixer, ctx: Ctx, signal: AbortSignal | undefined): Promise<Excerpt> {
  ctx.cache.excerpt ??= await mixExcerpt(timeline, mixer, { rate: ctx.rate, channels: ctx.channels, ceiling: ctx.ceiling, level: ctx.level }, signal);
  return ctx.cache.excerpt;
}

/**
 * The unscaled mix's level, true peak and stems' peaks, in one pass with, when the excerpt says the
 * target will need the limiter, the limited mix at the excerpt's estimate of the gain: the fit then
 * usually corrects that along the excerpt's slope without a pass of its own. Each is a measuring
 * thread of its own; this thread mixes once for both.
 */
async function measureFirst(timeline: ExportTimeline, mixer: Mixer, target: number, ctx: Ctx, signal: AbortSignal | undefined): Promise<Measured> {
  const ex = await excerptOf(timeline, mixer, ctx, signal);
  const g0 = Math.min(MAX_GAIN_DB, target - ex.level);
  let est: { gainDb: number; slope: number } | null = null;
  // A programme no longer than the excerpt is fitted exactly on it instead (fitLimitedGain).
  if (!ex.whole && Number.isFinite(ex.level) && ex.peak > 0 && 20 * Math.log10(ex.peak) + g0 > ctx.ceiling - LIKELY_LIMITED_DB) {
    est = await estimateOnExcerpt(ex, ex.level, target, g0, MAX_GAIN_DB, FIT_TOLERANCE_LU, { rate: ctx.rate, channels: ctx.channels, ceiling: ctx.ceiling, level: ctx.level }, signal);
  }
  const limited = est ? [{ gain: Math.pow(10, est.gainDb / 20), ceilingDbtp: ctx.ceiling, level: ctx.level, truePeak: false }] : [];
  const { stats, stemPeaks } = await measurePass(mixer, [{ gain: 1, ceilingDbtp: null, level: ctx.level, truePeak: true }, ...limited], ctx, signal, (f) => ctx.report('measuring', 0.02 + 0.14 * f, 'Measuring loudness'), true);
  if (est) ctx.cache.point = { ceiling: ctx.ceiling, g: est.gainDb, l: stats[1]!.level!, slope: est.slope };
  return { level: stats[0]!.level!, peak: stats[0]!.truePeak!, stemPeaks: stemPeaks! };
}

/**
 * The gain for `target` from the first pass's limited level, corrected along the excerpt's slope
 * when it missed by little. Over a few tenths of a decibel loudness against gain is a straight line,
 * and the excerpt's slope is close to the whole programme's: measured at one and ten hours, the
 * estimate missed by 0.01 and 0.09 LU, and the line then lands within a few hundredths.
 */
function fromFirstPass(ctx: Ctx, target: number): number | null {
  const p = ctx.cache.point;
  if (!p || p.ceiling !== ctx.ceiling || !Number.isFinite(p.l)) return null;
  const err = target - p.l;
  if (Math.abs(err) > FIT_STEP_LU) return null;
  return Math.min(MAX_GAIN_DB, p.g + err / Math.max(0.1, Math.min(1, p.slope)));
}

interface Measured {
  /** Of the unscaled mix, in the unit of the target: LUFS, or dBFS RMS. */
  level: number;
  /** Linear true peak of the unscaled mix. */
  peak: number;
  /** Linear sample peak of each unscaled stem. */
  stemPeaks?: number[];
}

const FIT_PASSES = 3;
/** The excerpt's true peak this close to the ceiling at the target's gain: measure the limited mix in the first pass. */
const LIKELY_LIMITED_DB = 1;
const FIT_TOLERANCE_LU = 0.05;
/** An error this small after a whole pass is corrected along the excerpt's slope without another. */
const FIT_STEP_LU = 0.2;

/**
 * The gain that lands the limited mix on the target when the first pass could not say
 * (limiter-fit.ts): the excerpt's estimate when it is exact (the excerpt was the whole programme);
 * otherwise whole passes through the limiter, each on a measuring thread beside the mixing: the
 * first at the estimate, a step along the excerpt's slope when it misses by a little, secant steps
 * while it misses by more.
 */
async function fitLimitedGain(timeline: ExportTimeline, mixer: Mixer, fullLevel: number, startDb: number, target: number, ctx: Ctx, signal: AbortSignal | undefined): Promise<number> {
  ctx.report('measuring', 0.16, 'Estimating the limiter’s share of the loudness');
  const setup = { rate: ctx.rate, channels: ctx.channels, ceiling: ctx.ceiling, level: ctx.level };
  const excerpt = await excerptOf(timeline, mixer, ctx, signal);
  const est = await estimateOnExcerpt(excerpt, fullLevel, target, startDb, MAX_GAIN_DB, FIT_TOLERANCE_LU, setup, signal);
  if (est.exact) return est.gainDb;
  let g = est.gainDb;
  let prev: { g: number; l: number } | null = null;
  let best = { g, err: Infinity };
  for (let pass = 0; pass < FIT_PASSES; pass++) {
    const span = 0.13 / FIT_PASSES;
    const { stats } = await measurePass(mixer, [{ gain: Math.pow(10, g / 20), ceilingDbtp: ctx.ceiling, level: ctx.level, truePeak: false }], ctx, signal, (f) => ctx.report('measuring', 0.17 + span * (pass + f), 'Measuring the limited mix'));
    const l = stats[0]!.level!;
    if (!Number.isFinite(l)) break;
    const err = target - l;
    if (Math.abs(err) < Math.abs(best.err)) best = { g, err };
    if (Math.abs(err) < FIT_TOLERANCE_LU) break;
    // Loudness rises more slowly than gain once the limiter bites: the excerpt's slope, then the measured one.
    const slope = prev && g !== prev.g ? Math.max(0.1, Math.min(1, (l - prev.l) / (g - prev.g))) : est.slope;
    const next = Math.min(MAX_GAIN_DB, g + err / slope);
    if (!prev && Math.abs(err) <= FIT_STEP_LU) return next;
    prev = { g, l };
    g = next;
  }
  return best.g;
}

async function produce(timeline: ExportTimeline, mixer: Mixer, opts: ExportOptions, targets: Target[], ctx: Ctx): Promise<Produced> {
  const { signal } = opts;
  // 2. Loudness.
  let gainDb = 0;
  // The master bus's limiter; with a loudness target the limiter is decided below, by the peaks.
  let useLimiter = opts.loudnessTarget === null && timeline.masterLimiter === true;
  const encodeShare = opts.loudnessTarget === null ? 0.95 : 0.65;
  if (opts.loudnessTarget !== null) {
    const first = (ctx.cache.first ??= await measureFirst(timeline, mixer, opts.loudnessTarget, ctx, signal));
    if (Number.isFinite(first.level)) {
      gainDb = Math.min(MAX_GAIN_DB, opts.loudnessTarget - first.level);
      const peakAfterDb = 20 * Math.log10(first.peak) + gainDb;
      useLimiter = peakAfterDb > ctx.ceiling;
      if (useLimiter) gainDb = fromFirstPass(ctx, opts.loudnessTarget) ?? (await fitLimitedGain(timeline, mixer, first.level, ctx.startGainDb !== undefined ? Math.min(MAX_GAIN_DB, ctx.startGainDb) : gainDb, opts.loudnessTarget, ctx, signal));
    }
  }
  const gain = Math.pow(10, gainDb / 20);
  const base = 1 - encodeShare - 0.04;

  // 3. Encode the mix and the stems in one pass. Each file's gain, limiter and meters run with its
  // codec (mastering.ts), on its thread when the export has codec threads: this thread only mixes.
  const encOpts = encoderOptions(mixer, opts, ctx);
  const mixT = targets.find((t) => t.file.kind === 'mix')!;
  const stemT = targets.filter((t) => t.file.kind === 'stem');
  // A checked lossy mix (3b) is decoded and measured here as its bytes arrive: this thread only
  // mixes and has the time, and the check then costs no pass of its own after the encode.
  const checkMeter = LOSSY.has(opts.format) && opts.loudnessTarget !== null ? await EncodedStreamMeter.open(opts.format === 'mp3' ? 'mp3' : 'opus', ctx.channels, { frames: encOpts.totalFrames }) : null;
  let checked: EncodedLevels | undefined;
  let stats: MasteringStats;
  try {
    const mixSink = checkMeter ? teeSink(mixT.writer, (chunk) => checkMeter.push(chunk)) : mixT.writer;
    // Every thread starts at once; each is recorded as it opens, so a failure closes them all.
    await openAll<unknown>(
      [
        openOutput(opts, mixSink, encOpts, ctx, { gain, ceilingDbtp: useLimiter ? ctx.ceiling : null, level: 'lufs', truePeak: true }, true).then((o) => (mixT.encoder = o)),
        openStemOutputs(mixer, stemT, opts, ctx, gain),
      ],
    );
    const mixOut = mixT.encoder!;
    for (const b of mixer.blocks()) {
      throwIfCancelled(signal);
      await mixOut.write(b.mix);
      for (const [i, t] of stemT.entries()) await t.encoder!.write(b.stems[i]!);
      ctx.report('encoding', base + encodeShare * ((b.offset + b.length) / mixer.length), `Encoding ${opts.format.toUpperCase()}`);
    }
    throwIfCancelled(signal);
    stats = await mixOut.finish();
    for (const t of stemT) await t.encoder!.finish();
    if (checkMeter) checked = checkMeter.finish();
  } catch (e) {
    checkMeter?.dispose();
    throw e;
  }

  const subT = targets.find((t) => t.file.kind === 'subtitles');
  if (subT) await writeSubtitles(timeline, mixer, subT, ctx);
  return {
    durationSeconds: mixer.length / ctx.rate,
    integratedLufs: stats.level!,
    truePeakDbtp: stats.truePeak! > 0 ? 20 * Math.log10(stats.truePeak!) : -Infinity,
    gainDb,
    limited: stats.lowestGain < 1,
    ...(checked ? { checked } : {}),
  };
}

/** A sink that also hands each chunk, in order, to `also` (a copy: the writer may still hold its own). */
function teeSink(sink: ByteSink, also: (chunk: Uint8Array) => Promise<void>): ByteSink {
  return {
    get bytesWritten() {
      return sink.bytesWritten;
    },
    async write(chunk) {
      await also(chunk.slice());
      await sink.write(chunk);
    },
    writeAt: (chunk, position) => sink.writeAt(chunk, position),
  };
}

function encoderOptions(mixer: Mixer, opts: ExportOptions, ctx: Ctx): EncoderOptions {
  const rate = opts.sampleRate ?? ctx.rate;
  return { sampleRate: rate, channels: ctx.channels, metadata: opts.metadata, bitDepth: opts.bitDepth, bitrateKbps: opts.bitrateKbps, ...(opts.vbrQuality !== undefined ? { vbrQuality: opts.vbrQuality } : {}), totalFrames: framesAt(mixer.length, ctx.rate, rate), ...(opts.book ? { book: opts.book } : {}) };
}

/**
 * The format's encoder behind its mastering stage (and a resampler when the file is delivered at
 * another rate): on a codec thread when the export has them and the bytes go to a file.
 */
async function openOutput(opts: ExportOptions, sink: ByteSink, encOpts: EncoderOptions, ctx: Ctx, master: MasteringOptions, threaded: boolean): Promise<MasteredOutput> {
  if (ctx.worker && threaded) return ThreadedEncoder.open(ctx.worker.script, opts.format, sink, encOpts, ctx.rate, { master, workerData: ctx.worker.data, pool: ctx.worker.pool });
  const encoder = await createEncoder(opts.format, sink, encOpts);
  return new LocalMasteredOutput(new Mastering(ctx.rate, ctx.channels, master), encOpts.sampleRate === ctx.rate ? encoder : new ResamplingEncoder(encoder, ctx.rate, encOpts.sampleRate, ctx.channels));
}

/**
 * One output per stem, each titled with its speaker. With a loudness target every stem gets the
 * mix's gain and, unless its peak provably stays under the ceiling at that gain, a limiter of its
 * own at the mix's ceiling (a checked lossy file's stems a little under it: STEM_HEADROOM_DB): the
 * mix's limiter cannot be split across stems, and without one a stem of a loud speaker clips. Where
 * no limiter acts, the stems still sum to the mix.
 */
async function openStemOutputs(mixer: Mixer, stemT: Target[], opts: ExportOptions, ctx: Ctx, gain: number): Promise<void> {
  const encOpts = encoderOptions(mixer, opts, ctx);
  const stemCeiling = ctx.stemCeiling ?? ctx.ceiling;
  const ceiling = Math.pow(10, stemCeiling / 20);
  const peaks = ctx.cache.first?.stemPeaks;
  await openAll(
    stemT.map((t) => {
      const i = t.stemIndex ?? -1;
      const name = mixer.stemTracks[i]?.name ?? mixer.stemTracks[i]?.id ?? 'Stem';
      const peak = peaks?.[i];
      const limit = opts.loudnessTarget !== null && !(peak !== undefined && peak * gain * INTERPOLATION_GAIN_BOUND <= ceiling);
      return openOutput(opts, t.writer, { ...encOpts, metadata: { ...opts.metadata, title: opts.metadata.title ? `${opts.metadata.title} — ${name}` : name } }, ctx, { gain, ceilingDbtp: limit ? stemCeiling : null, level: null, truePeak: false }, true).then((o) => (t.encoder = o));
    }),
  );
}

/**
 * Waits for every opening (threads start side by side) and gives what they opened; if any failed,
 * `close` goes to the ones that did (callers that record each output on its target leave that to
 * the export's own cleanup) and the first failure is thrown, never while others are still opening
 * (they would be left running).
 */
async function openAll<T>(openings: Promise<T>[], close?: (opened: T) => void): Promise<T[]> {
  const settled = await Promise.allSettled(openings);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  if (close) for (const r of settled) if (r.status === 'fulfilled') close(r.value);
  throw failed.reason;
}

/** One encoding pass's result; `checked`: the levels of the encoded mix, for a checked lossy export. */
type Produced = Omit<ExportResult, 'files' | 'encodedTruePeakDbtp' | 'encodedLufs'> & { checked?: EncodedLevels };

/** Subtitles from the same timeline and range. */
async function writeSubtitles(timeline: ExportTimeline, mixer: Mixer, subT: Target, ctx: Ctx): Promise<void> {
  ctx.report('subtitles', 0.97, 'Writing subtitles');
  // Cues are timed from the range's start; room tone before it moves them later by as much.
  const shift = mixer.head / mixer.sampleRate;
  const cues = buildCues(timeline, { range: mixer.range }).map((c) => (shift ? { ...c, start: c.start + shift, end: c.end + shift } : c));
  const text = subtitleFormatFor(subT.file.path) === 'vtt' ? formatVtt(cues) : formatSrt(cues);
  await subT.writer.write(new TextEncoder().encode(text));
}

/**
 * Encodes a minute from the middle of the programme, at the gain the first measurement suggests and
 * through the limiter it would need, and decodes it again: what the codec takes off the loudness
 * (lossLu, positive when the file is quieter) and adds to the true peak (overshootDb). Null when
 * the programme is too short for a probe to say more than the check after encoding will.
 */
async function probeCodec(timeline: ExportTimeline, mixer: Mixer, opts: ExportOptions, first: Measured, ctx: Ctx): Promise<{ lossLu: number; overshootDb: number } | null> {
  if (opts.loudnessTarget === null || !Number.isFinite(first.level) || !(first.peak > 0)) return null;
  const span = Math.min(mixer.length, PROBE_SECONDS * ctx.rate);
  if (span < 10 * ctx.rate) return null;
  const start = mixer.range.start + Math.floor((mixer.length - span) / 2);
  const excerpt = new Mixer(timeline, { range: { start, end: start + span }, channels: ctx.channels });
  // The probe's excerpt has no room tone: what it measures is the codec's effect on the speech.
  const gainDb = Math.min(MAX_GAIN_DB, opts.loudnessTarget - first.level);
  const gain = Math.pow(10, gainDb / 20);
  const limited = 20 * Math.log10(first.peak) + gainDb > ctx.ceiling;
  const sink = new MemorySink();
  // A minute in memory is not worth a thread.
  const out = await openOutput(opts, sink, { ...encoderOptions(excerpt, opts, ctx), metadata: {}, book: {} }, ctx, { gain, ceilingDbtp: limited ? ctx.ceiling : null, level: ctx.level, truePeak: true }, false);
  let stats: MasteringStats;
  try {
    for (const b of excerpt.blocks()) {
      throwIfCancelled(opts.signal);
      await out.write(b.mix);
    }
    stats = await out.finish();
  } finally {
    out.dispose();
  }
  const pcmLufs = stats.level!;
  const pcmPeakDb = stats.truePeak! > 0 ? 20 * Math.log10(stats.truePeak!) : -Infinity;
  if (!Number.isFinite(pcmLufs)) return null;
  const bytes = sink.bytes();
  const levels =
    opts.format === 'm4b'
      ? await measureDecoded(bytes, ctx.channels)
      : await measureEncoded(
          (async function* () {
            for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
          })(),
          opts.format === 'mp3' ? 'mp3' : 'opus',
          ctx.channels,
        );
  const reached = ctx.level === 'rms' ? levels.rmsDb : levels.lufs;
  if (!Number.isFinite(reached)) return null;
  return { lossLu: pcmLufs - reached, overshootDb: levels.truePeakDbtp - pcmPeakDb };
}
