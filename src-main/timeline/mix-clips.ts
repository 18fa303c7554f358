// What the export mixer is given for a timeline: one track per speaker with its gain, pan, mute and
// solo, and each line's selected take placed where its clip is, with the clip's gain, fades and
// trims. Playback windows and the export both build it here, so what plays is what exports.
import { clipLength, type ClipAudio, type ExportTimeline } from '../audio/export/timeline';
import type { TimelineClip, TimelineView } from '../contract/calls-timeline';
import { stripMarkup } from '../script/markup';

export interface ClipsForMix {
  timeline: ExportTimeline;
  /** Lines (in `window`, when given) that have no take: silent in this mix. */
  missing: number[];
}

/**
 * `takeAudio` gives a clip's selected take (null when it has no audio): its samples, or a source
 * that reads them when the mixer gets there (an export of a long project). With `window`, only clips
 * that reach into [from, to) are asked for: a playback window must not touch the whole project.
 */
export function clipsForMix(view: TimelineView, takeAudio: (take: NonNullable<TimelineClip['take']>) => ClipAudio | null, window?: { from: number; to: number }): ClipsForMix {
  const missing: number[] = [];
  const timeline: ExportTimeline = {
    sampleRate: view.sampleRate,
    tracks: view.tracks.map((t) => ({ id: t.speaker, name: t.speaker, gainDb: t.gainDb, pan: t.pan, mute: t.mute, solo: t.solo })),
    clips: [],
  };
  for (const c of view.clips) {
    // `samples` is what plays (after trims); a missing line's is an estimate, which is fine for a window.
    if (window && (c.startSample >= window.to || c.startSample + c.samples <= window.from)) continue;
    const pcm = c.take ? takeAudio(c.take) : null;
    if (!pcm) {
      missing.push(c.lineId);
      continue;
    }
    // A trim set on a longer earlier take must not make the new take unplayable or unexportable.
    const length = clipLength(pcm);
    const trimStart = Math.min(c.trimStartSamples, length);
    const trimEnd = Math.min(c.trimEndSamples, length - trimStart);
    timeline.clips.push({ id: `line-${c.lineId}`, trackId: c.speaker, startSample: c.startSample, pcm, gainDb: c.gainDb, fadeInSamples: c.fadeInSamples, fadeOutSamples: c.fadeOutSamples, trimStartSamples: trimStart, trimEndSamples: trimEnd, text: stripMarkup(c.text) });
  }
  return { timeline, missing };
}
