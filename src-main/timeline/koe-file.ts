// The .koe project file: one file that carries a project to another machine or into a backup —
// script, cast, timeline, markers and the audio of every selected take — and opens as a new
// project. A container of our own rather than a zip: the audio is raw float32 that a zip would
// not shrink, one SHA-256 over the whole file catches any damage before anything is written, and
// the layout fits in a comment:
//
//   "KOEPROJ\0"  u32 LE format version  u32 LE JSON length  JSON (UTF-8)
//   audio blobs (float32 LE, named by their SHA-256 in the JSON)   SHA-256 of all the above
//
// Exactness: the JSON holds no ids, timestamps of the import or revisions, and is written in a
// fixed key order, so export → import → export gives the same bytes.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KoeError } from '../contract/errors';
import { NotSpeakerName, SpeakerInput } from '../contract/schemas';
import { SpeakerDirection } from '../contract/delivery-effect';
import type { Library } from '../library/db';
import { parseScript } from '../script/parse';
import type { TimelineService } from './service';
import { sha256Ranges } from './koe-hash';
import { safeBaseName } from '../lib/file-name';

/**
 * 2 added a line's own speed and pause after it; 3 the master bus (gain, limiter); 4 the directions
 * a take was rendered with; 5 the turn-taking and exchange gaps (cut-in, [over] position, after a
 * question, before a topic) and each speaker's own effects for directions; 6 "Continue from the
 * previous line" (the project's choice, and what each take continued from), a cloned voice's style
 * picked for a line, the style a take was spoken in, and a direction mapped to a style. A file is
 * written with the lowest version whose features it uses, so an older Koe Studio opens what it
 * can read and says "newer version" about the rest instead of "corrupt".
 */
export const KOE_FORMAT_VERSION = 6;
const MAGIC = Buffer.from('KOEPROJ\0', 'latin1');
const HEADER = MAGIC.length + 8;
const HASH = 32;
/** Read whole; a project with hours of takes stays well under this. */
export const MAX_KOE_BYTES = 1024 * 1024 * 1024;

const Samples = z.number().int().min(0);
const FileJson = z.object({
  app: z.literal('Koe Studio'),
  project: z.object({ name: z.string().trim().min(1).max(200), script: z.string(), speakers: z.array(SpeakerInput.extend({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/) })), notSpeakers: z.array(NotSpeakerName).max(200).optional(), directions: z.array(SpeakerDirection).max(2000).optional() }).strict(),
  timeline: z.object({
    baseGapMs: z.number().int().min(0).max(5000),
    quickGapMs: z.number().int().min(0).max(5000),
    continueGapMs: z.number().int().min(0).max(5000),
    // Format 5, each only when it differs from how older versions laid a timeline out (TURN_BEFORE_5).
    cutInMs: z.number().int().min(0).max(5000).optional(),
    overPercent: z.number().int().min(0).max(100).optional(),
    questionGapMs: z.number().int().min(0).max(5000).optional(),
    topicGapMs: z.number().int().min(0).max(5000).optional(),
    ripple: z.boolean(),
    // Format 6, only when on.
    contextMode: z.enum(['own', 'reply']).optional(),
    master: z.object({ gainDb: z.number().min(-60).max(24), limiter: z.boolean() }).strict().optional(),
    tracks: z.array(z.object({ speaker: z.string(), mute: z.boolean(), solo: z.boolean() }).strict()),
    markers: z.array(z.object({ atMs: z.number().int().min(0), label: z.string().max(200) }).strict()),
  }).strict(),
  lines: z.array(z.object({
    speaker: z.string(),
    text: z.string(),
    clip: z.object({ startSample: Samples, manual: z.boolean(), gainDb: z.number().min(-60).max(24), fadeIn: Samples, fadeOut: Samples, trimStart: Samples, trimEnd: Samples }).strict(),
    speed: z.number().min(0.5).max(2).nullable().optional(),
    // Format 6: the cloned voice's style picked for the line by hand.
    style: z.string().trim().min(1).max(40).optional(),
    pauseAfterMs: z.number().int().min(0).max(60_000).optional(),
    take: z.object({
      engine: z.string(),
      voiceId: z.string(),
      // `direction` (format 4): the directions the take was rendered with, so it is not stale when opened.
      // `context` (format 6): what the take continued from (timeline/context-lines.ts), so it is not stale when opened.
      params: z.object({ speed: z.number(), pitch: z.number(), direction: z.string().max(200).optional(), directionEffects: z.string().max(4000).optional(), context: z.string().max(100).optional(), style: z.string().trim().min(1).max(40).optional() }).strict(),
      textHash: z.string(),
      createdAt: z.string(),
      audio: z.string().regex(/^[0-9a-f]{64}$/),
    }).strict().nullable(),
  }).strict()),
  audio: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), offset: Samples, samples: Samples }).strict()),
}).strict();
export type FileJson = z.infer<typeof FileJson>;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const bytesOf = (pcm: Float32Array): Uint8Array => new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);

export function exportKoe(library: Library, timeline: TimelineService, projectId: string): { bytes: Uint8Array; fileName: string } {
  const view = timeline.view(projectId);
  const project = library.projects.getProject(projectId);
  const blobs: Uint8Array[] = [];
  const audio: FileJson['audio'] = [];
  const seen = new Map<string, number>();
  let offset = 0;
  const directions = library.speakerDirections.list(projectId);
  const lines: FileJson['lines'] = view.clips.map((c) => {
    const take = timeline.repo.takesOf(c.lineId).find((t) => t.selected);
    const pcm = take ? timeline.repo.takePcm(take.id) : null;
    let fileTake: FileJson['lines'][number]['take'] = null;
    if (take && pcm && take.voiceId) {
      const raw = bytesOf(pcm);
      const hash = sha256(raw);
      if (!seen.has(hash)) {
        seen.set(hash, audio.length);
        audio.push({ sha256: hash, offset, samples: pcm.length });
        blobs.push(raw);
        offset += raw.byteLength;
      }
      fileTake = { engine: take.engine, voiceId: take.voiceId, params: { speed: take.params.speed, pitch: take.params.pitch, ...(take.params.direction ? { direction: take.params.direction } : {}), ...(take.params.directionEffects ? { directionEffects: take.params.directionEffects } : {}), ...(take.params.context ? { context: take.params.context } : {}), ...(take.params.style ? { style: take.params.style } : {}) }, textHash: take.textHash, createdAt: take.createdAt, audio: hash };
    }
    return {
      speaker: c.speaker,
      text: c.text,
      clip: { startSample: c.startSample, manual: c.manual, gainDb: c.gainDb, fadeIn: c.fadeInSamples, fadeOut: c.fadeOutSamples, trimStart: c.trimStartSamples, trimEnd: c.trimEndSamples },
      ...(c.speed !== null ? { speed: c.speed } : {}),
      ...(c.style !== null ? { style: c.style } : {}),
      ...(c.pauseAfterMs > 0 ? { pauseAfterMs: c.pauseAfterMs } : {}),
      take: fileTake,
    };
  });
  const json: FileJson = {
    app: 'Koe Studio',
    project: {
      name: project.name,
      script: project.script,
      speakers: project.speakers.map((s) => ({ name: s.name, voiceId: s.voiceId, color: s.color, gain: s.gain, pan: s.pan })),
      // Only when set, so files from projects without any stay byte for byte as before.
      ...(project.notSpeakers.length ? { notSpeakers: project.notSpeakers } : {}),
      ...(directions.length ? { directions } : {}),
    },
    timeline: {
      baseGapMs: view.options.baseGapMs,
      quickGapMs: view.options.quickGapMs,
      continueGapMs: view.options.continueGapMs,
      ...turnFields(view.options),
      ripple: view.options.ripple,
      ...(view.options.contextMode !== 'off' ? { contextMode: view.options.contextMode } : {}),
      // Only when set, so files from projects at unity gain stay byte for byte as before.
      ...(view.master.gainDb !== 0 || view.master.limiter ? { master: view.master } : {}),
      tracks: view.tracks.map((t) => ({ speaker: t.speaker, mute: t.mute, solo: t.solo })),
      markers: view.markers.map((m) => ({ atMs: m.atMs, label: m.label })),
    },
    lines,
    audio,
  };
  const body = Buffer.from(JSON.stringify(json), 'utf8');
  const head = Buffer.alloc(HEADER);
  MAGIC.copy(head, 0);
  const usesV2 = lines.some((l) => l.speed !== undefined || l.pauseAfterMs !== undefined);
  const usesV4 = lines.some((l) => l.take?.params.direction !== undefined);
  const usesV5 = Object.keys(turnFields(view.options)).length > 0 || directions.length > 0;
  const usesV6 = json.timeline.contextMode !== undefined || lines.some((l) => l.take?.params.context !== undefined || l.style !== undefined || l.take?.params.style !== undefined) || directions.some((d) => d.effect.style !== undefined);
  head.writeUInt32LE(usesV6 ? 6 : usesV5 ? 5 : usesV4 ? 4 : json.timeline.master ? 3 : usesV2 ? 2 : 1, MAGIC.length);
  head.writeUInt32LE(body.byteLength, MAGIC.length + 4);
  const content = Buffer.concat([head, body, ...blobs]);
  const bytes = new Uint8Array(Buffer.concat([content, createHash('sha256').update(content).digest()]));
  const base = safeBaseName(project.name, 'Koe project');
  return { bytes, fileName: `${base}.koe` };
}

/** How a timeline was laid out before format 5 named these settings; a file leaves out what matches. */
const TURN_BEFORE_5 = { cutInMs: 300, overPercent: 40, topicGapMs: 0 } as const;

/** The format-5 settings that differ from the older layout (the question gap was the quick gap). */
function turnFields(o: { quickGapMs: number; cutInMs: number; overPercent: number; questionGapMs: number; topicGapMs: number }): Partial<Pick<FileJson['timeline'], 'cutInMs' | 'overPercent' | 'questionGapMs' | 'topicGapMs'>> {
  return {
    ...(o.cutInMs !== TURN_BEFORE_5.cutInMs ? { cutInMs: o.cutInMs } : {}),
    ...(o.overPercent !== TURN_BEFORE_5.overPercent ? { overPercent: o.overPercent } : {}),
    ...(o.questionGapMs !== o.quickGapMs ? { questionGapMs: o.questionGapMs } : {}),
    ...(o.topicGapMs !== TURN_BEFORE_5.topicGapMs ? { topicGapMs: o.topicGapMs } : {}),
  };
}

function corrupt(why: string): KoeError {
  return new KoeError('invalid_args', `This is not a readable Koe project file: ${why}. Nothing was imported.`);
}

/** Checks the whole file and returns its JSON and audio; throws before anything is written. */
export interface DecodedKoe {
  json: FileJson;
  audio: Map<string, Float32Array>;
}

/**
 * The audio blocks as the file lays them out: one entry per block, in order, each starting where the
 * last ended and the last ending where the file's data ends. A file whose entries overlap or repeat
 * could make one 4 MiB block be decoded and hashed thousands of times (a 4.8 MB file froze the server
 * for 28 s); with this rule the work is bounded by the file's own size.
 */
function checkLayout(audio: FileJson['audio'], dataBytes: number): void {
  const seen = new Set<string>();
  let end = 0;
  for (const a of audio) {
    if (seen.has(a.sha256)) throw corrupt('an audio block is listed twice');
    seen.add(a.sha256);
    if (a.offset !== end) throw corrupt('its audio blocks overlap or leave gaps');
    end += a.samples * 4;
    if (end > dataBytes) throw corrupt('an audio block runs past the end of the file');
  }
  if (end !== dataBytes) throw corrupt('it has audio data that no block describes');
}

function describe(json: Buffer): { data?: FileJson; error?: KoeError } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return { error: corrupt('its project description is not valid JSON') };
  }
  const r = FileJson.safeParse(parsed);
  if (r.success) return { data: r.data };
  const issue = r.error.issues[0]!;
  return { error: corrupt(`${issue.path.join('.') || 'its description'}: ${issue.message}`) };
}

export async function decodeKoe(input: Uint8Array): Promise<DecodedKoe> {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.byteLength > MAX_KOE_BYTES) throw new KoeError('too_large', `This project file is ${(buf.byteLength / 2 ** 30).toFixed(1)} GB; Koe Studio opens project files up to 1 GB.`);
  if (buf.byteLength < HEADER + HASH || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('it does not start like a .koe file');
  const version = buf.readUInt32LE(MAGIC.length);
  if (version > KOE_FORMAT_VERSION) {
    throw new KoeError('unsupported', `This project was saved by a newer version of Koe Studio (file format ${version}; this version reads up to ${KOE_FORMAT_VERSION}). Update Koe Studio to open it. Nothing was imported.`);
  }
  if (version < 1) throw corrupt(`its format version ${version} is not one Koe Studio ever wrote`);
  const content = buf.subarray(0, buf.byteLength - HASH);
  // The description is read before the checksum is known, so that one trip to the hashing thread
  // covers the file and every block; nothing read from it is used until the checksum matches.
  const jsonLength = buf.readUInt32LE(MAGIC.length + 4);
  const described = HEADER + jsonLength <= content.byteLength ? describe(content.subarray(HEADER, HEADER + jsonLength)) : null;
  const blobStart = HEADER + jsonLength;
  let layoutError: KoeError | null = null;
  if (described?.data) {
    try {
      checkLayout(described.data.audio, content.byteLength - blobStart);
    } catch (e) {
      layoutError = e as KoeError;
    }
  }
  const blocks = described?.data && !layoutError ? described.data.audio : [];
  const ranges = [[0, content.byteLength] as const, ...blocks.map((a) => [blobStart + a.offset, blobStart + a.offset + a.samples * 4] as const)];
  const [whole, ...blockHashes] = (await sha256Ranges(content, ranges)).hashes;
  if (whole !== buf.subarray(buf.byteLength - HASH).toString('hex')) throw corrupt('it is damaged or incomplete (its checksum does not match)');
  if (!described) throw corrupt('its header is damaged');
  if (described.error) throw described.error;
  if (layoutError) throw layoutError;
  const data = described.data!;
  const audio = new Map<string, Float32Array>();
  for (const [i, a] of data.audio.entries()) {
    if (blockHashes[i] !== a.sha256) throw corrupt('an audio block does not match its checksum');
    const from = blobStart + a.offset;
    const pcm = new Float32Array(a.samples);
    new Uint8Array(pcm.buffer).set(content.subarray(from, from + a.samples * 4));
    audio.set(a.sha256, pcm);
  }
  for (const l of data.lines) if (l.take && !audio.has(l.take.audio)) throw corrupt(`the take of "${l.text.slice(0, 40)}" has no audio in the file`);
  return { json: data, audio };
}

/** Opens a .koe file as a new project, all in one transaction: a failure leaves the library as it was. */
/**
 * Opens a .koe as a new project. `fromTakes` also sets this library's speed and default voice to
 * those the file's takes were made with (a scratch library that exists to export the file).
 */
export async function importKoe(library: Library, timeline: TimelineService, bytes: Uint8Array, settings: 'keep' | 'fromTakes' = 'keep'): Promise<{ projectId: string; name: string }> {
  const decoded = await decodeKoe(bytes);
  if (settings === 'fromTakes') library.settings.setSettings(settingsFor(decoded, library.settings.getSettings()));
  return importDecodedKoe(library, timeline, decoded);
}

function importDecodedKoe(library: Library, timeline: TimelineService, decoded: DecodedKoe): { projectId: string; name: string } {
  const { json, audio } = decoded;
  const parsed = parseScript(json.project.script, { notSpeakers: json.project.notSpeakers ?? [] }).lines;
  if (parsed.length !== json.lines.length || parsed.some((l, i) => l.speaker !== json.lines[i]!.speaker || l.text !== json.lines[i]!.text)) {
    throw corrupt("its lines do not match its script");
  }
  return library.db.transaction(() => {
    const created = library.projects.createProject(json.project.name, json.project.script);
    library.projects.saveProject({ id: created.id, revision: created.revision, speakers: json.project.speakers, notSpeakers: json.project.notSpeakers });
    const repo = timeline.repo;
    const t = json.timeline;
    repo.createState(created.id, {
      baseGapMs: t.baseGapMs,
      quickGapMs: t.quickGapMs,
      continueGapMs: t.continueGapMs,
      ripple: t.ripple,
      cutInMs: t.cutInMs ?? TURN_BEFORE_5.cutInMs,
      overPercent: t.overPercent ?? TURN_BEFORE_5.overPercent,
      questionGapMs: t.questionGapMs ?? t.quickGapMs,
      topicGapMs: t.topicGapMs ?? TURN_BEFORE_5.topicGapMs,
    });
    if (t.master) repo.setMaster(created.id, t.master);
    if (t.contextMode) repo.setContextMode(created.id, t.contextMode);
    for (const d of json.project.directions ?? []) library.speakerDirections.set(created.id, d.speaker, d.direction, d.effect);
    const stored = library.projects.listLines(created.id);
    json.lines.forEach((l, i) => {
      const lineId = stored[i]!.id;
      repo.putClip(created.id, { lineId, ...l.clip });
      if (l.speed != null || l.pauseAfterMs) repo.setLineTiming(lineId, { speed: l.speed ?? null, pauseAfterMs: l.pauseAfterMs ?? 0 });
      if (l.style) repo.setLineStyle(lineId, l.style);
      if (l.take) repo.addTake({ lineId, engine: l.take.engine, voiceId: l.take.voiceId, params: l.take.params, textHash: l.take.textHash, audioKey: l.take.audio, pcm: audio.get(l.take.audio)!, createdAt: l.take.createdAt });
    });
    for (const tr of t.tracks) {
      repo.setTrackFlag(created.id, tr.speaker, 'mute', tr.mute);
      repo.setTrackFlag(created.id, tr.speaker, 'solo', tr.solo);
    }
    for (const m of t.markers) repo.addMarker(created.id, m.atMs, m.label);
    return { projectId: created.id, name: created.name };
  })();
}

/**
 * The speed and default voice the file's takes were made with. A .koe does not carry the Settings
 * of the machine that saved it, and a take made at another speed than the line would now get is
 * stale; taking them from the takes keeps the file's current takes current, and renders its
 * missing lines to match them.
 */
export function settingsFor(decoded: DecodedKoe, now: { speed: number; defaultVoiceId: string }): { speed: number; defaultVoiceId: string } {
  const { project, lines } = decoded.json;
  const voiceless = new Set(project.speakers.filter((s) => !s.voiceId).map((s) => s.name));
  const takes = lines.flatMap((l) => (l.take ? [{ speaker: l.speaker, ...l.take }] : []));
  const speed = mostCommon(takes.map((t) => t.params.speed).filter((s) => s >= 0.5 && s <= 2)) ?? now.speed;
  const defaultVoiceId = mostCommon(takes.filter((t) => voiceless.has(t.speaker) || !project.speakers.some((s) => s.name === t.speaker)).map((t) => t.voiceId)) ?? now.defaultVoiceId;
  return { speed, defaultVoiceId };
}

function mostCommon<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > counts.get(best)!) best = v;
  }
  return best;
}
