// Exports through the contract: a project's timeline (`export.mix`, the studio and `koe export`) or a
// bare script (`export.script`, `koe render`). Both end in exportTo, the one path that turns a
// mixed timeline into files: destination checked before any rendering, the exporter run with
// progress and cancel, and the files handed back as paths (desktop, CLI) or one-time downloads
// (browser, from a scratch folder that is removed afterwards).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { runExport } from '../../audio/export/export-job';
import { PcmSpill } from '../../audio/export/spill';
import type { ExportTimeline } from '../../audio/export/timeline';
import type { CallResult, EventPayload, ParsedArgs } from '../../contract/calls';
import type { CallContext, Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { assertWritableTarget } from '../../fs/atomic';
import { renderLinearTimeline } from '../../timeline/linear-layout';
import { renderedTimeline } from '../../timeline/rendered';
import type { Services } from '../services';

type ExportDeps = Pick<Services, 'library' | 'timeline' | 'renderQueue' | 'speech' | 'downloads' | 'scratchDir'>;
type ExportArgs = ParsedArgs<'export.mix'> | ParsedArgs<'export.script'>;
type ExportCallName = 'export.mix' | 'export.script' | 'export.cancel';
type Progress = (fraction: number, stage: string, phase?: EventPayload<'export.progress'>['phase']) => void;

const CONTENT_TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.flac': 'audio/flac', '.opus': 'audio/ogg', '.ogg': 'audio/ogg', '.srt': 'application/x-subrip', '.vtt': 'text/vtt' };
const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** The chosen path with the format's extension (a save dialog may hand back "name" or "name.wav" for MP3). */
function withExtension(path: string, format: string): string {
  const want = format === 'opus' ? ['.opus', '.ogg'] : [`.${format}`];
  return want.includes(extname(path).toLowerCase()) ? path : `${path.replace(/\.(wav|mp3|flac|opus|ogg)$/i, '')}${want[0]}`;
}

export function exportFileName(projectName: string, ext = 'wav'): string {
  const base = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'Koe export';
  return `${base}.${ext}`;
}

function absolute(path: string): string {
  if (!isAbsolute(path)) throw new KoeError('invalid_args', `Export path must be absolute: "${path}".`);
  return path;
}

export function createExportHandlers(s: ExportDeps): Pick<Handlers, ExportCallName> {
  const jobs = new Map<string, AbortController>();

  /** Runs one export job under its id: refused while one with the same id runs, cancellable by it. */
  async function job<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (jobs.has(jobId)) throw new KoeError('conflict', 'An export with this id is already running.');
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      jobs.delete(jobId);
    }
  }

  /** Where the files go and what they are called, checked before any line renders. */
  async function targetsOf(args: ExportArgs, title: string): Promise<{ outputPath: string | null; fileName: string; stemsDir: string | null; subtitlesPath: string | null }> {
    const dest = args.destination;
    if (dest.kind === 'download') return { outputPath: null, fileName: exportFileName(title, args.format), stemsDir: null, subtitlesPath: null };
    const outputPath = withExtension(absolute(dest.path), args.format);
    const base = basename(outputPath).replace(/\.[^.]+$/, '');
    const subtitlesPath = args.subtitles === 'none' ? null : dest.subtitlesPath ? absolute(dest.subtitlesPath) : join(dirname(outputPath), `${base}.${args.subtitles}`);
    await assertWritableTarget(outputPath);
    if (subtitlesPath) await assertWritableTarget(subtitlesPath);
    return {
      outputPath,
      fileName: basename(outputPath),
      stemsDir: args.stems ? (dest.stemsDir ? absolute(dest.stemsDir) : join(dirname(outputPath), `${base} stems`)) : null,
      subtitlesPath,
    };
  }

  /** The one path from a mixed timeline to delivered files. Progress: the last 30 % of the bar. */
  async function exportTo(
    timeline: ExportTimeline,
    args: ExportArgs,
    targets: Awaited<ReturnType<typeof targetsOf>>,
    title: string,
    signal: AbortSignal,
    progress: Progress,
  ): Promise<CallResult<'export.mix'>> {
    let scratch: string | null = null;
    try {
      // The browser gets everything from a scratch folder as downloads.
      const outputPath = targets.outputPath ?? join((scratch = await mkdtemp(join(tmpdir(), 'koe-export-'))), targets.fileName);
      const base = basename(outputPath).replace(/\.[^.]+$/, '');
      const result = await runExport(timeline, {
        outputPath,
        format: args.format,
        bitDepth: args.bitDepth,
        loudnessTarget: args.loudness,
        stemsDir: targets.outputPath ? targets.stemsDir : args.stems ? join(dirname(outputPath), `${base} stems`) : null,
        subtitlesPath: targets.outputPath ? targets.subtitlesPath : args.subtitles === 'none' ? null : join(dirname(outputPath), `${base}.${args.subtitles}`),
        range: args.range ? { start: args.range.startSample, end: args.range.endSample } : null,
        channels: args.channels,
        ...(args.sampleRate !== undefined ? { sampleRate: args.sampleRate } : {}),
        metadata: { title },
        signal,
        onProgress: (p) => progress(0.7 + p.fraction * 0.29, p.message, p.stage),
      });
      const size = (await stat(outputPath)).size;
      const extras = [];
      for (const f of result.files) {
        if (f.kind === 'mix') continue;
        const name = f.kind === 'stem' ? `${base} - ${basename(f.path)}` : basename(f.path);
        if (!scratch) extras.push({ kind: f.kind, fileName: name, path: f.path, downloadUrl: null });
        else extras.push({ kind: f.kind, fileName: name, path: null, downloadUrl: `/download/${s.downloads.add({ bytes: new Uint8Array(await readFile(f.path)), fileName: name, contentType: contentTypeOf(f.path) })}` });
      }
      const lufs = result.encodedLufs ?? result.integratedLufs;
      const peak = result.encodedTruePeakDbtp ?? result.truePeakDbtp;
      const common = { fileName: targets.fileName, durationSec: result.durationSeconds, bytes: size, lufs: Number.isFinite(lufs) ? lufs : null, truePeakDbtp: Number.isFinite(peak) ? peak : null, limited: result.limited, extras };
      progress(1, 'Done', 'done');
      if (!scratch) return { ...common, path: outputPath, downloadUrl: null };
      const id = s.downloads.add({ bytes: new Uint8Array(await readFile(outputPath)), fileName: targets.fileName, contentType: contentTypeOf(outputPath) });
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
      job(args.jobId, async (signal) => {
        const project = s.library.projects.getProject(args.projectId);
        const progress = progressOf(ctx, args.jobId);
        const targets = await targetsOf(args, project.name);
        const timeline = await renderedTimeline(s, project.id, signal, (fraction, stage) => progress(fraction * 0.7, stage, 'rendering'));
        return exportTo(timeline, args, targets, project.name, signal, progress);
      }),

    'export.script': (args, ctx) =>
      job(args.jobId, async (signal) => {
        const settings = s.library.settings.getSettings();
        const voices = new Map(args.voices.map((v) => [v.speaker, v.voiceId] as const));
        const fallback = args.defaultVoiceId ?? settings.defaultVoiceId;
        const progress = progressOf(ctx, args.jobId);
        const targets = await targetsOf(args, args.title);
        // Each rendered line waits on disk, not in memory, until the mix reads it.
        const spill = await PcmSpill.create(s.scratchDir);
        try {
          const timeline = await renderLinearTimeline(
            { script: args.script, voiceOf: (speaker) => voices.get(speaker) ?? fallback, speed: args.speed ?? settings.speed, gapMs: settings.gapMs, projectId: null, park: (pcm) => spill.put(pcm) },
            s.speech,
            signal,
            (fraction, stage) => progress(fraction * 0.7, stage, 'rendering'),
          );
          return await exportTo(timeline, args, targets, args.title, signal, progress);
        } finally {
          await spill.dispose();
        }
      }),

    'export.cancel': async (args) => {
      const running = jobs.get(args.jobId);
      running?.abort();
      return { cancelled: !!running };
    },
  };
}
