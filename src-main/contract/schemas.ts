// Shared data shapes of the contract. Pure zod, no Node or DOM APIs: the renderer imports this too.
import { z } from 'zod';

export const SAMPLE_RATE = 24_000;
/** Largest script a project may hold; a bigger paste is refused with a clear message. */
export const MAX_SCRIPT_CHARS = 2_000_000;
/** Largest single text sent for synthesis in one call (a line or a preview). */
export const MAX_RENDER_CHARS = 200_000;

export const Id = z.string().min(1).max(128);
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');

export const Gender = z.enum(['female', 'male', 'neutral', 'unknown']);
export type Gender = z.infer<typeof Gender>;

export const VoiceKind = z.enum(['system', 'preset', 'blend', 'clone']);
export type VoiceKind = z.infer<typeof VoiceKind>;

export const Voice = z.object({
  id: Id,
  name: z.string(),
  engine: z.string(),
  kind: VoiceKind,
  /** BCP-47-ish tag as the engine names it, e.g. `en-us`, `fr-fr`, `cmn`. */
  language: z.string(),
  languageName: z.string(),
  gender: Gender,
  tags: z.array(z.string()),
  grade: z.string().nullable(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
});
export type Voice = z.infer<typeof Voice>;

export const SpeakerInput = z.object({
  name: z.string().trim().min(1).max(80),
  voiceId: Id.nullable(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  gain: z.number().min(-60).max(24).optional(),
  pan: z.number().min(-1).max(1).optional(),
});
export type SpeakerInput = z.infer<typeof SpeakerInput>;

export const Speaker = z.object({
  name: z.string(),
  voiceId: Id.nullable(),
  color: z.string(),
  gain: z.number(),
  pan: z.number(),
});
export type Speaker = z.infer<typeof Speaker>;

export const ProjectSummary = z.object({
  id: Id,
  name: z.string(),
  updatedAt: z.string(),
  lineCount: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

/** A name the user marked "not a speaker" (matched without regard to case). */
export const NotSpeakerName = z.string().trim().min(1, 'a name is needed').max(40, 'names are at most 40 characters');

export const Project = z.object({
  id: Id,
  name: z.string(),
  script: z.string(),
  speakers: z.array(Speaker),
  /** Names marked "not a speaker": lines starting "Name:" with one of these are prose. */
  notSpeakers: z.array(z.string()),
  /** Increases on every save; a save naming an older revision is refused (another window won). */
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

/**
 * A web page's origin as browsers send it in the Origin header (`https://app.example.com`,
 * `http://localhost:3000`): http or https, no path, no trailing slash. Compared as exact strings.
 */
export function isWebOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
  } catch {
    return false;
  }
}

export const Settings = z.object({
  defaultVoiceId: z.string(),
  exportBitDepth: z.union([z.literal(16), z.literal(24)]),
  gapMs: z.number().int().min(0).max(5000),
  speed: z.number().min(0.5).max(2),
  theme: z.enum(['dark', 'light', 'system']),
  exportFormat: z.enum(['wav', 'mp3', 'flac', 'opus']),
  /** Integrated loudness target in LUFS (−16 podcast, −14 streaming, −23 broadcast); null = as rendered. */
  exportLoudness: z.union([z.literal(-16), z.literal(-14), z.literal(-23)]).nullable(),
  exportStems: z.boolean(),
  exportSubtitles: z.enum(['none', 'srt', 'vtt']),
  /** 1 = mono; 2 = stereo with each speaker's pan (export and timeline playback alike). */
  exportChannels: z.union([z.literal(1), z.literal(2)]),
  /** Kokoro quality mode: a variant, provider and chunking chosen from measurements on this machine. */
  kokoroQuality: z.enum(['fast', 'balanced', 'best']),
  /** Execution provider: the platform's best (CoreML, DirectML, CUDA) with CPU fall-back, or CPU only. */
  kokoroProvider: z.enum(['auto', 'cpu']),
  /** Inference threads; 0 = one per physical core. */
  kokoroThreads: z.number().int().min(0).max(64),
  kokoroGraphOptimization: z.enum(['all', 'extended', 'basic', 'disabled']),
  kokoroWarmUp: z.boolean(),
  /** Unload an idle model after this many minutes to free memory; 0 keeps it loaded. */
  kokoroIdleUnloadMinutes: z.number().int().min(0).max(1440),
  /** What `Measure speed` found on this machine (quality modes and the recommended variant use it). */
  /** Size cap of the rendered-audio cache in MiB; least recently used audio goes first (takes are kept). */
  audioCacheMaxMB: z.number().int().min(64).max(1_048_576),
  kokoroMeasurements: z
    .array(z.object({ file: z.string(), provider: z.string(), threads: z.number().int(), rtf: z.number(), firstAudioMs: z.number() }))
    .max(64),
  /** Desktop app: serve the OpenAI-compatible speech API (/v1, API keys only) while the app runs. */
  apiEnabled: z.boolean(),
  /** Listen on the local network too, not only this computer (every request still needs a key). */
  apiLan: z.boolean(),
  apiPort: z.number().int().min(1024).max(65535),
  /** Web pages (origins) whose scripts may call the speech API from a browser (CORS); none by default. */
  apiCorsOrigins: z.array(z.string().max(200).refine(isWebOrigin, { message: 'An allowed origin looks like https://app.example.com or http://localhost:3000: http(s), a host, maybe a port, nothing after.' })).max(32),
  /** The first-run welcome was answered (or closed); it does not show again. */
  welcomeDone: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

/**
 * What the export dialog chose for a project, kept with it: everything but where the files go and
 * which part of the timeline. `bitrate` null is the format's default; `vbr` (MP3) replaces it.
 */
export const ExportPrefs = z
  .object({
    format: z.enum(['wav', 'mp3', 'flac', 'opus', 'm4b']),
    preset: z.enum(['podcast', 'streaming', 'broadcast', 'acx']).nullable(),
    loudness: z.number().min(-40).max(-5).nullable(),
    bitrate: z.number().int().min(8).max(320).nullable(),
    vbr: z.number().int().min(0).max(9).nullable(),
    /** null: the studio's 24 kHz (or the preset's rate). */
    sampleRate: z.number().int().min(8000).max(192_000).nullable(),
    channels: z.union([z.literal(1), z.literal(2)]),
    bitDepth: z.union([z.literal(16), z.literal(24)]),
    stems: z.boolean(),
    subtitles: z.enum(['none', 'srt', 'vtt']),
    chapters: z.enum(['none', 'marks', 'files']),
  })
  .strict();
export type ExportPrefs = z.infer<typeof ExportPrefs>;

export const DEFAULT_EXPORT_PREFS: Readonly<ExportPrefs> = Object.freeze({
  format: 'wav',
  preset: null,
  loudness: null,
  bitrate: null,
  vbr: null,
  sampleRate: null,
  channels: 1,
  bitDepth: 24,
  stems: false,
  subtitles: 'none',
  chapters: 'none',
});

export const AppInfo = z.object({
  version: z.string(),
  face: z.enum(['electron', 'server', 'cli']),
  dataDir: z.string(),
  modelsDir: z.string(),
  engines: z.array(z.object({ id: z.string(), name: z.string(), ready: z.boolean(), detail: z.string() })),
  canSaveFiles: z.boolean(),
  /**
   * Set when opening the library found its write-ahead log damaged: what SQLite kept and dropped,
   * and where the damaged log was kept. The studio shows it until dismissed; `koe doctor` lists it.
   */
  libraryRecovery: z.object({ message: z.string(), framesKept: z.number().int(), framesDropped: z.number().int(), keptAside: z.string().nullable() }).nullable().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One line of `app.health`: fail needs the user, warn works with less, info is for the record. */
export const HealthCheck = z.object({ id: z.string(), label: z.string(), status: z.enum(['ok', 'warn', 'fail', 'info']), detail: z.string() });
export type HealthCheck = z.infer<typeof HealthCheck>;

export const RenderParams = z.object({
  speed: z.number().min(0.5).max(2).default(1),
  /** 0–100, 50 is the voice's natural pitch. Engines that cannot shift pitch ignore it. */
  pitch: z.number().int().min(0).max(100).default(50),
  /** Known directions joined by "+" ("whispering+slowly"), from script/directions.ts. */
  direction: z.string().max(200).optional(),
  /**
   * The speaker's own effects for some of those directions, as JSON by name
   * (`{"whispering":{"gainDb":-9}}`, see script/directions.ts `directionEffectsText`); absent when
   * the defaults apply.
   */
  directionEffects: z.string().max(4000).optional(),
  /**
   * A cloned voice's style to speak with, by name (any case): a line's own pick, or the one its
   * directions chose (script/style-choice.ts). Absent: the line's directions choose, else the default.
   */
  style: z.string().trim().min(1).max(40).optional(),
});
export type RenderParams = z.infer<typeof RenderParams>;

/** One word's pronunciation in a user dictionary (global, or one project's). */
export const PronunciationWord = z
  .string()
  .trim()
  .min(1, 'the word is empty')
  .max(64, 'a pronunciation is for one word or short name (at most 64 characters)')
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*$/u, 'a pronunciation is for one word: letters, digits, apostrophes, dots and hyphens, no spaces');
export const Pronunciation = z.object({
  id: z.number().int(),
  scope: z.enum(['global', 'project']),
  projectId: z.string().nullable(),
  /** `en` applies to every English voice; `en-gb` only to British ones. */
  language: z.string(),
  word: z.string(),
  /** In Kokoro's phoneme symbols (misaki); IPA is mapped on entry. */
  phonemes: z.string().nullable(),
  /** Plain letters read the normal way, e.g. "KOH-eh"; works with every voice. */
  respelling: z.string().nullable(),
  updatedAt: z.string(),
});
export type Pronunciation = z.infer<typeof Pronunciation>;
export const PronunciationInput = z
  .object({
    id: z.number().int().positive().optional(),
    scope: z.enum(['global', 'project']),
    projectId: z.string().min(1).max(64).optional(),
    language: z.string().trim().toLowerCase().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'language looks like "en" or "en-gb"'),
    word: PronunciationWord,
    phonemes: z.string().trim().max(200).nullable().optional(),
    respelling: z.string().trim().max(200).regex(/^[^\n\r]*$/, 'a respelling is one line').nullable().optional(),
  })
  .strict()
  .refine((p) => !!(p.phonemes || p.respelling), { message: 'give phonemes or a respelling' })
  .refine((p) => p.scope === 'global' || !!p.projectId, { message: 'a project pronunciation needs projectId' });
export type PronunciationInput = z.infer<typeof PronunciationInput>;
