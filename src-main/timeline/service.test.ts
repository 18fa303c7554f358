// The timeline over a real library: layout from a script, takes and staleness, every op undone and
// redone (also after closing and reopening the library), revision conflicts, and a 5,000-line script
// (whose layout time is the bench's, bench/timeline-layout.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineOp, TimelineView } from '../contract/calls-timeline';
import { msToSamples } from './layout';
import { makeRig, type Rig } from '../../test-support/timeline';
import { longScene } from '../../bench/timeline-layout';

let rigs: Rig[] = [];
let dirs: string[] = [];
const rig = (path?: string) => {
  const r = makeRig(path);
  rigs.push(r);
  return r;
};
afterEach(() => {
  for (const r of rigs) r.library.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  rigs = [];
  dirs = [];
});

const SCRIPT = [
  'Ana: I walked all the way down to the harbour this morning.',
  'Ben: Did you see the boats coming in at all?',
  'Ana: Only the small ones. [pause 800ms] The big ones were late.',
  'Cy: Nobody ever tells me anything around here.',
].join('\n');

async function renderAll(r: Rig, projectId: string, lineIds?: number[]) {
  r.queue.enqueue(projectId, lineIds);
  await r.queue.whenIdle(projectId);
}

describe('layout from a script', () => {
  it('one track per speaker, natural gaps, a pause added exactly, estimates until rendered', () => {
    const r = rig();
    const p = r.library.projects.createProject('Scene', SCRIPT).id;
    const v = r.timeline.view(p);
    expect(v.tracks.map((t) => t.speaker)).toEqual(['Ana', 'Ben', 'Cy']);
    expect(v.clips.map((c) => c.speaker)).toEqual(['Ana', 'Ben', 'Ana', 'Ana', 'Cy']);
    expect(v.clips.every((c) => c.estimated && c.status === 'missing' && c.take === null)).toBe(true);
    const gap = (i: number) => v.clips[i]!.startSample - (v.clips[i - 1]!.startSample + v.clips[i - 1]!.samples);
    expect(gap(1)).toBe(msToSamples(v.options.baseGapMs));
    expect(gap(2)).toBe(msToSamples(v.options.questionGapMs)); // answering a question
    expect(gap(3)).toBe(msToSamples(v.options.continueGapMs + 800)); // Ana carries on after [pause 800ms]
  });

  it('takes the rendered length once rendered, rippling later clips', async () => {
    const r = rig();
    const p = r.library.projects.createProject('Scene', SCRIPT).id;
    const before = r.timeline.view(p);
    await renderAll(r, p);
    const after = r.timeline.view(p);
    expect(after.clips.every((c) => !c.estimated && c.status === 'ready')).toBe(true);
    expect(after.clips[0]!.samples).toBe(after.clips[0]!.take!.samples);
    const gap = after.clips[1]!.startSample - (after.clips[0]!.startSample + after.clips[0]!.samples);
    expect(gap).toBe(msToSamples(after.options.baseGapMs));
    expect(after.clips[1]!.startSample).not.toBe(before.clips[1]!.startSample);
  });

  // How long the first layout and a relayout take (targets < 2 s and < 1 s) is measured in
  // bench/timeline-layout.ts.
  it('lays out a 5,000-line script, and lays it out again the same', () => {
    const r = rig();
    const p = r.library.projects.createProject('Long', longScene(5000)).id;
    const first = r.timeline.view(p);
    expect(first.clips).toHaveLength(5000);
    expect(first.clips.every((c, i) => i === 0 || c.startSample > first.clips[i - 1]!.startSample)).toBe(true);
    expect(r.timeline.view(p).clips).toEqual(first.clips);
  });
});

describe('takes', () => {
  it('a re-render adds a take and selects it; another can be picked', async () => {
    const r = rig();
    const p = r.library.projects.createProject('Scene', 'Ana: Hello there, how are you?').id;
    await renderAll(r, p);
    const lineId = r.timeline.view(p).clips[0]!.lineId;
    await renderAll(r, p, [lineId]);
    const takes = r.timeline.takes(p, lineId);
    expect(takes).toHaveLength(2);
    expect(takes[0]!.selected).toBe(true);
    expect(takes[1]!.selected).toBe(false);
    expect(takes[0]).toMatchObject({ engine: 'count', voiceId: 'count:a', params: { speed: 1, pitch: 50 }, stale: false });
    const v = r.timeline.view(p);
    r.timeline.edit(p, v.revision, { type: 'selectTake', lineId, takeId: takes[1]!.id });
    expect(r.timeline.view(p).clips[0]!.take!.id).toBe(takes[1]!.id);
    expect(r.timeline.view(p).clips[0]!.takeCount).toBe(2);
  });

  it('a speaker whose voice changed shows the selected take as stale; re-rendering fixes it', async () => {
    const r = rig();
    const created = r.library.projects.createProject('Scene', 'Ana: Hello there, how are you?\n\nBen: Fine, thanks for asking me.');
    await renderAll(r, created.id);
    r.library.projects.saveProject({ id: created.id, revision: created.revision, speakers: [{ name: 'Ana', voiceId: 'count:b' }] });
    const v = r.timeline.view(created.id);
    expect(v.clips.map((c) => c.status)).toEqual(['stale', 'ready']);
    expect(v.clips[0]!.take!.stale).toBe(true);
    const queued = r.queue.enqueue(created.id);
    expect(queued.queued).toBe(1);
    await r.queue.whenIdle(created.id);
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['ready', 'ready']);
  });

  it('a pronunciation added for a word of a line makes its take stale; removing it makes it current again', async () => {
    const r = rig();
    const created = r.library.projects.createProject('Scene', 'Ana: Welcome to Koe Studio.\n\nBen: Fine, thanks for asking me.');
    await renderAll(r, created.id);
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['ready', 'ready']);
    const entry = r.library.pronunciations.set({ scope: 'project', projectId: created.id, language: 'en', word: 'Koe', respelling: 'koh-eh' });
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['stale', 'ready']);
    await renderAll(r, created.id);
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['ready', 'ready']);
    r.library.pronunciations.delete(entry.id);
    // The newest take was made with the entry; without it, the line must be rendered again.
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['stale', 'ready']);
    // A pronunciation for a word the lines do not have changes nothing.
    await renderAll(r, created.id);
    r.library.pronunciations.set({ scope: 'global', language: 'en', word: 'harbour', respelling: 'har-bor' });
    expect(r.timeline.view(created.id).clips.map((c) => c.status)).toEqual(['ready', 'ready']);
  });

  it('a text edit in the script keeps the line: its takes (now stale), gain and other lines are kept', async () => {
    const r = rig();
    const created = r.library.projects.createProject('Scene', 'Ana: First line of the scene.\n\nBen: Second line of the scene.');
    await renderAll(r, created.id);
    const v = r.timeline.view(created.id);
    r.timeline.edit(created.id, v.revision, { type: 'gain', lineId: v.clips[1]!.lineId, db: -4 });
    r.library.projects.saveProject({ id: created.id, revision: created.revision, script: 'Ana: First line of the scene, changed.\n\nBen: Second line of the scene.' });
    const after = r.timeline.view(created.id);
    expect(after.clips.map((c) => c.lineId)).toEqual(v.clips.map((c) => c.lineId));
    expect(after.clips.map((c) => c.status)).toEqual(['stale', 'ready']);
    expect(after.clips[1]).toMatchObject({ lineId: v.clips[1]!.lineId, gainDb: -4 });
  });
});

describe('line identity across script edits', () => {
  const LINES = ['Ana: The harbour was quiet this morning.', 'Ben: Did the boats come in at all?', 'Ana: Only the small ones did, I think.', 'Cy: Nobody ever tells me anything.'];
  async function placed(r: Rig) {
    const created = r.library.projects.createProject('Scene', LINES.join('\n\n'));
    await renderAll(r, created.id);
    const v = r.timeline.view(created.id);
    const ben = v.clips[1]!.lineId;
    let rev = r.timeline.edit(created.id, v.revision, { type: 'move', lineId: ben, startSample: 777_000 }).revision;
    rev = r.timeline.edit(created.id, rev, { type: 'gain', lineId: ben, db: -5 }).revision;
    rev = r.timeline.edit(created.id, rev, { type: 'fade', lineId: ben, inSamples: 240, outSamples: 480 }).revision;
    r.timeline.edit(created.id, rev, { type: 'trim', lineId: ben, startSamples: 10, endSamples: 20 });
    let scriptRev = created.revision;
    const save = (lines: string[], speakers?: { name: string; voiceId: string }[]) => {
      scriptRev = r.library.projects.saveProject({ id: created.id, revision: scriptRev, script: lines.join('\n\n'), ...(speakers ? { speakers } : {}) }).revision;
      return r.timeline.view(created.id);
    };
    return { p: created.id, v, ben, ids: v.clips.map((c) => c.lineId), save };
  }

  it('a typo fix keeps the id, the takes (now stale), the manual position, gain, fades and trims; a re-render adds a take', async () => {
    const r = rig();
    const { p, ben, ids, save } = await placed(r);
    const after = save([LINES[0]!, 'Ben: Did the boats come in at all today?', LINES[2]!, LINES[3]!]);
    expect(after.clips.map((c) => c.lineId)).toEqual(ids);
    const clip = after.clips[1]!;
    expect(clip).toMatchObject({ lineId: ben, text: 'Did the boats come in at all today?', status: 'stale', manual: true, startSample: 777_000, gainDb: -5, fadeInSamples: 240, fadeOutSamples: 480, trimStartSamples: 10, trimEndSamples: 20, takeCount: 1 });
    expect(clip.take!.stale).toBe(true);
    expect(after.clips.filter((c, i) => i !== 1).every((c) => c.status === 'ready')).toBe(true);
    await renderAll(r, p);
    const takes = r.timeline.takes(p, ben);
    expect(takes.map((t) => [t.selected, t.stale])).toEqual([[true, false], [false, true]]);
    expect(r.timeline.view(p).clips[1]).toMatchObject({ status: 'ready', startSample: 777_000, gainDb: -5 });
  });

  it('undo history of an edited line stays valid', async () => {
    const r = rig();
    const { p, ben, save } = await placed(r);
    save([LINES[0]!, 'Ben: Did the boats come in at all today?', LINES[2]!, LINES[3]!]);
    let rev = r.timeline.view(p).revision;
    rev = r.timeline.undo(p, rev).revision; // the trim
    expect(r.timeline.view(p).clips[1]).toMatchObject({ lineId: ben, trimStartSamples: 0, trimEndSamples: 0 });
    rev = r.timeline.undo(p, rev).revision; // the fade
    rev = r.timeline.undo(p, rev).revision; // the gain
    expect(r.timeline.view(p).clips[1]).toMatchObject({ lineId: ben, gainDb: 0, fadeInSamples: 0, startSample: 777_000 });
    r.timeline.redo(p, rev);
    expect(r.timeline.view(p).clips[1]).toMatchObject({ lineId: ben, gainDb: -5 });
  });

  it('inserting a line in the middle keeps the others, with their manual positions', async () => {
    const r = rig();
    const { ids, save } = await placed(r);
    const after = save([LINES[0]!, LINES[1]!, 'Cy: Wait, which boats do you mean?', LINES[2]!, LINES[3]!]);
    expect(after.clips.map((c) => c.lineId)).toEqual([ids[0], ids[1], expect.any(Number), ids[2], ids[3]]);
    expect(ids).not.toContain(after.clips[2]!.lineId);
    expect(after.clips[2]).toMatchObject({ status: 'missing', takeCount: 0, manual: false });
    expect(after.clips[1]).toMatchObject({ startSample: 777_000, manual: true, status: 'ready' });
    expect(after.clips.filter((c) => c.lineId !== after.clips[2]!.lineId).every((c) => c.status === 'ready')).toBe(true);
  });

  it('deleting a line drops it and its takes; the rest keep theirs', async () => {
    const r = rig();
    const { p, ids, ben, save } = await placed(r);
    const after = save([LINES[0]!, LINES[2]!, LINES[3]!]);
    expect(after.clips.map((c) => c.lineId)).toEqual([ids[0], ids[2], ids[3]]);
    expect(after.clips.every((c) => c.status === 'ready')).toBe(true);
    expect(() => r.timeline.takes(p, ben)).toThrow(/not in this project/);
    expect(r.library.db.prepare('SELECT count(*) FROM takes WHERE line_id = ?').pluck().get(ben)).toBe(0);
  });

  it('swapping two lines keeps both, with their takes and the moved clip', async () => {
    const r = rig();
    const { ids, save } = await placed(r);
    const after = save([LINES[1]!, LINES[0]!, LINES[2]!, LINES[3]!]);
    expect(after.clips.map((c) => c.lineId)).toEqual([ids[1], ids[0], ids[2], ids[3]]);
    expect(after.clips.every((c) => c.status === 'ready')).toBe(true);
    expect(after.clips[0]).toMatchObject({ startSample: 777_000, gainDb: -5 });
  });

  it('a speaker change keeps the line on the new track; its take goes stale when the voice differs', async () => {
    const r = rig();
    const { ids, ben, save } = await placed(r);
    const after = save([LINES[0]!, LINES[1]!, LINES[2]!, 'Ben: Nobody ever tells me anything.'], [{ name: 'Cy', voiceId: 'count:b' }]);
    expect(after.clips.map((c) => c.lineId)).toEqual(ids);
    expect(after.clips[3]).toMatchObject({ speaker: 'Ben', status: 'ready' }); // rendered with the default voice, which Ben still has
    const recast = save([LINES[0]!, 'Cy: Did the boats come in at all?', LINES[2]!, 'Ben: Nobody ever tells me anything.']);
    expect(recast.clips[1]).toMatchObject({ lineId: ben, speaker: 'Cy', status: 'stale', startSample: 777_000 });
  });
});

/** Every op with a value that differs from the default state. */
function everyOp(v: TimelineView, takeId: number): TimelineOp[] {
  const [a, b] = v.clips;
  return [
    { type: 'move', lineId: b!.lineId, startSample: 1234 },
    { type: 'trim', lineId: a!.lineId, startSamples: 100, endSamples: 200 },
    { type: 'gain', lineId: a!.lineId, db: -6 },
    { type: 'fade', lineId: a!.lineId, inSamples: 240, outSamples: 480 },
    // A second change of the same kind, so an inverse that restores a wrong (default) value shows.
    { type: 'fade', lineId: a!.lineId, inSamples: 960, outSamples: 1920 },
    { type: 'trim', lineId: a!.lineId, startSamples: 300, endSamples: 50 },
    { type: 'move', lineId: b!.lineId, startSample: 4321, manual: false },
    { type: 'selectTake', lineId: a!.lineId, takeId },
    { type: 'mute', speaker: 'Ben', on: true },
    { type: 'solo', speaker: 'Ana', on: true },
    { type: 'trackGain', speaker: 'Ana', db: 3 },
    { type: 'pan', speaker: 'Ben', pan: -0.5 },
    { type: 'setGap', baseMs: 900, quickMs: 100, continueMs: 50 },
    { type: 'ripple', on: false },
    { type: 'addMarker', atMs: 1500, label: 'Scene 2' },
  ];
}

/** The parts of a view that edits change (not revision or undo availability). */
const shape = (v: TimelineView) => ({ options: v.options, tracks: v.tracks, clips: v.clips.map((c) => ({ ...c, render: null })), markers: v.markers });

describe('undo and redo', () => {
  async function scene(r: Rig) {
    const p = r.library.projects.createProject('Scene', 'Ana: Hello there, how are you today?\n\nBen: Fine, thanks for asking me.').id;
    await renderAll(r, p);
    const lineId = r.timeline.view(p).clips[0]!.lineId;
    await renderAll(r, p, [lineId]);
    const older = r.timeline.takes(p, lineId)[1]!.id;
    return { p, older };
  }

  it('undoes and redoes every op, one step at a time, back to the exact state', async () => {
    const r = rig();
    const { p, older } = await scene(r);
    const states: ReturnType<typeof shape>[] = [shape(r.timeline.view(p))];
    for (const op of everyOp(r.timeline.view(p), older)) {
      const v = r.timeline.view(p);
      r.timeline.edit(p, v.revision, op);
      const next = shape(r.timeline.view(p));
      expect(next, `op ${op.type} changed something`).not.toEqual(states.at(-1));
      states.push(next);
    }
    // removeMarker too, so both marker ops are covered.
    const markerId = r.timeline.view(p).markers[0]!.id;
    r.timeline.edit(p, r.timeline.view(p).revision, { type: 'removeMarker', markerId });
    states.push(shape(r.timeline.view(p)));
    for (let i = states.length - 2; i >= 0; i--) {
      r.timeline.undo(p, r.timeline.view(p).revision);
      expect(shape(r.timeline.view(p)), `after undoing to step ${i}`).toEqual(states[i]);
    }
    expect(r.timeline.view(p).canUndo).toBe(false);
    expect(() => r.timeline.undo(p, r.timeline.view(p).revision)).toThrow(/nothing to undo/);
    for (let i = 1; i < states.length; i++) {
      r.timeline.redo(p, r.timeline.view(p).revision);
      expect(shape(r.timeline.view(p)), `after redoing step ${i}`).toEqual(states[i]);
    }
    expect(r.timeline.view(p).canRedo).toBe(false);
  });

  it('a new edit drops the redo branch', async () => {
    const r = rig();
    const { p } = await scene(r);
    const lineId = r.timeline.view(p).clips[0]!.lineId;
    r.timeline.edit(p, r.timeline.view(p).revision, { type: 'gain', lineId, db: -3 });
    r.timeline.undo(p, r.timeline.view(p).revision);
    r.timeline.edit(p, r.timeline.view(p).revision, { type: 'gain', lineId, db: -9 });
    expect(r.timeline.view(p).canRedo).toBe(false);
  });

  it('history survives closing and reopening the library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-timeline-'));
    dirs.push(dir);
    const path = join(dir, 'library.db');
    const first = makeRig(path);
    const { p } = await scene(first);
    const lineId = first.timeline.view(p).clips[1]!.lineId;
    const original = first.timeline.view(p).clips[1]!.startSample;
    first.timeline.edit(p, first.timeline.view(p).revision, { type: 'move', lineId, startSample: 5 });
    first.timeline.edit(p, first.timeline.view(p).revision, { type: 'mute', speaker: 'Ben', on: true });
    first.library.close();

    const second = rig(path);
    expect(second.timeline.view(p).clips[1]!).toMatchObject({ startSample: 5, manual: true });
    second.timeline.undo(p, second.timeline.view(p).revision);
    expect(second.timeline.view(p).tracks[1]!.mute).toBe(false);
    second.timeline.undo(p, second.timeline.view(p).revision);
    expect(second.timeline.view(p).clips[1]!).toMatchObject({ startSample: original, manual: false });
    second.timeline.redo(p, second.timeline.view(p).revision);
    expect(second.timeline.view(p).clips[1]!.startSample).toBe(5);
  });

  it('refuses an edit, undo or redo from a stale revision and changes nothing', async () => {
    const r = rig();
    const { p } = await scene(r);
    const lineId = r.timeline.view(p).clips[0]!.lineId;
    const rev = r.timeline.view(p).revision;
    expect(r.timeline.edit(p, rev, { type: 'gain', lineId, db: -2 })).toEqual({ revision: rev + 1, step: { id: expect.any(Number), op: { type: 'gain', lineId, db: -2 } } });
    const before = shape(r.timeline.view(p));
    expect(() => r.timeline.edit(p, rev, { type: 'gain', lineId, db: -8 })).toThrow(/another window/);
    expect(() => r.timeline.undo(p, rev)).toThrow(/another window/);
    expect(shape(r.timeline.view(p))).toEqual(before);
    expect(r.changed.at(-1)).toEqual({ projectId: p, revision: rev + 1 });
  });

  it('history is bounded', async () => {
    const r = rig();
    const { p } = await scene(r);
    const lineId = r.timeline.view(p).clips[0]!.lineId;
    let rev = r.timeline.view(p).revision;
    r.library.db.transaction(() => {
      for (let i = 0; i < 520; i++) rev = r.timeline.edit(p, rev, { type: 'gain', lineId, db: -(i % 50) }).revision;
    })();
    expect(r.timeline.repo.historyCount(p)).toBe(500);
  });

  it('refuses ops on lines or speakers of another project', async () => {
    const r = rig();
    const { p } = await scene(r);
    const other = r.library.projects.createProject('Other', 'Zed: Something else entirely.').id;
    const otherLine = r.timeline.view(other).clips[0]!.lineId;
    expect(() => r.timeline.edit(p, r.timeline.view(p).revision, { type: 'gain', lineId: otherLine, db: -3 })).toThrow(/not on this timeline/);
    expect(() => r.timeline.edit(p, r.timeline.view(p).revision, { type: 'mute', speaker: 'Zed', on: true })).toThrow(/no speaker "Zed"/);
  });
});
