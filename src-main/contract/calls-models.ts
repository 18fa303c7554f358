// The model manager's calls and events, spread into `calls` and `events` in calls.ts so
// every face derives them like the rest. Pure zod: the renderer imports these shapes too, and the
// core's ModelManager returns exactly them.
import { z } from 'zod';
import type { CallSpec } from './call-spec';

export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be a model id from "koe models list"');
const none = z.object({}).strict();
const HostUrl = z.string().trim().min(1).max(2048).nullable();

export const ModelState = z.enum(['installed', 'unverified', 'partial', 'corrupt', 'missing']);
export type ModelState = z.infer<typeof ModelState>;

export const ModelPhase = z.enum(['queued', 'checking', 'connecting', 'downloading', 'retrying', 'verifying', 'done', 'failed', 'cancelled']);
export type ModelPhase = z.infer<typeof ModelPhase>;

export const ModelJob = z.object({ phase: ModelPhase, bytes: z.number(), total: z.number() });

/**
 * A model's self-test: a reference sentence spoken once after download or import (and by `koe
 * doctor`), checked for length, silence, finite samples, speech-band energy and clicks at joins.
 */
export const SelfTestResult = z.object({
  status: z.enum(['passed', 'failed', 'skipped']),
  /** What failed, or why it could not run; empty when it passed. */
  failures: z.array(z.string()),
  /** The figures read (samples, rmsDbfs, msPerPhoneme, bandShare, joins, worstJoinStep, …). */
  figures: z.record(z.string(), z.number()),
  testedAt: z.string(),
});
export type SelfTestResult = z.infer<typeof SelfTestResult>;

export const ModelAsset = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  variant: z.string().nullable(),
  version: z.string(),
  license: z.string(),
  homepage: z.string(),
  /** Where it downloads from with the current hosts: the file, or the folder of a set. */
  source: z.string(),
  notes: z.string(),
  requires: z.array(z.string()),
  /** Size of the whole download. */
  bytes: z.number(),
  /** The host publishes no exact size for some file: `bytes` is an estimate until downloaded. */
  bytesEstimated: z.boolean(),
  fileCount: z.number().int(),
  /** How files are trusted: all by sha256, some, or none (exact size and a test load). */
  checksums: z.enum(['all', 'some', 'none']),
  state: ModelState,
  /** Bytes on disk now, including .part files. */
  bytesOnDisk: z.number(),
  installedFiles: z.number().int(),
  problem: z.string().nullable(),
  recommended: z.boolean(),
  /** Set while a download of this asset runs. */
  job: ModelJob.nullable(),
  /** The self-test of these files (Kokoro and Pocket TTS models); a failed one is not used. */
  selfTest: SelfTestResult.nullable().optional(),
});
export type ModelAsset = z.infer<typeof ModelAsset>;

export const HostInfo = z.object({ url: z.string(), from: z.enum(['env', 'setting', 'default']), env: z.string() });
export const ModelHosts = z.object({ huggingface: HostInfo, github: HostInfo });
export type ModelHosts = z.infer<typeof ModelHosts>;

export const Recommendation = z.object({ id: z.string(), reason: z.string(), measured: z.boolean() });

export const ModelList = z.object({
  modelsDir: z.string(),
  assets: z.array(ModelAsset),
  recommended: Recommendation,
  hosts: ModelHosts,
});
export type ModelList = z.infer<typeof ModelList>;

export const DiskUse = z.object({
  modelsDir: z.string(),
  /** Everything below, in bytes. */
  total: z.number(),
  byKind: z.record(z.string(), z.number()),
  byAsset: z.record(z.string(), z.number()),
  /** Of the total, bytes in unfinished .part files. */
  partial: z.number(),
});
export type DiskUse = z.infer<typeof DiskUse>;

export const ImportedFile = z.object({ id: z.string(), file: z.string(), verifiedBy: z.enum(['sha256', 'size+check']), state: ModelState });
export type ImportedFile = z.infer<typeof ImportedFile>;

export const ModelProgress = z.object({
  id: z.string(),
  bytes: z.number(),
  total: z.number(),
  /** Bytes per second over the last few seconds; 0 while unknown. */
  rate: z.number(),
  etaSec: z.number().nullable(),
  phase: ModelPhase,
  /** Set when phase is failed (and cancelled). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ModelProgress = z.infer<typeof ModelProgress>;

export const modelCalls = {
  'models.list': { args: none, result: ModelList, doc: 'Downloadable models, voices and lexicons with their state on disk and the recommended variant.' },
  'models.download': {
    args: z.object({ id: ModelId, withRequired: z.boolean().default(true) }).strict(),
    result: z.object({ started: z.array(z.string()), joined: z.array(z.string()) }),
    doc: 'Start downloading (with required companions unless withRequired is false); progress and the outcome arrive as models.progress events.',
  },
  'models.cancel': { args: z.object({ id: ModelId }).strict(), result: z.object({ cancelled: z.boolean() }), doc: 'Stop a download; its partial file is kept so it can resume.' },
  'models.import': {
    args: z.object({ path: z.string().min(1).max(4096), id: ModelId.optional() }).strict(),
    result: z.object({ imported: z.array(ImportedFile) }),
    doc: 'Copy a local model, voice pack or lexicon file (or a folder of them) in after verifying it.',
  },
  'models.remove': { args: z.object({ id: ModelId }).strict(), result: z.object({ removed: z.boolean(), freedBytes: z.number() }), doc: 'Delete an installed or partial asset.' },
  'models.diskUse': { args: none, result: DiskUse, doc: 'Bytes used by models, by kind.' },
  'models.setHosts': {
    args: z.object({ huggingface: HostUrl.optional(), github: HostUrl.optional() }).strict(),
    result: ModelHosts,
    doc: 'Set (or with null, reset) the model host base URLs, e.g. a mirror; KOE_MODEL_HOST and KOE_GITHUB_RAW_HOST still win.',
  },
} satisfies Record<string, CallSpec>;

export const modelEvents = {
  'models.progress': ModelProgress,
} satisfies Record<string, z.ZodType>;
