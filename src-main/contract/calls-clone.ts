// Voice cloning's calls and events, spread into `calls` and `events` in calls.ts so every
// face derives them like the rest. Pure zod: the renderer's recorder imports these shapes.
//
// Audio reaches the core three ways: a file path (desktop and CLI: the core reads it), the bytes of
// a file (browser uploads, drag and drop), or the recorder's PCM. Bytes and PCM travel as base64
// because calls are JSON on the WebSocket; 20 s of 48 kHz float32 mono is 5 MB of base64, inside the
// server's 8 MB message limit, and the recorder should send that rather than a longer take.
import { z } from 'zod';
import type { CallSpec } from './call-spec';
import { ClientId, Id, Voice } from './schemas';

const AbsolutePath = z.string().min(1).max(4096);
const Base64 = z.string().max(11_200_000, 'the recording is too large to send; keep it under 20 seconds or pick the file instead').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

export const AudioSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: AbsolutePath }).strict(),
  z.object({ kind: z.literal('bytes'), base64: Base64, name: z.string().max(255).optional() }).strict(),
  /** Little-endian float32, channels interleaved, as the recorder captured it. */
  z.object({ kind: z.literal('pcm'), base64: Base64, sampleRate: z.number().int().min(1000).max(384_000), channels: z.number().int().min(1).max(8) }).strict(),
]);
export type AudioSource = z.infer<typeof AudioSource>;

export const QualityCheck = z.object({
  id: z.enum(['speech', 'clipping', 'level', 'noise', 'sample-rate', 'speakers', 'length']),
  level: z.enum(['ok', 'warning', 'error']),
  message: z.string(),
  value: z.number().nullable(),
});

export const QualityReport = z.object({
  ok: z.boolean(),
  warnings: z.number().int(),
  errors: z.number().int(),
  checks: z.array(QualityCheck),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  input: z.object({ sampleRate: z.number(), channels: z.number().int(), durationSec: z.number(), format: z.string() }),
  speechSec: z.number(),
  window: z.object({ startSec: z.number(), endSec: z.number() }).nullable(),
});
export type QualityReport = z.infer<typeof QualityReport>;

export const ConsentRecord = z.object({ who: z.string(), statement: z.string(), acceptedAt: z.string() });

export const StyleInfo = z.object({
  name: z.string(),
  /** The reference the voice was made with; it cannot be deleted. */
  isDefault: z.boolean(),
  referenceSec: z.number(),
  source: z.string(),
  consent: ConsentRecord,
  createdAt: z.string(),
});
export type StyleInfo = z.infer<typeof StyleInfo>;

export const CloneInfo = z.object({
  voiceId: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  language: z.string(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  needsReencode: z.boolean(),
  source: z.string(),
  referenceSec: z.number(),
  consent: ConsentRecord,
  qualityReport: QualityReport.nullable(),
  createdAt: z.string(),
  encodedAt: z.string(),
  /** The default style first, then those added (a whisper, an excited take…). */
  styles: z.array(StyleInfo),
});
export type CloneInfo = z.infer<typeof CloneInfo>;

const VoiceName = z.string().trim().min(1, 'the voice needs a name').max(80);
const StyleName = z.string().trim().min(1, 'the style needs a name').max(40);
const Consent = z.object({ statement: z.string().max(2000), accepted: z.boolean(), who: z.string().max(200) }).strict();
const Tags = z.array(z.string().trim().min(1).max(32)).max(16);
const none = z.object({}).strict();
const Destination = z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), path: AbsolutePath }), z.object({ kind: z.literal('download') })]);

export const CloneStage = z.enum(['reading', 'checking', 'processing', 'encoding', 'saving', 'done']);

export const cloneCalls = {
  'clone.consentText': { args: none, result: z.object({ statement: z.string() }), doc: 'The consent statement to show before cloning.' },
  'clone.check': { args: z.object({ source: AudioSource }).strict(), result: QualityReport, doc: 'Quality checks on a recording (speech length, clipping, level, noise, sample rate), storing nothing.' },
  'clone.create': {
    args: z
      .object({
        source: AudioSource,
        name: VoiceName,
        /** What the person agreed to, that they agreed, and who they are; stored with the voice. */
        consent: z.object({ statement: z.string().max(2000), accepted: z.boolean(), who: z.string().max(200) }).strict(),
        /** The user saw the warnings and clones anyway; errors cannot be overridden. */
        acceptWarnings: z.boolean().default(false),
        tags: Tags.optional(),
        /** Progress arrives as clone.progress events with this id. */
        jobId: ClientId.optional(),
      })
      .strict(),
    result: z.object({ voice: Voice, clone: CloneInfo, report: QualityReport, previewText: z.string(), timings: z.object({ totalMs: z.number(), encodeMs: z.number() }) }),
    doc: 'Clone a voice from a recording (after the checks and with consent); returns the new voice and a line to preview it with.',
  },
  'clone.cancel': { args: z.object({ jobId: ClientId }).strict(), result: z.object({ cancelled: z.boolean() }), doc: 'Stop a clone in progress (by the jobId it was started with); nothing is stored.' },
  'clone.list': { args: none, result: z.array(CloneInfo), doc: 'Cloned voices with their consent record, quality report and whether they need re-encoding.' },
  'clone.rename': { args: z.object({ voiceId: Id, name: VoiceName }).strict(), result: Voice, doc: 'Rename a cloned voice.' },
  'clone.tag': { args: z.object({ voiceId: Id, tags: Tags }).strict(), result: Voice, doc: "Replace a cloned voice's tags." },
  'clone.delete': { args: z.object({ voiceId: Id }).strict(), result: z.object({ deleted: z.boolean() }), doc: 'Delete a cloned voice with its reference audio.' },
  'clone.export': {
    args: z.object({ voiceId: Id, destination: Destination }).strict(),
    result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable(), fileName: z.string(), bytes: z.number() }),
    doc: 'Export a cloned voice (reference audio, conditioning, consent) to one .koevoice file.',
  },
  'clone.import': {
    args: z.object({ source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), path: AbsolutePath }).strict(), z.object({ kind: z.literal('bytes'), base64: Base64, name: z.string().max(255).optional() }).strict()]) }).strict(),
    result: z.object({ voice: Voice, reencoded: z.boolean() }),
    doc: 'Import a .koevoice file (it must carry a consent record); re-encodes it if this machine has another model.',
  },
  'clone.addStyle': {
    args: z
      .object({
        voiceId: Id,
        /** "whisper", "excited", or any name; a direction of the same name (or spoken form) picks it. */
        name: StyleName,
        source: AudioSource,
        /** The same consent as a clone: this recording is the same person's, with their permission. */
        consent: Consent,
        acceptWarnings: z.boolean().default(false),
        /** Progress arrives as clone.progress events with this id; clone.cancel stops it. */
        jobId: ClientId.optional(),
      })
      .strict(),
    result: z.object({ style: StyleInfo, report: QualityReport, clone: CloneInfo }),
    doc: 'Add a style (another reference: whisper, excited…) to a cloned voice, with the same checks and consent as cloning.',
  },
  'clone.renameStyle': {
    args: z.object({ voiceId: Id, from: StyleName, to: StyleName }).strict(),
    result: z.object({ styles: z.array(StyleInfo) }),
    doc: "Rename one of a cloned voice's styles (the default one too); lines that picked it by hand follow.",
  },
  'clone.deleteStyle': {
    args: z.object({ voiceId: Id, name: StyleName }).strict(),
    result: z.object({ styles: z.array(StyleInfo) }),
    doc: "Delete an added style of a cloned voice with its reference and conditioning; the default style stays while the voice exists.",
  },
  'clone.reencode': {
    args: z.object({ voiceId: Id.optional() }).strict(),
    result: z.object({ reencoded: z.array(z.string()) }),
    doc: 'Encode cloned voices again from their reference with the installed model (one, or all that need it).',
  },
} satisfies Record<string, CallSpec>;

export const cloneEvents = {
  'clone.progress': z.object({ jobId: z.string(), stage: CloneStage, fraction: z.number().min(0).max(1) }),
} satisfies Record<string, z.ZodType>;
