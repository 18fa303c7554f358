// The core's implementation of every contract call. Faces never call services directly; they
// dispatch here, so validation and behaviour are the same in Electron, the server and tests.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { runExport } from '../audio/export/export-job';
import { renderedTimeline } from './timeline-export';
import type { Handlers } from '../contract/dispatch';
import { KoeError } from '../contract/errors';
import { prepareText } from '../text/index';
import type { LexiconEntry } from '../engines/types';
import { validateUserPhonemes } from '../text/g2p/index';
import type { Core } from './core';
import { MIB } from '../library/audio-cache-repo';
import { applyKokoroSettings, feedRecommendation, measureKokoro, plansFor } from './kokoro-settings';
import { exportFileName } from './export-mix';
import { createModelHandlers } from './handlers-models';
import { createCloneHandlers } from './handlers-clone';
import { createTimelineHandlers } from './handlers-timeline';

/** Phonemes must be symbols Kokoro has; the message names the ones it lacks. */
function checkedEntry(e: LexiconEntry): LexiconEntry {
  if (!e.phonemes) return e;
  const v = validateUserPhonemes(e.phonemes);
  if (!v.ok) throw new KoeError('invalid_args', `Pronunciation of "${e.word}": ${v.message}`);
  return { ...e, phonemes: v.normalized };
}

const CONTENT_TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.flac': 'audio/flac', '.opus': 'audio/ogg', '.ogg': 'audio/ogg', '.srt': 'application/x-subrip', '.vtt': 'text/vtt' };
const contentTypeOf = (path: string): string => CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** The chosen path with the format's extension (a save dialog may hand back "name" or "name.wav" for MP3). */
function withExtension(path: string, format: string): string {
  const want = format === 'opus' ? ['.opus', '.ogg'] : [`.${format}`];
  return want.includes(extname(path).toLowerCase()) ? path : `${path.replace(/\.(wav|mp3|flac|opus|ogg)$/i, '')}${want[0]}`;
}

const KOKORO_KEYS = ['kokoroQuality', 'kokoroProvider', 'kokoroThreads', 'kokoroGraphOptimization', 'kokoroWarmUp', 'kokoroIdleUnloadMinutes'] as const;

export function createHandlers(core: Core): Handlers {
  const { library } = core;
  const exportJobs = new Map<string, AbortController>();

  return {
    'app.info': async () => core.info(),

    'voices.list': async (args) => library.voices.listVoices(args),

    'projects.list': async () => library.projects.listProjects(),
    'projects.create': async (args) => library.projects.createProject(args.name, args.script),
    'projects.get': async (args) => library.projects.getProject(args.id),
    'projects.save': async (args, ctx) => {
      const saved = library.projects.saveProject(args);
      core.broadcast('project.saved', { id: args.id, revision: saved.revision, origin: ctx.origin }, ctx.origin);
      return saved;
    },
    'projects.delete': async (args) => ({ deleted: library.projects.deleteProject(args.id) }),

    'render.start': async (args, ctx) => {
      const settings = library.settings.getSettings();
      const params = args.params ?? { speed: settings.speed, pitch: 50 };
      const pronunciations = args.pronunciations?.map((p) => checkedEntry(p));
      core.streams.start(args.streamId, { text: args.text, voiceId: args.voiceId, params, projectId: args.projectId ?? null, ...(pronunciations ? { pronunciations } : {}) }, ctx);
      return { streamId: args.streamId };
    },
    'voices.saveBlend': async (args) => {
      const parts = args.parts.map((p) => {
        const ref = core.router.voiceRef(p.voiceId);
        if (ref.engine !== 'kokoro') throw new KoeError('unsupported', `Only Kokoro voices can be blended; "${p.voiceId}" is a ${ref.engine} voice.`);
        return { voice: ref.voice, weight: p.weight };
      });
      const slug = args.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'blend';
      let id = `blend-${slug}`;
      for (let n = 2; library.voices.getVoice(`kokoro:${id}`); n++) id = `blend-${slug}-${n}`;
      const voice = await core.kokoro.saveBlend({ id, name: args.name, parts });
      return library.voices.putUserVoice(voice);
    },
    'voices.delete': async (args) => {
      const voice = library.voices.getVoice(args.id);
      const deleted = library.voices.deleteVoice(args.id);
      if (deleted && voice?.kind === 'blend' && voice.engine === 'kokoro') await core.kokoro.removeCustom(core.router.voiceRef(voice.id).voice);
      return { deleted };
    },
    'pronunciations.list': async (args) => library.pronunciations.list(args.projectId ?? null),
    'pronunciations.set': async (args) => {
      const checked = checkedEntry({ word: args.word, ...(args.phonemes ? { phonemes: args.phonemes } : {}), ...(args.respelling ? { respelling: args.respelling } : {}) });
      return library.pronunciations.set({ ...args, phonemes: checked.phonemes ?? null, respelling: checked.respelling ?? null });
    },
    'pronunciations.delete': async (args) => ({ deleted: library.pronunciations.delete(args.id) }),

    'render.cancel': async (args) => ({ cancelled: core.streams.cancel(args.streamId) }),

    'export.mix': async (args, ctx) => {
      if (exportJobs.has(args.jobId)) throw new KoeError('conflict', 'An export with this id is already running.');
      const dest = args.destination;
      if (dest.kind === 'file' && !isAbsolute(dest.path)) throw new KoeError('invalid_args', `Export path must be absolute: "${dest.path}".`);
      const project = library.projects.getProject(args.projectId);
      const controller = new AbortController();
      exportJobs.set(args.jobId, controller);
      const progress = (fraction: number, stage: string) => ctx.emit('export.progress', { jobId: args.jobId, fraction, stage });
      let scratch: string | null = null;
      try {
        const timeline = await renderedTimeline(core, project.id, controller.signal, (fraction, stage) => progress(fraction * 0.7, stage));
        const fileName = exportFileName(project.name, args.format === 'opus' ? 'opus' : args.format);
        // Desktop writes next to the chosen file; the browser gets everything from a scratch folder as downloads.
        const outputPath = dest.kind === 'file' ? withExtension(dest.path, args.format) : join((scratch = await mkdtemp(join(tmpdir(), 'koe-export-'))), fileName);
        const base = basename(outputPath).replace(/\.[^.]+$/, '');
        const result = await runExport(timeline, {
          outputPath,
          format: args.format,
          bitDepth: args.bitDepth,
          loudnessTarget: args.loudness,
          stemsDir: args.stems ? join(dirname(outputPath), `${base} stems`) : null,
          subtitlesPath: args.subtitles === 'none' ? null : join(dirname(outputPath), `${base}.${args.subtitles}`),
          range: args.range ? { start: args.range.startSample, end: args.range.endSample } : null,
          channels: args.channels,
          metadata: { title: project.name },
          signal: controller.signal,
          onProgress: (p) => progress(0.7 + p.fraction * 0.29, p.message),
        });
        const size = (await stat(outputPath)).size;
        const extras = [];
        for (const f of result.files) {
          if (f.kind === 'mix') continue;
          const name = f.kind === 'stem' ? `${base} - ${basename(f.path)}` : basename(f.path);
          if (dest.kind === 'file') extras.push({ kind: f.kind, fileName: name, path: f.path, downloadUrl: null });
          else extras.push({ kind: f.kind, fileName: name, path: null, downloadUrl: `/download/${core.downloads.add({ bytes: new Uint8Array(await readFile(f.path)), fileName: name, contentType: contentTypeOf(f.path) })}` });
        }
        const common = { fileName, durationSec: result.durationSeconds, bytes: size, lufs: deliveredLufs(result), extras };
        progress(1, 'Done');
        if (dest.kind === 'file') return { ...common, path: outputPath, downloadUrl: null };
        const id = core.downloads.add({ bytes: new Uint8Array(await readFile(outputPath)), fileName, contentType: contentTypeOf(outputPath) });
        return { ...common, path: null, downloadUrl: `/download/${id}` };
      } finally {
        exportJobs.delete(args.jobId);
        if (scratch) await rm(scratch, { recursive: true, force: true }).catch(() => {});
      }
    },
    'export.cancel': async (args) => {
      const job = exportJobs.get(args.jobId);
      job?.abort();
      return { cancelled: !!job };
    },

    'dialog.saveFile': async (args) => {
      if (!core.face.saveDialog) return { supported: false, path: null };
      return { supported: true, path: await core.face.saveDialog(args.defaultName, args.extensions) };
    },

    'dialog.openFile': async (args) => {
      if (!core.face.openDialog) return { supported: false, path: null };
      return { supported: true, path: await core.face.openDialog(args.title, args.extensions) };
    },

    'settings.get': async () => library.settings.getSettings(),
    'settings.set': async (args) => {
      if (args.defaultVoiceId !== undefined && !library.voices.getVoice(args.defaultVoiceId)) {
        throw new KoeError('not_found', `Unknown voice "${args.defaultVoiceId}".`);
      }
      const before = library.settings.getSettings();
      const after = library.settings.setSettings(args);
      if (after.audioCacheMaxMB !== before.audioCacheMaxMB) library.audioCache.setMaxBytes(after.audioCacheMaxMB * MIB);
      if (KOKORO_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))) await applyKokoroSettings(core.kokoro, after);
      return after;
    },
    'kokoro.plans': async () => {
      const settings = library.settings.getSettings();
      return { installed: core.kokoro.installedFiles(), active: core.kokoro.activeFile(), plans: plansFor(core.kokoro, settings) };
    },
    'kokoro.measure': async () => {
      const settings = library.settings.getSettings();
      const measurements = await measureKokoro(core.kokoro, core.router, settings);
      const after = library.settings.setSettings({ kokoroMeasurements: measurements });
      feedRecommendation(core.models, measurements);
      await applyKokoroSettings(core.kokoro, after);
      return { measurements, plans: plansFor(core.kokoro, after) };
    },

    'cache.stats': async () => library.audioCache.cacheStats(),
    'cache.clear': async () => {
      const { entries, bytes } = library.audioCache.cacheStats();
      library.audioCache.clear();
      return { entries, freedBytes: bytes };
    },

    'text.normalize': async (args) => prepareText(args.text, args.language),

    ...createModelHandlers(core),
    ...createCloneHandlers(core), // voice cloning (issue #4)
    ...createTimelineHandlers(core), // dialogue timeline (issue #5)
  };
}

/** The loudness of the file as delivered: decoded from MP3/Opus when measured, else the mix PCM. */
function deliveredLufs(r: { integratedLufs: number; encodedLufs: number | null }): number | null {
  const v = r.encodedLufs ?? r.integratedLufs;
  return Number.isFinite(v) ? v : null;
}
