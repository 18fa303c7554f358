// Contract handlers for the dialogue timeline. Rendering
// returns as soon as lines are queued: a hundred lines must not hold an IPC or WebSocket reply open,
// so per-line states and overall progress arrive as render.progress events to every window.
import { basename } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import { writeFileAtomic } from '../../fs/atomic';
import { exportKoe, importKoe, MAX_KOE_BYTES } from '../../timeline/koe-file';
import { PEAK_SAMPLES, PeakCache, selectedTakePeaks } from '../../timeline/peaks';
import type { Services } from '../services';
import { readBoundedFile } from '../../fs/bounded-read';
import { filePaths } from './file-paths';
import { encodePlanar, MixWindows, type MixWindow } from '../../timeline/mix-window';
import { METER_FLOOR_DB, type WindowMeters } from '../../contract/calls-timeline';
import type { MeterFrame } from '../../audio/export/short-term-meter';

type TimelineCallName = Extract<keyof Handlers, `timeline.${string}` | 'project.exportKoe' | 'project.importKoe'>;

export function createTimelineHandlers(s: Pick<Services, 'library' | 'timeline' | 'renderQueue' | 'downloads' | 'face' | 'tempFolders'>): Pick<Handlers, TimelineCallName> {
  const { timeline, renderQueue } = s;
  const peakCache = new PeakCache();
  const windows = new MixWindows(timeline, s.library.db);
  const paths = filePaths(s.face, s.tempFolders);
  return {
    'timeline.get': async (args) => timeline.view(args.projectId),
    'timeline.takes': async (args) => timeline.takes(args.projectId, args.lineId),
    'timeline.edit': async (args) => timeline.edit(args.projectId, args.revision, args.op),
    'timeline.undo': async (args) => timeline.undo(args.projectId, args.revision),
    'timeline.redo': async (args) => timeline.redo(args.projectId, args.revision),
    'timeline.history': async (args) => timeline.history(args.projectId),
    'timeline.render': async (args) => renderQueue.enqueue(args.projectId, args.lineIds, args.withoutContext ? { withoutContext: true } : {}),
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
      if (!args.meters) {
        const w = windows.mix(args.projectId, args.fromSample, args.toSample, channels);
        return { fromSample: args.fromSample, toSample: args.toSample, channels, pcm: encodePlanar(w.channels), missing: w.missing };
      }
      const w = windows.mixMetered(args.projectId, args.fromSample, args.toSample, channels);
      return { fromSample: args.fromSample, toSample: args.toSample, channels, pcm: encodePlanar(w.channels), missing: w.missing, meters: meterFigures(w.meters!) };
    },
    'timeline.cancelRender': async (args) => ({ cancelled: renderQueue.cancel(args.projectId) }),
    'timeline.pauseRender': async (args) => ({ paused: renderQueue.pause(args.projectId) }),
    'timeline.resumeRender': async (args) => ({ resumed: renderQueue.resume(args.projectId) }),
    'timeline.renderStatus': async (args) => renderQueue.progressOf(args.projectId),
    'project.exportKoe': async (args) => {
      const { bytes, fileName } = exportKoe(s.library, timeline, args.projectId);
      if (args.destination.kind === 'file') {
        const path = await paths.forWriting(args.destination.path);
        await writeFileAtomic(path, bytes);
        return { path, downloadUrl: null, fileName, bytes: bytes.byteLength };
      }
      const id = s.downloads.add({ bytes, fileName, contentType: 'application/octet-stream' });
      return { path: null, downloadUrl: `/download/${id}`, fileName, bytes: bytes.byteLength };
    },
    'project.importKoe': async (args) => {
      if (args.source.kind === 'bytes') {
        const b = Buffer.from(args.source.base64, 'base64');
        return importKoe(s.library, timeline, new Uint8Array(b.buffer, b.byteOffset, b.byteLength), args.settings);
      }
      return importKoe(s.library, timeline, await readProjectFile(await paths.forReading(args.source.path)), args.settings);
    },
  };
}

function readProjectFile(path: string): Promise<Uint8Array> {
  return readBoundedFile(path, { maxBytes: MAX_KOE_BYTES, what: 'a .koe project file', label: 'Project file', tooLarge: () => `${basename(path)} is larger than the 1 GB Koe Studio opens.` });
}

/** Meter frames as the contract carries them: arrays per figure, silence floored (JSON has no −∞). */
function meterFigures(m: NonNullable<MixWindow['meters']>): WindowMeters {
  const floor = (x: number) => (x > METER_FLOOR_DB ? Math.round(x * 100) / 100 : METER_FLOOR_DB);
  const track = (frames: MeterFrame[]) => ({ peakDb: frames.map((f) => floor(f.peakDb)), truePeakDb: frames.map((f) => floor(f.truePeakDb)), lufs: frames.map((f) => floor(f.lufs)) });
  return {
    stepSamples: m.stepSamples,
    master: { ...track(m.master.frames), reductionDb: m.master.reductionDb.map((r) => Math.round(r * 100) / 100) },
    lanes: m.lanes.map((l) => ({ speaker: l.speaker, ...track(l.frames) })),
  };
}
