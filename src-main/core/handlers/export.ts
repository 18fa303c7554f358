// Exports through the contract: a project's timeline (`export.mix`, the studio and `koe export`) or a
// bare script (`export.script`, `koe render`). Both end in exportTo, the one path that turns a
// mixed timeline into files: destination checked before any rendering, the exporter run with
// progress and cancel, and the files handed back as paths (desktop, CLI) or one-time downloads
// (browser, from a scratch folder that is removed afterwards).
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { FORMAT_EXTENSION } from '../../audio/export/encoder';
import { PcmSpill } from '../../audio/export/spill';
import type { ExportTimeline } from '../../audio/export/timeline';
import type { CallResult, EventPayload } from '../../contract/calls';
import { scopedId, type CallContext, type Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { assertWritableTarget } from '../../fs/atomic';
import { renderLinearTimeline } from '../../timeline/linear-layout';
import { renderedTimeline } from '../../timeline/rendered';
import { chapterStartsOf, type ChapterStart } from '../../delivery/chapters';
import { parseScript } from '../../script/parse';
import { readCover } from '../../delivery/cover';
import { deliver, sweepChapterParts, type DeliverRequest } from '../../delivery/deliver';
import { planDelivery, type DeliveryPlan, type ExportArgs } from '../../delivery/plan';
import { SAMPLE_RATE } from '../../contract/schemas';
import type { Services } from '../services';
import { filePaths } from './file-paths';
import { safeBaseName } from '../../lib/file-name';

type ExportDeps = Pick<Services, 'library' | 'timeline' | 'renderQueue' | 'speech' | 'downloads' | 'scratchDir' | 'encodeWorker' | 'face' | 'tempFolders'>;

type Targets = ({ kind: 'file'; path: string; fileName: string; stemsDir: string | null; subtitlesPath: string | null } | { kind: 'folder'; path: string; fileName: string } | { kind: 'download'; fileName: string }) & {
  /** The cover image, read and checked with the destination: before any line renders. */
  cover?: Awaited<ReturnType<typeof readCover>>;
};
type ExportCallName = 'export.mix' | 'export.script' | 'export.cancel';
type Progress = (fraction: number, stage: string, phase?: EventPayload<'export.progress'>['phase']) => void;

const CONTENT_TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.flac': 'audio/flac', '.opus': 'audio/ogg', '.ogg': 'audio/ogg', '.m4b': 'audio/mp4', '.srt': 'application/x-subrip', '.vtt': 'text/vtt' };
const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** The chosen path with the format's extension (a save dialog may hand back "name" or "name.wav" for MP3). */
function withExtension(path: string, format: string): string {
  const want = format === 'opus' ? ['.opus', '.ogg'] : format === 'm4b' ? ['.m4b', '.m4a'] : [`.${format}`];
  return want.includes(extname(path).toLowerCase()) ? path : `${path.replace(/\.(wav|mp3|flac|opus|ogg|m4b|m4a)$/i, '')}${want[0]}`;
}

export function exportFileName(projectName: string, ext = 'wav'): string {
  const base = safeBaseName(projectName, 'Koe export');
  return `${base}.${ext}`;
}

/** Stems and subtitles beside a mix that goes out as downloads. */
function sideFiles(args: ExportArgs, outputPath: string): { stemsDir: string | null; subtitlesPath: string | null } {
  const base = outputPath.replace(/\.[^.]+$/, '');
  return { stemsDir: args.stems ? `${base} stems` : null, subtitlesPath: args.subtitles === 'none' ? null : `${base}.${args.subtitles}` };
}

export function createExportHandlers(s: ExportDeps): Pick<Handlers, ExportCallName> {
  const jobs = new Map<string, AbortController>();
  const paths = filePaths(s.face, s.tempFolders);

  /** Runs one export job under its id: refused while one with the same id runs, cancellable by it. */
  async function job<T>(ctx: CallContext, jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const key = scopedId(ctx, jobId);
    if (jobs.has(key)) throw new KoeError('conflict', 'An export with this id is already running.');
    const controller = new AbortController();
    jobs.set(key, controller);
    try {
      return await work(controller.signal);
    } finally {
      jobs.delete(key);
    }
  }

  /** Where the files go and what they are called, checked before any line renders. */
  async function targetsOf(args: ExportArgs, plan: DeliveryPlan, title: string): Promise<Targets> {
    const cover = args.book?.coverPath ? { cover: await readCover(await paths.forReading(args.book.coverPath)) } : {};
    return { ...(await placesOf(args, plan, title)), ...cover };
  }

  async function placesOf(args: ExportArgs, plan: DeliveryPlan, title: string): Promise<Targets> {
    const dest = args.destination;
    const ext = FORMAT_EXTENSION[plan.format];
    if (dest.kind === 'download') return { kind: 'download', fileName: plan.chapters === 'files' ? exportFileName(title, '').replace(/\.$/, '') : exportFileName(title, ext) };
    if (dest.kind === 'folder') {
      const folder = await paths.forWriting(dest.path, 'folder');
      await sweepChapterParts(folder);
      return { kind: 'folder', path: folder, fileName: basename(folder) };
    }
    const outputPath = await paths.forWriting(withExtension(dest.path, plan.format));
    const base = basename(outputPath).replace(/\.[^.]+$/, '');
    const subtitlesPath = args.subtitles === 'none' ? null : dest.subtitlesPath ? await paths.forWriting(dest.subtitlesPath) : join(dirname(outputPath), `${base}.${args.subtitles}`);
    await assertWritableTarget(outputPath);
    if (subtitlesPath) await assertWritableTarget(subtitlesPath);
    const stemsDir = args.stems ? await paths.forWriting(dest.stemsDir ?? join(dirname(outputPath), `${base} stems`), 'folder') : null;
    return { kind: 'file', path: outputPath, fileName: basename(outputPath), stemsDir, subtitlesPath };
  }

  /** The one path from a mixed timeline to delivered files. Progress: the last 30 % of the bar. */
  async function exportTo(timeline: ExportTimeline, args: ExportArgs, plan: DeliveryPlan, targets: Targets, title: string, chapterStarts: readonly ChapterStart[], signal: AbortSignal, progress: Progress): Promise<CallResult<'export.mix'>> {
    let scratch: string | null = null;
    try {
      const cover = targets.cover;
      // The browser gets everything from a scratch folder in the data folder, as downloads.
      if (targets.kind === 'download') {
        await mkdir(s.scratchDir, { recursive: true, mode: 0o700 });
        scratch = await mkdtemp(join(s.scratchDir, 'koe-export-'));
      }
      const output: DeliverRequest['output'] =
        targets.kind === 'file'
          ? { kind: 'file', path: targets.path, stemsDir: targets.stemsDir, subtitlesPath: targets.subtitlesPath }
          : targets.kind === 'folder'
            ? { kind: 'folder', path: targets.path }
            : plan.chapters === 'files'
              ? { kind: 'folder', path: scratch! }
              : { kind: 'file', path: join(scratch!, targets.fileName), ...sideFiles(args, join(scratch!, targets.fileName)) };
      const done = await deliver({
        timeline,
        plan,
        output,
        range: args.range ? { start: args.range.startSample, end: args.range.endSample } : null,
        chapterStarts,
        title: args.book?.title ?? title,
        book: { ...(args.book?.author ? { author: args.book.author } : {}), ...(args.book?.narrator ? { narrator: args.book.narrator } : {}), ...(cover ? { cover } : {}) },
        signal,
        encodeWorker: s.encodeWorker,
        onProgress: (fraction, message, stage) => progress(0.7 + fraction * 0.29, message, stage),
      });
      const main = done.files.find((f) => f.kind === 'mix');
      const extras = [];
      for (const f of done.files) {
        if (f.kind === 'mix') continue;
        const name = f.kind === 'stem' && main ? `${basename(main.path).replace(/\.[^.]+$/, '')} - ${basename(f.path)}` : basename(f.path);
        if (!scratch) extras.push({ kind: f.kind, fileName: name, path: f.path, downloadUrl: null });
        else extras.push({ kind: f.kind, fileName: name, path: null, downloadUrl: `/download/${s.downloads.add({ bytes: new Uint8Array(await readFile(f.path)), fileName: name, contentType: contentTypeOf(f.path) })}` });
      }
      const bytes = (await Promise.all(done.files.filter((f) => f.kind === 'mix' || f.kind === 'chapter').map((f) => stat(f.path).then((i) => i.size)))).reduce((a, b) => a + b, 0);
      const lufs = done.levels.encodedLufs ?? done.levels.integratedLufs;
      const peak = done.levels.encodedTruePeakDbtp ?? done.levels.truePeakDbtp;
      const common = { fileName: targets.fileName, durationSec: done.durationSeconds, bytes, lufs: Number.isFinite(lufs) ? lufs : null, truePeakDbtp: Number.isFinite(peak) ? peak : null, limited: done.levels.limited, extras, report: done.report };
      progress(1, 'Done', 'done');
      if (!scratch) return { ...common, path: main?.path ?? (targets.kind === 'folder' ? targets.path : null), downloadUrl: null };
      if (!main) return { ...common, path: null, downloadUrl: null };
      const id = s.downloads.add({ bytes: new Uint8Array(await readFile(main.path)), fileName: targets.fileName, contentType: contentTypeOf(main.path) });
      return { ...common, path: null, downloadUrl: `/download/${id}` };
    } finally {
      if (scratch) await rm(scratch, { recursive: true, force: true }).catch(() => {});
    }
  }

  const progressOf =
    (ctx: CallContext, jobId: string): Progress =>
    (fraction, stage, phase) =>
      ctx.emit('export.progress', { jobId, fraction, stage, ...(phase ? { phase } : {}) });

  return {
    'export.mix': (args, ctx) =>
      job(ctx, args.jobId, async (signal) => {
        const project = s.library.projects.getProject(args.projectId);
        const progress = progressOf(ctx, args.jobId);
        const plan = planDelivery(args);
        const targets = await targetsOf(args, plan, project.name);
        // A chapter heading with no lines is refused here, before anything renders.
        const withChapters = plan.chapters !== 'none';
        const { timeline, view } = await renderedTimeline(s, project.id, signal, (fraction, stage) => progress(fraction * 0.7, stage, 'rendering'), {
          withChapters,
          // A chapter heading with no lines is refused before anything renders.
          check: (first) => void (withChapters && chapterStartsOf(first.chapters, [], SAMPLE_RATE)),
        });
        const starts = withChapters ? chapterStartsOf(view.chapters, view.markers, SAMPLE_RATE) : [];
        return exportTo(timeline, args, plan, targets, project.name, starts, signal, progress);
      }),

    'export.script': (args, ctx) =>
      job(ctx, args.jobId, async (signal) => {
        const settings = s.library.settings.getSettings();
        const voices = new Map(args.voices.map((v) => [v.speaker, v.voiceId] as const));
        const fallback = args.defaultVoiceId ?? settings.defaultVoiceId;
        const progress = progressOf(ctx, args.jobId);
        const plan = planDelivery(args);
        const targets = await targetsOf(args, plan, args.title);
        // Each rendered line waits on disk, not in memory, until the mix reads it.
        const spill = await PcmSpill.create(s.scratchDir);
        try {
          if (plan.chapters !== 'none') chapterStartsOf(parseScript(args.script).chapters.map((c) => ({ ...c, startSample: 0 })), [], SAMPLE_RATE);
          const { timeline, chapters, warnings } = await renderLinearTimeline(
            { script: args.script, voiceOf: (speaker) => voices.get(speaker) ?? fallback, speed: args.speed ?? settings.speed, gapMs: settings.gapMs, projectId: null, park: (pcm) => spill.put(pcm) },
            s.speech,
            signal,
            (fraction, stage) => progress(fraction * 0.7, stage, 'rendering'),
          );
          const starts = plan.chapters === 'none' ? [] : chapterStartsOf(chapters, [], SAMPLE_RATE);
          const result = await exportTo(timeline, args, plan, targets, args.title, starts, signal, progress);
          return warnings.length ? { ...result, textWarnings: warnings } : result;
        } finally {
          await spill.dispose();
        }
      }),

    'export.cancel': async (args, ctx) => {
      const running = jobs.get(scopedId(ctx, args.jobId));
      running?.abort();
      return { cancelled: !!running };
    },
  };
}
