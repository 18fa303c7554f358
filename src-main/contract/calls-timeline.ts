// The dialogue timeline's calls and events, spread into `calls` and `events` in calls.ts
// so every face derives them like the rest. Pure zod: the renderer's timeline imports these shapes,
// and the core's TimelineService returns exactly them.
//
// Edits are typed ops, each an absolute setting ("gain of line 7 is −3 dB", not "3 dB quieter"),
// so the undo of any op is the same op with the old value, and replaying history is idempotent.
import { z } from 'zod';
import type { CallSpec } from './call-spec';
import { Id, SAMPLE_RATE } from './schemas';

const LineId = z.number().int().positive();
const Samples = z.number().int().min(0).max(SAMPLE_RATE * 60 * 60 * 24);
const SpeakerName = z.string().min(1).max(80);
const Revision = z.number().int().nonnegative();
/** Longest playback window one call mixes (30 s): a reply stays a few MB at most. */
export const MAX_MIX_WINDOW = SAMPLE_RATE * 30;

/**
 * "Continue from the previous line", for voices whose engine can (Pocket TTS): off; own (a line
 * continues from its speaker's previous line); reply (from the line just before it, whoever spoke).
 */
export const ContextMode = z.enum(['off', 'own', 'reply']);
export type ContextMode = z.infer<typeof ContextMode>;

export const TimelineOp = z.discriminatedUnion('type', [
  /** Places a clip; `manual` (default true) keeps it there through relayouts; false hands it back to the layout. */
  z.object({ type: z.literal('move'), lineId: LineId, startSample: Samples, manual: z.boolean().optional() }).strict(),
  /** Cuts `startSamples` off the head and `endSamples` off the tail of the take; `startSample` also moves the clip, so trimming a placed clip's head keeps its audio where it was, in one undo step. */
  z.object({ type: z.literal('trim'), lineId: LineId, startSamples: Samples, endSamples: Samples, startSample: Samples.optional() }).strict(),
  z.object({ type: z.literal('gain'), lineId: LineId, db: z.number().min(-60).max(24) }).strict(),
  /** The line's own speed (its takes go stale); null: the project's speed from Settings. */
  z.object({ type: z.literal('lineSpeed'), lineId: LineId, speed: z.number().min(0.5).max(2).nullable() }).strict(),
  /** A cloned voice's style for the line, by name; null: its directions choose (else the default style). */
  z.object({ type: z.literal('lineStyle'), lineId: LineId, style: z.string().trim().min(1).max(40).nullable() }).strict(),
  /** Extra silence after the line before the next one starts (on top of the natural gap). */
  z.object({ type: z.literal('linePause'), lineId: LineId, afterMs: z.number().int().min(0).max(60_000) }).strict(),
  z.object({ type: z.literal('fade'), lineId: LineId, inSamples: Samples, outSamples: Samples }).strict(),
  z.object({ type: z.literal('selectTake'), lineId: LineId, takeId: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('mute'), speaker: SpeakerName, on: z.boolean() }).strict(),
  z.object({ type: z.literal('solo'), speaker: SpeakerName, on: z.boolean() }).strict(),
  z.object({ type: z.literal('trackGain'), speaker: SpeakerName, db: z.number().min(-60).max(24) }).strict(),
  z.object({ type: z.literal('pan'), speaker: SpeakerName, pan: z.number().min(-1).max(1) }).strict(),
  /** The layout's gaps and turn-taking; each field optional, absent ones unchanged (see timeline/layout.ts). */
  z.object({
    type: z.literal('setGap'),
    baseMs: z.number().int().min(0).max(5000).optional(),
    quickMs: z.number().int().min(0).max(5000).optional(),
    continueMs: z.number().int().min(0).max(5000).optional(),
    /** How far before the end of a "--" line the next speaker cuts in. */
    cutInMs: z.number().int().min(0).max(5000).optional(),
    /** Where under the previous line an "[over]" line starts, in % of its length. */
    overPercent: z.number().int().min(0).max(100).optional(),
    /** Between two speakers after a question. */
    questionMs: z.number().int().min(0).max(5000).optional(),
    /** Added before the first line after a blank line or a chapter heading. */
    topicMs: z.number().int().min(0).max(5000).optional(),
  }).strict(),
  z.object({ type: z.literal('ripple'), on: z.boolean() }).strict(),
  /** What a Pocket TTS line continues from; its lines' takes go stale when it changes. */
  z.object({ type: z.literal('context'), mode: ContextMode }).strict(),
  /** The master bus: gain over the whole mix (dB) and the −1 dBTP limiter, both optional in one edit. */
  z.object({ type: z.literal('master'), gainDb: z.number().min(-60).max(24).optional(), limiter: z.boolean().optional() }).strict(),
  /** `markerId` is for redo restoring the same marker; a new marker leaves it out. */
  z.object({ type: z.literal('addMarker'), atMs: z.number().int().min(0).max(86_400_000), label: z.string().max(200), markerId: z.number().int().positive().optional() }).strict(),
  z.object({ type: z.literal('removeMarker'), markerId: z.number().int().positive() }).strict(),
]);
export type TimelineOp = z.infer<typeof TimelineOp>;

export const RenderState = z.enum(['queued', 'rendering', 'done', 'failed', 'cancelled']);

/** A project's render job: lines finished of those queued, paused by the user, seconds left at its pace so far. */
export const RenderStatus = z.object({
  projectId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  paused: z.boolean(),
  etaSec: z.number().nonnegative().nullable(),
});
export type RenderState = z.infer<typeof RenderState>;

export const TakeInfo = z.object({
  id: z.number().int(),
  engine: z.string(),
  voiceId: z.string().nullable(),
  /** `context`: what the take continued from ("own:…", "reply:…"); absent when it did not. `style`: the cloned voice's style it was spoken in, when not the default. */
  params: z.object({ speed: z.number(), pitch: z.number(), context: z.string().optional(), style: z.string().optional() }),
  samples: z.number().int(),
  createdAt: z.string(),
  selected: z.boolean(),
  /** Made from other text, voice or speed than the line has now. */
  stale: z.boolean(),
});
export type TakeInfo = z.infer<typeof TakeInfo>;

export const TimelineClip = z.object({
  lineId: z.number().int(),
  position: z.number().int(),
  speaker: z.string(),
  text: z.string(),
  startSample: z.number().int(),
  /** What plays: the selected take after trims, or an estimate from the text until rendered. */
  samples: z.number().int(),
  estimated: z.boolean(),
  manual: z.boolean(),
  gainDb: z.number(),
  fadeInSamples: z.number().int(),
  fadeOutSamples: z.number().int(),
  trimStartSamples: z.number().int(),
  trimEndSamples: z.number().int(),
  /** The line's own speed, or null when the project's applies. */
  speed: z.number().nullable(),
  pauseAfterMs: z.number().int(),
  take: TakeInfo.nullable(),
  takeCount: z.number().int(),
  /** The line's known directions joined by "+" ("whispering+slowly"), which shape its delivery; absent when none. */
  direction: z.string().max(200).optional(),
  /** The cloned voice's style picked for this line by hand; null: its directions choose. */
  style: z.string().nullable(),
  /** The style that speaks the line (the pick, or the one a direction chose); null: the voice's default, or not a cloned voice. */
  styleSpoken: z.string().nullable(),
  /** missing: never rendered; stale: its take no longer matches the line; ready: plays as written. */
  status: z.enum(['missing', 'stale', 'ready']),
  /** The latest render of the line: its state, why it failed, and what its text front end could not read (each naming the place). */
  render: z.object({ state: RenderState, error: z.string().nullable(), warnings: z.array(z.string()).optional() }).nullable(),
});
export type TimelineClip = z.infer<typeof TimelineClip>;

export const TimelineTrack = z.object({
  speaker: z.string(),
  voiceId: z.string().nullable(),
  color: z.string(),
  gainDb: z.number(),
  pan: z.number(),
  mute: z.boolean(),
  solo: z.boolean(),
});

/** Gain over the whole mix and the look-ahead limiter at −1 dBTP: heard in playback, applied at export. */
export const MasterBus = z.object({ gainDb: z.number(), limiter: z.boolean() });
export type MasterBus = z.infer<typeof MasterBus>;

/** Meter figures floor here: silence (−∞ dB) does not travel in JSON. */
export const METER_FLOOR_DB = -120;
const MeterTrack = z.object({ peakDb: z.array(z.number()), truePeakDb: z.array(z.number()), lufs: z.array(z.number()) });
/** One playback window's meters, a value per 100 ms step (stepSamples) from its first sample. */
export const WindowMeters = z.object({
  stepSamples: z.number().int().positive(),
  master: MeterTrack.extend({ reductionDb: z.array(z.number()) }),
  lanes: z.array(MeterTrack.extend({ speaker: z.string() })),
});
export type WindowMeters = z.infer<typeof WindowMeters>;

export const TimelineOptions = z.object({
  baseGapMs: z.number(),
  quickGapMs: z.number(),
  continueGapMs: z.number(),
  ripple: z.boolean(),
  cutInMs: z.number(),
  overPercent: z.number(),
  questionGapMs: z.number(),
  topicGapMs: z.number(),
  contextMode: ContextMode,
});

/** A `## Title` chapter of the script and where it sits now (samples at sampleRate). */
export const TimelineChapter = z.object({
  title: z.string(),
  /** Position of its first line (index into clips); lineCount lines follow. */
  firstLine: z.number().int(),
  lineCount: z.number().int(),
  startSample: z.number().int(),
  /** End of its last clip; equal to startSample when it has no lines. */
  endSample: z.number().int(),
  /** Markers from its start up to the next chapter's start. */
  markerIds: z.array(z.number().int()),
});
export type TimelineChapter = z.infer<typeof TimelineChapter>;

export const TimelineView = z.object({
  projectId: z.string(),
  revision: z.number().int(),
  sampleRate: z.literal(SAMPLE_RATE),
  options: TimelineOptions,
  master: MasterBus,
  tracks: z.array(TimelineTrack),
  clips: z.array(TimelineClip),
  markers: z.array(z.object({ id: z.number().int(), atMs: z.number().int(), label: z.string() })),
  /** The script's chapters in order; empty when it has no `## ` headings. */
  chapters: z.array(TimelineChapter),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});
export type TimelineView = z.infer<typeof TimelineView>;

/** One step of the timeline's undo history: its id and the op that makes (or remade) it, so a face can name it ("Undo Move clip"). */
export const TimelineStep = z.object({ id: z.number().int(), op: TimelineOp });
export type TimelineStep = z.infer<typeof TimelineStep>;
/** `step`: the step the edit made, or the one undo or redo reverted or repeated. */
const EditResult = z.object({ revision: z.number().int(), step: TimelineStep });
const KoeDestination = z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(), z.object({ kind: z.literal('download') }).strict()]);
/** .koe files are read whole; a browser upload travels as base64 like other files. */
const KoeSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('bytes'), base64: z.string().max(11_200_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') }).strict(),
]);

export const timelineCalls = {
  'timeline.get': { args: z.object({ projectId: Id }).strict(), result: TimelineView, doc: "A project's timeline: tracks, clips with their take and render state, markers, revision." },
  'timeline.takes': { args: z.object({ projectId: Id, lineId: LineId }).strict(), result: z.array(TakeInfo), doc: 'Every take of a line, newest first, to compare and pick.' },
  'timeline.edit': { args: z.object({ projectId: Id, revision: Revision, op: TimelineOp }).strict(), result: EditResult, doc: 'Apply one undoable edit; a stale revision is refused with `conflict`.' },
  'timeline.undo': { args: z.object({ projectId: Id, revision: Revision }).strict(), result: EditResult, doc: 'Undo the last timeline edit.' },
  'timeline.redo': { args: z.object({ projectId: Id, revision: Revision }).strict(), result: EditResult, doc: 'Redo the last undone timeline edit.' },
  'timeline.history': {
    args: z.object({ projectId: Id }).strict(),
    result: z.object({ revision: z.number().int(), undo: TimelineStep.nullable(), redo: TimelineStep.nullable() }),
    doc: 'The revision and the steps an undo and a redo would take now, without reading the whole timeline: what the studio checks before undoing a step it remembers.',
  },
  'timeline.render': {
    args: z.object({ projectId: Id, lineIds: z.array(LineId).max(20_000).optional(), withoutContext: z.boolean().optional() }).strict(),
    result: z.object({ queued: z.number().int() }),
    doc: 'Queue lines for rendering (default: every missing, stale or failed line); progress arrives as render.progress. withoutContext: render them from the voice alone even when the project continues from the previous line (a take to compare).',
  },
  'timeline.peaks': {
    args: z.object({ projectId: Id, lineIds: z.array(LineId).min(1).max(2000) }).strict(),
    result: z.object({
      samplesPerPeak: z.number().int().positive(),
      /** Lines without a rendered take are left out. `peaks`: base64 of signed bytes, [min, max] per bucket of the whole take (before trims), scaled to ±127. */
      clips: z.array(z.object({ lineId: z.number().int(), takeId: z.number().int(), samples: z.number().int(), peaks: z.string() })),
    }),
    doc: "Waveform overviews of the lines' selected takes (min/max per bucket), cached per take in the core.",
  },
  'timeline.mixWindow': {
    args: z
      .object({ projectId: Id, fromSample: Samples, toSample: Samples, channels: z.union([z.literal(1), z.literal(2)]).optional(), meters: z.boolean().optional() })
      .strict()
      .refine((a) => a.toSample > a.fromSample && a.toSample - a.fromSample <= MAX_MIX_WINDOW, { message: `toSample must be after fromSample and at most ${MAX_MIX_WINDOW / SAMPLE_RATE} s later`, path: ['toSample'] }),
    result: z.object({
      fromSample: z.number().int(),
      toSample: z.number().int(),
      channels: z.union([z.literal(1), z.literal(2)]),
      /** Float32 little-endian, planar (all of channel 0, then channel 1), base64. */
      pcm: z.string(),
      /** Lines reaching into the window with no take yet: silent in it until rendered. */
      missing: z.array(z.number().int()),
      /** With `meters`: the master bus's limiter is applied and every 100 ms is metered (see WindowMeters). */
      meters: WindowMeters.optional(),
    }),
    doc: 'Mix samples [fromSample, toSample) of the timeline with the export mixer, for playback from any point; consecutive windows join sample-exactly. With `meters`, the master bus limiter is heard and peak / short-term loudness come per 100 ms for the master and each lane.',
  },
  'timeline.cancelRender': { args: z.object({ projectId: Id }).strict(), result: z.object({ cancelled: z.number().int() }), doc: "Stop rendering a project's queued and running lines." },
  'timeline.pauseRender': { args: z.object({ projectId: Id }).strict(), result: z.object({ paused: z.boolean() }), doc: "Start no more of the project's queued lines (those rendering finish); kept across a restart. paused: false when nothing was queued." },
  'timeline.resumeRender': { args: z.object({ projectId: Id }).strict(), result: z.object({ resumed: z.boolean() }), doc: "Carry on rendering a paused project's queued lines." },
  'timeline.renderStatus': { args: z.object({ projectId: Id }).strict(), result: RenderStatus.nullable(), doc: "The project's render job now (done, total, paused, ETA), or null when nothing is queued." },
  'project.exportKoe': {
    args: z.object({ projectId: Id, destination: KoeDestination }).strict(),
    result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable(), fileName: z.string(), bytes: z.number() }),
    doc: 'Write a project (script, cast, timeline and the audio of selected takes) to one .koe file.',
  },
  'project.importKoe': {
    args: z
      .object({
        source: KoeSource,
        /** fromTakes: also take the speed and default voice the file's takes were made with (a scratch library, as `koe export` uses), so its current takes stay current. */
        settings: z.enum(['keep', 'fromTakes']).default('keep'),
      })
      .strict(),
    result: z.object({ projectId: z.string(), name: z.string() }),
    doc: 'Open a .koe file as a new project.',
  },
} satisfies Record<string, CallSpec>;

export const timelineEvents = {
  'timeline.changed': z.object({ projectId: z.string(), revision: z.number().int() }),
  /** `lines` holds the lines whose state changed since the previous event, not the whole job. */
  'render.progress': RenderStatus.extend({
    lines: z.array(z.object({ lineId: z.number().int(), state: RenderState, error: z.string().optional(), warnings: z.array(z.string()).optional() })),
  }),
} satisfies Record<string, z.ZodType>;
