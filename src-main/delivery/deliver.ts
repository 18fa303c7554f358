// One delivery: a mixed timeline to the files a plan asks for — one file (with stems and subtitles
// when asked, chapter marks in an M4B), or one file per chapter — and the preset's check report,
// measured on the files as delivered. Chapter files are made in a hidden folder inside the chosen
// one and moved out only when every chapter is done, so a failure or a cancel leaves no half set.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KoeError } from '../contract/errors';
import { processAlive } from '../lib/process-alive';
import { checkAcxMp3, checkLoudness, type FileCheck } from '../audio/export/delivery-check';
import type { BookOptions } from '../audio/export/encoder';
import { FORMAT_EXTENSION } from '../audio/export/encoder';
import { runExport, type ExportProgress, type ExportResult } from '../audio/export/export-job';
import { placeClips, timelineEnd, type ExportTimeline } from '../audio/export/timeline';
import { assertChaptersHaveAudio, chapterFileName, chapterSpans, type ChapterStart } from './chapters';
import type { DeliveryPlan } from './plan';

export interface DeliverRequest {
  timeline: ExportTimeline;
  plan: DeliveryPlan;
  /** The mix file (single-file plans) or the folder (one file per chapter). */
  output: { kind: 'file'; path: string; stemsDir: string | null; subtitlesPath: string | null } | { kind: 'folder'; path: string };
  range: { start: number; end: number } | null;
  /** Where chapters start (the project's markers); the first chapter is titled `title`. */
  chapterStarts: readonly ChapterStart[];
  title: string;
  book: Omit<BookOptions, 'chapters'> & { author?: string };
  signal: AbortSignal;
  /** Codec-thread entry for the encoders (export-job.ts ExportOptions.encodeWorker). */
  encodeWorker?: URL | null;
  onProgress(fraction: number, message: string, stage: ExportProgress['stage']): void;
}

export interface DeliveredFile {
  kind: 'mix' | 'stem' | 'subtitles' | 'chapter';
  path: string;
}

export interface Delivered {
  files: DeliveredFile[];
  /** Of the whole export (the sum over chapters for duration; the first chapter's levels). */
  durationSeconds: number;
  levels: Pick<ExportResult, 'integratedLufs' | 'truePeakDbtp' | 'encodedLufs' | 'encodedTruePeakDbtp' | 'limited'>;
  report: { preset: string; pass: boolean; files: FileCheck[] } | null;
}

const PART_PREFIX = '.koe-chapters-';

export async function deliver(req: DeliverRequest): Promise<Delivered> {
  const { plan, timeline } = req;
  const ext = FORMAT_EXTENSION[plan.format];
  const programEnd = timelineEnd(placeClips(timeline));
  const spans = plan.chapters === 'none' ? [] : chapterSpans(req.chapterStarts, programEnd, req.title);
  if (spans.length) assertChaptersHaveAudio(spans, timeline);
  const base = {
    format: plan.format,
    bitDepth: plan.bitDepth,
    ...(plan.bitrateKbps !== undefined ? { bitrateKbps: plan.bitrateKbps } : {}),
    ...(plan.vbrQuality !== undefined ? { vbrQuality: plan.vbrQuality } : {}),
    ...(plan.sampleRate !== undefined ? { sampleRate: plan.sampleRate } : {}),
    channels: plan.channels,
    loudnessTarget: plan.loudnessTarget,
    level: plan.level,
    truePeakCeiling: plan.ceiling,
    metadata: { title: req.title, ...(req.book.author ? { artist: req.book.author } : {}) },
    signal: req.signal,
    encodeWorker: req.encodeWorker ?? null,
  };

  if (req.output.kind === 'file') {
    const out = req.output;
    const offset = req.range?.start ?? 0;
    const marks = plan.chapters === 'marks' ? spans.filter((c) => c.end > offset && (!req.range || c.start < req.range.end)).map((c) => ({ title: c.title, startSec: Math.max(0, c.start - offset) / timeline.sampleRate })) : [];
    const result = await runExport(timeline, {
      ...base,
      outputPath: out.path,
      stemsDir: out.stemsDir,
      subtitlesPath: out.subtitlesPath,
      range: req.range,
      ...(plan.format === 'm4b' ? { book: { ...req.book, chapters: marks } } : {}),
      onProgress: (p) => req.onProgress(p.fraction, p.message, p.stage),
    });
    const files: DeliveredFile[] = result.files.map((f) => ({ kind: f.kind, path: f.path }));
    const report = plan.preset ? { preset: plan.preset.id, files: [await checkFile(out.path, plan, result)] } : null;
    return { files, durationSeconds: result.durationSeconds, levels: result, report: report && { ...report, pass: report.files.every((f) => f.pass) } };
  }

  // One file per chapter, made in a hidden folder and moved into place together.
  const folder = req.output.path;
  try {
    await mkdir(folder, { recursive: true });
  } catch (e) {
    throw new KoeError('io', `Cannot use the folder ${folder}: ${(e as Error).message}`);
  }
  const part = await mkdtemp(join(folder, `${PART_PREFIX}${process.pid}-`));
  const made: { path: string; result: ExportResult }[] = [];
  try {
    for (const [i, c] of spans.entries()) {
      const name = chapterFileName(i, spans.length, c.title, ext);
      const result = await runExport(timeline, {
        ...base,
        outputPath: join(part, name),
        stemsDir: null,
        subtitlesPath: null,
        range: { start: c.start, end: c.end },
        ...(plan.roomTone ? { roomTone: plan.roomTone } : {}),
        metadata: { ...base.metadata, title: spans.length > 1 ? `${req.title} — ${c.title}` : req.title },
        onProgress: (p) => req.onProgress((i + p.fraction) / spans.length, `Chapter ${i + 1} of ${spans.length}: ${p.message}`, p.stage),
      });
      made.push({ path: join(folder, name), result });
    }
    for (const m of made) await rename(join(part, basename(m.path)), m.path);
  } finally {
    await rm(part, { recursive: true, force: true }).catch(() => {});
  }
  const checks = plan.preset ? await Promise.all(made.map((m) => checkFile(m.path, plan, m.result))) : [];
  return {
    files: made.map((m) => ({ kind: 'chapter', path: m.path })),
    durationSeconds: made.reduce((n, m) => n + m.result.durationSeconds, 0),
    levels: made[0]!.result,
    report: plan.preset ? { preset: plan.preset.id, pass: checks.every((f) => f.pass), files: checks } : null,
  };
}

async function checkFile(path: string, plan: DeliveryPlan, result: ExportResult): Promise<FileCheck> {
  const rules = plan.preset!.rules;
  if (plan.preset!.id === 'acx') return checkAcxMp3(basename(path), createReadStream(path, { highWaterMark: 1 << 20 }), rules);
  return checkLoudness(basename(path), result, rules);
}

/** Hidden chapter folders left by a process that was killed mid-export; removed when found again. */
export async function sweepChapterParts(folder: string): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const m = new RegExp(`^${PART_PREFIX.replace(/\./g, '\\.')}(\\d+)-`).exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    const info = await stat(join(folder, name)).catch(() => null);
    if (info?.isDirectory()) await rm(join(folder, name), { recursive: true, force: true }).catch(() => {});
  }
}
