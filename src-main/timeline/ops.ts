// Applies one timeline op and returns the op that undoes it. Every op is an absolute setting, so
// its inverse is the same op carrying the value read just before the change; undo and redo are then
// the same code path as an edit, and a history replayed twice lands in the same state.
import type { TimelineOp } from '../contract/calls-timeline';
import { KoeError } from '../contract/errors';
import type { ClipRow, TimelineRepo } from '../library/timeline-repo';

export interface Applied {
  inverse: TimelineOp;
  /** The line the step is about, so its history goes when the script drops the line. */
  lineId: number | null;
}

function clipOf(repo: TimelineRepo, projectId: string, lineId: number): ClipRow {
  // Scoped to the project: a clip of another project is as absent as a deleted one.
  const c = repo.clip(projectId, lineId);
  if (!c) throw new KoeError('not_found', `Line ${lineId} is not on this timeline; it may have been removed from the script.`);
  return c;
}

/** Call inside a transaction. */
export function applyOp(repo: TimelineRepo, projectId: string, op: TimelineOp): Applied {
  switch (op.type) {
    case 'move': {
      const c = clipOf(repo, projectId, op.lineId);
      repo.putClip(projectId, { ...c, startSample: op.startSample, manual: op.manual ?? true });
      return { inverse: { type: 'move', lineId: op.lineId, startSample: c.startSample, manual: c.manual }, lineId: op.lineId };
    }
    case 'trim': {
      const c = clipOf(repo, projectId, op.lineId);
      repo.putClip(projectId, { ...c, trimStart: op.startSamples, trimEnd: op.endSamples, startSample: op.startSample ?? c.startSample });
      const inverse: TimelineOp = { type: 'trim', lineId: op.lineId, startSamples: c.trimStart, endSamples: c.trimEnd };
      return { inverse: op.startSample === undefined ? inverse : { ...inverse, startSample: c.startSample }, lineId: op.lineId };
    }
    case 'gain': {
      const c = clipOf(repo, projectId, op.lineId);
      repo.putClip(projectId, { ...c, gainDb: op.db });
      return { inverse: { type: 'gain', lineId: op.lineId, db: c.gainDb }, lineId: op.lineId };
    }
    case 'fade': {
      const c = clipOf(repo, projectId, op.lineId);
      repo.putClip(projectId, { ...c, fadeIn: op.inSamples, fadeOut: op.outSamples });
      return { inverse: { type: 'fade', lineId: op.lineId, inSamples: c.fadeIn, outSamples: c.fadeOut }, lineId: op.lineId };
    }
    case 'lineSpeed':
    case 'linePause': {
      clipOf(repo, projectId, op.lineId);
      const t = repo.lineTiming(projectId, op.lineId)!;
      repo.setLineTiming(op.lineId, op.type === 'lineSpeed' ? { ...t, speed: op.speed } : { ...t, pauseAfterMs: op.afterMs });
      const inverse: TimelineOp = op.type === 'lineSpeed' ? { type: 'lineSpeed', lineId: op.lineId, speed: t.speed } : { type: 'linePause', lineId: op.lineId, afterMs: t.pauseAfterMs };
      return { inverse, lineId: op.lineId };
    }
    case 'lineStyle': {
      clipOf(repo, projectId, op.lineId);
      const was = repo.lineStyle(projectId, op.lineId) ?? null;
      repo.setLineStyle(op.lineId, op.style);
      return { inverse: { type: 'lineStyle', lineId: op.lineId, style: was }, lineId: op.lineId };
    }
    case 'selectTake': {
      clipOf(repo, projectId, op.lineId);
      const before = repo.takesOf(op.lineId).find((t) => t.selected);
      if (!before) throw new KoeError('not_found', 'This line has no take yet; render it first.');
      repo.selectTake(op.lineId, op.takeId);
      return { inverse: { type: 'selectTake', lineId: op.lineId, takeId: before.id }, lineId: op.lineId };
    }
    case 'mute':
    case 'solo': {
      repo.speakerMix(projectId, op.speaker);
      const was = repo.tracks(projectId).get(op.speaker)?.[op.type] ?? false;
      repo.setTrackFlag(projectId, op.speaker, op.type, op.on);
      return { inverse: { type: op.type, speaker: op.speaker, on: was }, lineId: null };
    }
    case 'trackGain': {
      const m = repo.speakerMix(projectId, op.speaker);
      repo.setSpeakerMix(projectId, op.speaker, { ...m, gainDb: op.db });
      return { inverse: { type: 'trackGain', speaker: op.speaker, db: m.gainDb }, lineId: null };
    }
    case 'pan': {
      const m = repo.speakerMix(projectId, op.speaker);
      repo.setSpeakerMix(projectId, op.speaker, { ...m, pan: op.pan });
      return { inverse: { type: 'pan', speaker: op.speaker, pan: m.pan }, lineId: null };
    }
    case 'setGap': {
      const s = repo.state(projectId)!;
      repo.setGaps(projectId, {
        baseGapMs: op.baseMs ?? s.baseGapMs,
        quickGapMs: op.quickMs ?? s.quickGapMs,
        continueGapMs: op.continueMs ?? s.continueGapMs,
        cutInMs: op.cutInMs ?? s.cutInMs,
        overPercent: op.overPercent ?? s.overPercent,
        questionGapMs: op.questionMs ?? s.questionGapMs,
        topicGapMs: op.topicMs ?? s.topicGapMs,
      });
      return {
        inverse: { type: 'setGap', baseMs: s.baseGapMs, quickMs: s.quickGapMs, continueMs: s.continueGapMs, cutInMs: s.cutInMs, overPercent: s.overPercent, questionMs: s.questionGapMs, topicMs: s.topicGapMs },
        lineId: null,
      };
    }
    case 'master': {
      const m = repo.master(projectId);
      repo.setMaster(projectId, { gainDb: op.gainDb ?? m.gainDb, limiter: op.limiter ?? m.limiter });
      return { inverse: { type: 'master', gainDb: m.gainDb, limiter: m.limiter }, lineId: null };
    }
    case 'ripple': {
      const s = repo.state(projectId)!;
      repo.setRipple(projectId, op.on);
      return { inverse: { type: 'ripple', on: s.ripple }, lineId: null };
    }
    case 'context': {
      const was = repo.contextMode(projectId);
      repo.setContextMode(projectId, op.mode);
      return { inverse: { type: 'context', mode: was }, lineId: null };
    }
    case 'addMarker': {
      if (op.markerId !== undefined && repo.marker(op.markerId)) throw new KoeError('conflict', `Marker ${op.markerId} already exists.`);
      const id = repo.addMarker(projectId, op.atMs, op.label, op.markerId);
      return { inverse: { type: 'removeMarker', markerId: id }, lineId: null };
    }
    case 'removeMarker': {
      const m = repo.marker(op.markerId);
      if (!m || m.projectId !== projectId) throw new KoeError('not_found', `Marker ${op.markerId} is not on this timeline.`);
      repo.removeMarker(op.markerId);
      return { inverse: { type: 'addMarker', atMs: m.atMs, label: m.label, markerId: m.id }, lineId: null };
    }
  }
}

/** The op as history must redo it: a new marker's id is fixed so undo/redo cycles keep it. */
export function forwardOf(op: TimelineOp, applied: Applied): TimelineOp {
  if (op.type === 'addMarker' && applied.inverse.type === 'removeMarker') return { ...op, markerId: applied.inverse.markerId };
  return op;
}
