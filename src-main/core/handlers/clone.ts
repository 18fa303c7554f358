// Contract handlers for voice cloning. Turns the wire shapes
// (paths, base64 bytes, interleaved PCM) into what the cloning service takes, reports progress of a
// clone as clone.progress events, and writes exports atomically or hands them out as a download.
import { basename } from 'node:path';
import type { AudioSource } from '../../contract/calls-clone';
import { scopedId, type Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { writeFileAtomic } from '../../fs/atomic';
import { DEFAULT_CONSENT_STATEMENT } from '../../voice-clone/consent';
import type { ReferenceSource } from '../../voice-clone/reference';
import type { CloneStage } from '../../voice-clone/service';
import { MAX_VOICE_FILE_BYTES } from '../../voice-clone/voice-file';
import type { Services } from '../services';
import { readBoundedFile } from '../../fs/bounded-read';
import { filePaths, type FilePaths } from './file-paths';

type CloneCallName = Extract<keyof Handlers, `clone.${string}`>;

const STAGE_FRACTION: Record<CloneStage, number> = { reading: 0.05, checking: 0.25, processing: 0.4, encoding: 0.55, saving: 0.9, done: 1 };

function bytesOf(base64: string): Uint8Array {
  const b = Buffer.from(base64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Wire audio to a reference source; recorder PCM arrives interleaved. */
export async function toReferenceSource(src: AudioSource, paths: FilePaths): Promise<ReferenceSource> {
  if (src.kind === 'file') return { kind: 'file', path: await paths.forReading(src.path) };
  if (src.kind === 'bytes') return { kind: 'bytes', bytes: bytesOf(src.base64), ...(src.name ? { name: src.name } : {}) };
  const raw = bytesOf(src.base64);
  if (raw.byteLength % (4 * src.channels) !== 0) throw new KoeError('invalid_args', 'The recording is not whole float32 frames for its channel count.');
  const all = new Float32Array(raw.byteLength / 4);
  new Uint8Array(all.buffer).set(raw);
  const frames = all.length / src.channels;
  const channels = Array.from({ length: src.channels }, (_, c) => {
    const ch = new Float32Array(frames);
    for (let i = 0; i < frames; i++) ch[i] = all[i * src.channels + c]!;
    return ch;
  });
  return { kind: 'pcm', channels, sampleRate: src.sampleRate };
}

export function createCloneHandlers(s: Pick<Services, 'clones' | 'downloads' | 'face' | 'tempFolders'>): Pick<Handlers, CloneCallName> {
  const clones = s.clones;
  const paths = filePaths(s.face, s.tempFolders);
  // Clones in flight by the page's job id, so clone.cancel can reach the one it started.
  const running = new Map<string, AbortController>();
  return {
    'clone.consentText': async () => ({ statement: DEFAULT_CONSENT_STATEMENT }),
    'clone.check': async (args) => clones.check(await toReferenceSource(args.source, paths)),
    'clone.create': async (args, ctx) => {
      const progress = (stage: CloneStage): void => {
        if (args.jobId) ctx.emit('clone.progress', { jobId: args.jobId, stage, fraction: STAGE_FRACTION[stage] });
      };
      const abort = new AbortController();
      if (args.jobId) {
        if (running.has(scopedId(ctx, args.jobId))) throw new KoeError('conflict', 'A clone with this job id is already running.');
        running.set(scopedId(ctx, args.jobId), abort);
      }
      try {
        return await clones.create({ source: await toReferenceSource(args.source, paths), name: args.name, consent: args.consent, acceptWarnings: args.acceptWarnings, ...(args.tags ? { tags: args.tags } : {}) }, progress, abort.signal);
      } finally {
        if (args.jobId) running.delete(scopedId(ctx, args.jobId));
      }
    },
    'clone.cancel': async (args, ctx) => {
      const abort = running.get(scopedId(ctx, args.jobId));
      abort?.abort();
      return { cancelled: !!abort };
    },
    'clone.list': async () => clones.list(),
    'clone.rename': async (args) => clones.rename(args.voiceId, args.name),
    'clone.tag': async (args) => clones.setTags(args.voiceId, args.tags),
    'clone.delete': async (args) => ({ deleted: clones.delete(args.voiceId) }),
    'clone.export': async (args) => {
      const { bytes, fileName } = clones.exportVoice(args.voiceId);
      if (args.destination.kind === 'file') {
        const path = await paths.forWriting(args.destination.path);
        await writeFileAtomic(path, bytes);
        return { path, downloadUrl: null, fileName, bytes: bytes.byteLength };
      }
      const id = s.downloads.add({ bytes, fileName, contentType: 'application/json' });
      return { path: null, downloadUrl: `/download/${id}`, fileName, bytes: bytes.byteLength };
    },
    'clone.import': async (args) => {
      if (args.source.kind === 'bytes') return clones.importVoice(bytesOf(args.source.base64), args.source.name ?? 'voice file');
      const path = await paths.forReading(args.source.path);
      const bytes = await readBoundedFile(path, { maxBytes: MAX_VOICE_FILE_BYTES, what: 'a Koe voice file', label: 'Voice file', tooLarge: () => `${basename(path)} is too large to be a Koe voice file.` });
      return clones.importVoice(bytes, basename(path));
    },
    'clone.addStyle': async (args, ctx) => {
      const abort = new AbortController();
      if (args.jobId) {
        if (running.has(scopedId(ctx, args.jobId))) throw new KoeError('conflict', 'A clone with this job id is already running.');
        running.set(scopedId(ctx, args.jobId), abort);
      }
      try {
        const progress = (stage: CloneStage): void => {
          if (args.jobId) ctx.emit('clone.progress', { jobId: args.jobId, stage, fraction: STAGE_FRACTION[stage] });
        };
        const r = await clones.styles.add({ voiceId: args.voiceId, name: args.name, source: await toReferenceSource(args.source, paths), consent: args.consent, acceptWarnings: args.acceptWarnings }, progress, abort.signal);
        return { ...r, clone: clones.get(args.voiceId) };
      } finally {
        if (args.jobId) running.delete(scopedId(ctx, args.jobId));
      }
    },
    'clone.renameStyle': async (args) => ({ styles: clones.styles.rename(args.voiceId, args.from, args.to) }),
    'clone.deleteStyle': async (args) => ({ styles: clones.styles.delete(args.voiceId, args.name) }),
    'clone.reencode': async (args) => ({ reencoded: await clones.reencode(args.voiceId) }),
  };
}
