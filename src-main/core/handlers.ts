// The core's implementation of every contract call. Faces never call services directly; they
// dispatch here, so validation and behaviour are the same in Electron, the server and tests.
import { isAbsolute } from 'node:path';
import type { Handlers } from '../contract/dispatch';
import { KoeError } from '../contract/errors';
import { writeFileAtomic } from '../fs/atomic';
import { prepareText } from '../text/index';
import type { LexiconEntry } from '../engines/types';
import { validateUserPhonemes } from '../text/g2p/index';
import type { Core } from './core';
import { applyKokoroSettings, feedRecommendation, measureKokoro, plansFor } from './kokoro-settings';
import { encodeMix, exportFileName, renderProjectMix } from './export-mix';
import { createModelHandlers } from './handlers-models';
import { createCloneHandlers } from './handlers-clone';

/** Phonemes must be symbols Kokoro has; the message names the ones it lacks. */
function checkedEntry(e: LexiconEntry): LexiconEntry {
  if (!e.phonemes) return e;
  const v = validateUserPhonemes(e.phonemes);
  if (!v.ok) throw new KoeError('invalid_args', `Pronunciation of "${e.word}": ${v.message}`);
  return { ...e, phonemes: v.normalized };
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
      try {
        const pcm = await renderProjectMix({
          project,
          settings: library.settings.getSettings(),
          speech: core.speech,
          signal: controller.signal,
          onProgress: (fraction, stage) => ctx.emit('export.progress', { jobId: args.jobId, fraction: fraction * 0.95, stage }),
        });
        const bytes = encodeMix(pcm, project, args.bitDepth);
        const fileName = exportFileName(project.name);
        const durationSec = pcm.length / 24_000;
        ctx.emit('export.progress', { jobId: args.jobId, fraction: 0.97, stage: 'Writing' });
        if (dest.kind === 'file') {
          await writeFileAtomic(dest.path, bytes);
          ctx.emit('export.progress', { jobId: args.jobId, fraction: 1, stage: 'Done' });
          return { path: dest.path, downloadUrl: null, fileName, durationSec, bytes: bytes.byteLength };
        }
        const id = core.downloads.add({ bytes, fileName, contentType: 'audio/wav' });
        ctx.emit('export.progress', { jobId: args.jobId, fraction: 1, stage: 'Done' });
        return { path: null, downloadUrl: `/download/${id}`, fileName, durationSec, bytes: bytes.byteLength };
      } finally {
        exportJobs.delete(args.jobId);
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

    'settings.get': async () => library.settings.getSettings(),
    'settings.set': async (args) => {
      if (args.defaultVoiceId !== undefined && !library.voices.getVoice(args.defaultVoiceId)) {
        throw new KoeError('not_found', `Unknown voice "${args.defaultVoiceId}".`);
      }
      const before = library.settings.getSettings();
      const after = library.settings.setSettings(args);
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

    'text.normalize': async (args) => prepareText(args.text, args.language),

    ...createModelHandlers(core),
    ...createCloneHandlers(core), // voice cloning (issue #4)
  };
}
