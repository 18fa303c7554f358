// The single declaration of every call and event between the UI and the core. The preload bridge,
// the Electron ipcMain table, the WebSocket server and the renderer client are all derived from
// these two objects, so a call cannot exist in one face and not another.
import { z } from 'zod';
import {
  AppInfo, ClientId, ExportPrefs, HealthCheck, Gender, Id, MAX_RENDER_CHARS, MAX_SCRIPT_CHARS, Project, ProjectSummary,
  NotSpeakerName, Pronunciation, PronunciationInput, PronunciationWord, RenderParams, SAMPLE_RATE, Settings, SpeakerInput, Voice,
} from './schemas';
import { call, type CallSpec } from './call-spec';
import { modelCalls, modelEvents } from './calls-models';
import { cloneCalls, cloneEvents } from './calls-clone';
import { timelineCalls, timelineEvents } from './calls-timeline';
import { fileCalls } from './calls-files';
import { apiKeyCalls } from './calls-api-keys';
import { DeliveryEffect, SpeakerDirection } from './delivery-effect';

export type { CallSpec } from './call-spec';
const none = z.object({}).strict();

const KokoroMeasurementSchema = z.object({ file: z.string(), provider: z.string(), threads: z.number(), rtf: z.number(), firstAudioMs: z.number() });
const KokoroPlan = z.object({
  mode: z.enum(['fast', 'balanced', 'best']),
  modelFile: z.string().nullable(),
  chunking: z.object({ firstChunkMaxTokens: z.number(), maxTokens: z.number() }),
  measured: KokoroMeasurementSchema.nullable(),
  why: z.string(),
});
const KokoroPlans = z.object({
  installed: z.array(z.string()),
  active: z.string().nullable(),
  plans: z.object({ fast: KokoroPlan, balanced: KokoroPlan, best: KokoroPlan }),
});

const ProjectName = z.string().trim().min(1, 'a project needs a name').max(200);
const ScriptText = z.string().max(MAX_SCRIPT_CHARS, `scripts are limited to ${MAX_SCRIPT_CHARS.toLocaleString('en')} characters`);
const SavePath = z.string().min(1).max(4096);

/** What an export writes and where: shared by a project's export and a script's. */
const ExportChoices = z.object({
  bitDepth: z.union([z.literal(16), z.literal(24)]).default(16),
  /** Absent: what the preset requires (ACX: MP3), else WAV. */
  format: z.enum(['wav', 'mp3', 'flac', 'opus', 'm4b']).optional(),
  /** A delivery preset: its loudness or level target, ceiling and sample rate, and a check report of the files. */
  preset: z.enum(['podcast', 'streaming', 'broadcast', 'acx']).nullable().default(null),
  /** Normalize to this integrated loudness (LUFS) with a −1 dBTP ceiling; null = as rendered (a preset sets its own). */
  loudness: z.number().min(-40).max(-5).nullable().default(null),
  /** MP3, Opus and M4B: kbit/s (MP3 constant bitrate). Absent: the format's default for the channel count. */
  bitrate: z.number().int().min(8).max(320).optional(),
  /** MP3 only, in place of `bitrate`: LAME's variable-bitrate quality, 0 (best, largest) to 9 (smallest). */
  vbr: z.number().int().min(0).max(9).optional(),
  /** Also one file per speaker, aligned to the mix. */
  stems: z.boolean().default(false),
  subtitles: z.enum(['none', 'srt', 'vtt']).default('none'),
  /** 1 = mono; 2 = stereo with each speaker's pan. */
  channels: z.union([z.literal(1), z.literal(2)]).default(1),
  /** Sample rate of the files: 22.05, 24, 44.1 or 48 kHz for every format (WAV and FLAC take any). Absent: the preset's, 44.1 kHz for M4B, else the studio's 24 kHz. */
  sampleRate: z.number().int().min(8000).max(192_000).optional(),
  /**
   * Chapters (the project's markers; each starts one): `marks` puts them in an M4B as chapter marks
   * (the default for M4B), `files` writes one file per chapter into a folder destination (ACX always does).
   */
  chapters: z.enum(['none', 'marks', 'files']).optional(),
  /** Audiobook tags (M4B; title and author also tag the other formats). `coverPath`: a JPEG or PNG. */
  book: z
    .object({
      title: z.string().trim().min(1).max(200).optional(),
      author: z.string().trim().min(1).max(200).optional(),
      narrator: z.string().trim().min(1).max(200).optional(),
      coverPath: SavePath.optional(),
    })
    .strict()
    .optional(),
  /** Part of the timeline in samples at 24 kHz, [start, end); null = the whole project. */
  range: z
    .object({ startSample: z.number().int().min(0), endSample: z.number().int().min(1) })
    .strict()
    .refine((r) => r.endSample > r.startSample, 'the range must end after it starts')
    .nullable()
    .default(null),
  /**
   * A file path (desktop, CLI), a folder for one file per chapter, or `download` (browser: the result
   * carries one-time URLs). Stems go to a folder beside the mix and subtitles beside it, unless a
   * file destination names them.
   */
  destination: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('file'), path: SavePath, stemsDir: SavePath.optional(), subtitlesPath: SavePath.optional() }).strict(),
    z.object({ kind: z.literal('folder'), path: SavePath }).strict(),
    z.object({ kind: z.literal('download') }).strict(),
  ]),
});
const CheckLine = z.object({ id: z.string(), label: z.string(), value: z.string(), limit: z.string(), pass: z.boolean() });
const ExportResult = z.object({
  path: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  fileName: z.string(),
  durationSec: z.number(),
  bytes: z.number(),
  lufs: z.number().nullable(),
  /** The delivered mix's true peak (decoded from MP3/Opus when a loudness target was checked). */
  truePeakDbtp: z.number().nullable(),
  /** Whether the limiter acted to keep the true-peak ceiling. */
  limited: z.boolean(),
  /** Stems, subtitles and chapter files: paths (desktop) or one-time download URLs (browser). */
  extras: z.array(z.object({ kind: z.enum(['stem', 'subtitles', 'chapter']), fileName: z.string(), path: z.string().nullable(), downloadUrl: z.string().nullable() })),
  /** A preset's rules, measured on each delivered file. */
  report: z.object({ preset: z.string(), pass: z.boolean(), files: z.array(z.object({ fileName: z.string(), pass: z.boolean(), checks: z.array(CheckLine) })) }).nullable(),
  /** export.script: what the text front end could not read and skipped (a rare hanzi, unknown kana), by script line (1-based). */
  textWarnings: z.array(z.object({ line: z.number().int(), speaker: z.string(), message: z.string() })).optional(),
});
const PhonemeWord = z.object({ text: z.string(), phonemes: z.string(), source: z.enum(['user', 'gold', 'silver', 'morphology', 'espeak', 'punctuation', 'dictionary', 'unknown']) });

export const calls = {
  'app.info': call(none, AppInfo, 'Version, data folders and engine status.'),
  'app.health': call(none, z.object({ checks: z.array(HealthCheck) }), "Checks that this installation can work (Node, SQLite, ONNX Runtime and its providers, the data folder, models, engines), each ok, warn, fail or info with what it read; `koe doctor` prints it."),

  'voices.list': call(
    z.object({ query: z.string().max(200).optional(), language: z.string().max(32).optional(), gender: Gender.optional() }).strict(),
    z.array(Voice),
    'Voices in the library, optionally filtered.',
  ),

  'projects.list': call(none, z.array(ProjectSummary), 'Projects, most recently changed first.'),
  'projects.create': call(z.object({ name: ProjectName, script: ScriptText.optional() }).strict(), Project, 'Create a project.'),
  'projects.get': call(z.object({ id: Id }).strict(), Project, 'Open a project.'),
  'projects.save': call(
    z.object({
      id: Id,
      /** The revision the editor started from; a stale one is refused with `conflict`. */
      revision: z.number().int().nonnegative(),
      name: ProjectName.optional(),
      script: ScriptText.optional(),
      /** Instead of `script`: one splice on the text at `revision` (what long scripts send). */
      scriptEdit: z.object({
        from: z.number().int().nonnegative(),
        to: z.number().int().nonnegative(),
        insert: ScriptText,
        length: z.number().int().nonnegative().max(MAX_SCRIPT_CHARS, `scripts are limited to ${MAX_SCRIPT_CHARS.toLocaleString('en')} characters`),
      }).strict().optional(),
      speakers: z.array(SpeakerInput).max(200).optional(),
      notSpeakers: z.array(NotSpeakerName).max(200).optional(),
    }).strict().refine((a) => a.script === undefined || a.scriptEdit === undefined, { message: 'send either script or scriptEdit, not both', path: ['scriptEdit'] }),
    z.object({ revision: z.number().int(), updatedAt: z.string() }),
    'Autosave: store the script and speakers atomically.',
  ),
  'projects.exportPrefs': call(z.object({ id: Id }).strict(), ExportPrefs.nullable(), "What the export dialog last chose for a project; null before its first export."),
  'projects.setExportPrefs': call(
    z.object({ id: Id, prefs: ExportPrefs }).strict(),
    z.object({ saved: z.boolean() }),
    "Remember the export dialog's choices with a project (not a script change: the revision stays).",
  ),
  'projects.delete': call(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() }), 'Delete a project.'),
  'projects.directions': call(z.object({ id: Id }).strict(), z.array(SpeakerDirection), "Each speaker's own effects for directions (those that differ from the vocabulary's)."),
  'projects.setDirection': call(
    z.object({ id: Id, speaker: z.string().min(1).max(80), direction: z.string().min(1).max(40), effect: DeliveryEffect.nullable() }).strict(),
    z.object({ saved: z.boolean() }),
    "Set what a direction does for one speaker (null: the vocabulary's default again); that speaker's takes with it go stale.",
  ),

  'render.start': call(
    z.object({
      streamId: ClientId,
      text: z.string().min(1, 'there is nothing to say').max(MAX_RENDER_CHARS),
      voiceId: Id,
      params: RenderParams.optional(),
      /** The project's pronunciations (and the global ones) apply when given. */
      projectId: Id.optional(),
      /** Unsaved entries to try first ("say it" while editing a pronunciation). */
      pronunciations: z
        .array(z.object({ word: PronunciationWord, phonemes: z.string().max(200).optional(), respelling: z.string().max(200).optional() }).strict())
        .max(20)
        .optional(),
    }).strict(),
    z.object({ streamId: z.string() }),
    'Start streaming synthesis; audio arrives as render.chunk events, then render.end.',
  ),
  'render.cancel': call(z.object({ streamId: ClientId }).strict(), z.object({ cancelled: z.boolean() }), 'Stop a stream.'),

  'export.mix': call(
    ExportChoices.extend({ jobId: ClientId, projectId: Id }).strict(),
    ExportResult,
    'Render every line of a project and write the mix (WAV, MP3, FLAC or Opus), with optional loudness normalization, stems and subtitles.',
  ),
  'export.script': call(
    ExportChoices.extend({
      jobId: ClientId,
      /** Written into the files' title tag. */
      title: z.string().trim().min(1).max(200).default('koe render'),
      script: ScriptText,
      /** Voices by speaker name; a speaker left out speaks in `defaultVoiceId`. */
      voices: z.array(z.object({ speaker: z.string().trim().min(1).max(80), voiceId: Id }).strict()).max(200).default([]),
      /** null: the default voice from Settings. */
      defaultVoiceId: Id.nullable().default(null),
      /** null: the speed from Settings. */
      speed: z.number().min(0.5).max(2).nullable().default(null),
    }).strict(),
    ExportResult,
    'Render a script that is not a saved project, line after line in reading order with the gap from Settings, and export it as export.mix does (`koe render`).',
  ),
  'export.cancel': call(z.object({ jobId: ClientId }).strict(), z.object({ cancelled: z.boolean() }), 'Stop an export.'),

  'dialog.saveFile': call(
    z.object({
      defaultName: z.string().max(255),
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(8),
      /** What the files are, for the dialog's filter ("Koe project"); absent: audio. */
      label: z.string().max(80).optional(),
    }).strict(),
    z.object({ supported: z.boolean(), path: z.string().nullable() }),
    'Ask where to save (desktop only; elsewhere `supported` is false).',
  ),

  'dialog.openFile': call(
    z.object({ title: z.string().max(200), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(16), label: z.string().max(80).optional() }).strict(),
    z.object({ supported: z.boolean(), path: z.string().nullable() }),
    'Ask which file to open (desktop only; a browser uploads the file instead, see PUT /upload).',
  ),

  'settings.get': call(none, Settings, 'Current settings.'),
  'kokoro.plans': call(none, KokoroPlans, 'The Kokoro quality modes as they would run here: variant, chunking and measured speed.'),
  'kokoro.measure': call(
    none,
    z.object({ measurements: z.array(KokoroMeasurementSchema), plans: KokoroPlans.shape.plans }),
    'Measure every installed Kokoro variant on this machine (takes a few seconds per variant).',
  ),
  'cache.stats': call(
    none,
    z.object({ entries: z.number().int(), bytes: z.number(), hits: z.number().int(), maxBytes: z.number() }),
    'How much rendered audio the cache holds, its hits and its cap.',
  ),
  'cache.clear': call(none, z.object({ entries: z.number().int(), freedBytes: z.number() }), "Empty the rendered-audio cache (takes keep their own audio; lines render again when asked)."),
  'settings.set': call(Settings.partial().strict(), Settings, 'Change settings.'),

  'text.normalize': call(
    z.object({ text: z.string().max(MAX_RENDER_CHARS), language: z.string().max(32).optional() }).strict(),
    z.object({ spoken: z.string(), sentences: z.array(z.string()) }),
    'The words that will be spoken, split into sentences.',
  ),
  'text.phonemize': call(
    z.object({
      text: z.string().min(1, 'there is nothing to phonemize').max(MAX_RENDER_CHARS),
      /** A Kokoro language (en-us, en-gb, es, fr-fr, hi, it, pt-br, or its one-letter code) or any espeak language. */
      language: z.string().min(1).max(32).default('en-us'),
      /** espeak-ng's own IPA even where Kokoro has a G2P (to compare the two). */
      espeak: z.boolean().default(false),
    }).strict(),
    z.object({
      engine: z.enum(['kokoro', 'espeak']),
      phonemes: z.string(),
      /** Kokoro only: each word's phonemes and where they came from. */
      words: z.array(PhonemeWord),
      /** A caveat worth showing (English read without misaki's lexicons). */
      note: z.string().nullable(),
    }),
    "Kokoro's phonemes for a text and where each word's came from (user, gold, silver, morphology, espeak), or espeak-ng's IPA.",
  ),

  'voices.saveBlend': call(
    z.object({
      name: z.string().trim().min(1, 'a blend needs a name').max(80),
      parts: z
        .array(z.object({ voiceId: Id, weight: z.number().min(0, 'weights cannot be negative').max(100) }).strict())
        .min(2, 'a blend mixes at least two voices')
        .max(8, 'a blend mixes at most eight voices'),
    }).strict(),
    Voice,
    'Mix two or more Kokoro voices into a new voice (weights are relative); preview first with the voice id `kokoro:<a>*0.6+<b>*0.4`.',
  ),
  'voices.delete': call(z.object({ id: Id }).strict(), z.object({ deleted: z.boolean() }), 'Delete a voice you made (a blend or clone).'),

  'pronunciations.list': call(z.object({ projectId: Id.optional() }).strict(), z.array(Pronunciation), "Global pronunciations, plus a project's when given."),
  'pronunciations.set': call(PronunciationInput, Pronunciation, 'Add or change how a word is pronounced.'),
  'pronunciations.delete': call(z.object({ id: z.number().int().positive() }).strict(), z.object({ deleted: z.boolean() }), 'Remove a pronunciation.'),

  ...modelCalls,
  ...cloneCalls,
  ...timelineCalls,
  ...fileCalls,
  ...apiKeyCalls,
} satisfies Record<string, CallSpec>;

// Any Float32Array: the core may hand out views over pooled or shared buffers.
const Pcm = z.custom<Float32Array>((v) => v instanceof Float32Array, { message: 'Expected Float32Array PCM' });

export const events = {
  'render.chunk': z.object({
    streamId: z.string(),
    seq: z.number().int(),
    sampleRate: z.literal(SAMPLE_RATE),
    pcm: Pcm,
    /** On the first chunk only: the engine's (or the cache's) own time to it, as in render.end. */
    engineFirstChunkMs: z.number().optional(),
  }),
  'render.end': z.object({
    streamId: z.string(),
    status: z.enum(['done', 'cancelled', 'failed']),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    samples: z.number().int(),
    /** Engine-side time from start to its first chunk, for the overhead benchmark. */
    engineFirstChunkMs: z.number().nullable(),
  }),
  'export.progress': z.object({
    jobId: z.string(),
    fraction: z.number().min(0).max(1),
    /** What is happening, in words for the user. */
    stage: z.string(),
    /** The same as a keyword, for faces that show it their own way (the CLI's progress line). */
    phase: z.enum(['rendering', 'preparing', 'measuring', 'encoding', 'subtitles', 'saving', 'done']).optional(),
  }),
  'project.saved': z.object({ id: z.string(), revision: z.number().int(), origin: z.string() }),
  /** An engine's state changed (model loaded, provider chosen, fell back to CPU, unloaded). */
  'engines.status': z.object({
    id: z.string(),
    name: z.string(),
    ready: z.boolean(),
    detail: z.string(),
    /** Set once, the first time a preferred provider failed; the UI tells the user once. */
    fallbackReason: z.string().nullable(),
  }),
  /** A command from the desktop app's native menu (electron/menu.ts); the browser face never sends one. */
  'app.menu': z.object({ command: z.enum(['undo', 'redo']) }),
  ...modelEvents,
  ...cloneEvents,
  ...timelineEvents,
} satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.output<Calls[K]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
