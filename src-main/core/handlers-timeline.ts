// Contract handlers for the dialogue timeline (issue #5), spread into createHandlers. Rendering
// returns as soon as lines are queued: a hundred lines must not hold an IPC or WebSocket reply open,
// so per-line states and overall progress arrive as render.progress events to every window.
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { Handlers } from '../contract/dispatch';
import { KoeError } from '../contract/errors';
import { writeFileAtomic } from '../fs/atomic';
import { exportKoe, importKoe, MAX_KOE_BYTES } from '../timeline/koe-file';
import { PEAK_SAMPLES, PeakCache, selectedTakePeaks } from '../timeline/peaks';
import type { Core } from './core';
import { encodePlanar, MixWindows } from './mix-window';

type TimelineCallName = Extract<keyof Handlers, `timeline.${string}` | 'project.exportKoe' | 'project.importKoe'>;

function absolute(path: string): string {
  // The core reads and writes the file, not the page: a relative path would depend on the core's working folder.
  if (!isAbsolute(path)) throw new KoeError('invalid_args', `The path must be absolute: "${path}".`);
  return path;
}

export function createTimelineHandlers(core: Core): Pick<Handlers, TimelineCallName> {
  const { timeline, renderQueue } = core;
  const peakCache = new PeakCache();
  const windows = new MixWindows(timeline, core.library.db);
  return {
    'timeline.get': async (args) => timeline.view(args.projectId),
    'timeline.takes': async (args) => timeline.takes(args.projectId, args.lineId),
    'timeline.edit': async (args) => timeline.edit(args.projectId, args.revision, args.op),
    'timeline.undo': async (args) => timeline.undo(args.projectId, args.revision),
    'timeline.redo': async (args) => timeline.redo(args.projectId, args.revision),
    'timeline.render': async (args) => renderQueue.enqueue(args.projectId, args.lineIds),
    'timeline.peaks': async (args) => ({
      samplesPerPeak: PEAK_SAMPLES,
      clips: selectedTakePeaks(timeline.repo, peakCache, args.projectId, args.lineIds).map((c) => ({
        lineId: c.lineId,
        takeId: c.takeId,
        samples: c.samples,
        peaks: Buffer.from(c.peaks.buffer, c.peaks.byteOffset, c.peaks.byteLength).toString('base64'),
      })),
    }),
    // Playback's windows: raw float32 in the reply (base64, as every face carries JSON) rather than
    // a WAV behind a download URL, so the first window costs one round trip and no HTTP fetch.
    'timeline.mixWindow': async (args) => {
      const channels = args.channels ?? 1;
      const w = windows.mix(args.projectId, args.fromSample, args.toSample, channels);
      return { fromSample: args.fromSample, toSample: args.toSample, channels, pcm: encodePlanar(w.channels), missing: w.missing };
    },
    'timeline.cancelRender': async (args) => ({ cancelled: renderQueue.cancel(args.projectId) }),
    'project.exportKoe': async (args) => {
      const { bytes, fileName } = exportKoe(core.library, timeline, args.projectId);
      if (args.destination.kind === 'file') {
        const path = absolute(args.destination.path);
        await writeFileAtomic(path, bytes);
        return { path, downloadUrl: null, fileName, bytes: bytes.byteLength };
      }
      const id = core.downloads.add({ bytes, fileName, contentType: 'application/octet-stream' });
      return { path: null, downloadUrl: `/download/${id}`, fileName, bytes: bytes.byteLength };
    },
    'project.importKoe': async (args) => {
      if (args.source.kind === 'bytes') {
        const b = Buffer.from(args.source.base64, 'base64');
        return importKoe(core.library, timeline, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      }
      const path = absolute(args.source.path);
      const size = await stat(path).then((s) => s.size, () => -1);
      if (size < 0) throw new KoeError('not_found', `Project file not found: ${path}`);
      if (size > MAX_KOE_BYTES) throw new KoeError('too_large', `${basename(path)} is larger than the 1 GB Koe Studio opens.`);
      return importKoe(core.library, timeline, new Uint8Array(await readFile(path)));
    },
  };
}
