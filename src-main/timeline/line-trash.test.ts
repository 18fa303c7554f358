// Deleting lines from the script and bringing them back (the editor's undo, or a cut pasted back
// after a save) restores the timeline as it was: takes with their audio and the selected one, the
// clip's manual place, gain, fades and trims, and the line's own timing. Lines with nothing worth
// keeping are not trashed; the trash is per project and bounded.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRig, type Rig } from '../../test-support/timeline';
import { TRASH_KEEP } from '../library/line-trash';

let rigs: Rig[] = [];
const rig = () => {
  const r = makeRig();
  rigs.push(r);
  return r;
};
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});

const LINES = ['Ana: The harbour was quiet this morning.', 'Ben: Did the boats come in at all?', 'Ana: Only the small ones did, I think.', 'Cy: Nobody ever tells me anything.'];

async function scene(r: Rig) {
  const created = r.library.projects.createProject('Scene', LINES.join('\n\n'));
  r.queue.enqueue(created.id);
  await r.queue.whenIdle(created.id);
  let scriptRev = created.revision;
  const save = (lines: string[]) => {
    scriptRev = r.library.projects.saveProject({ id: created.id, revision: scriptRev, script: lines.join('\n\n') }).revision;
    return r.timeline.view(created.id);
  };
  return { p: created.id, save };
}

const count = (r: Rig, table: string) => r.library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the line trash', () => {
  it('a deleted line that comes back has its takes, selected take, audio, clip edits and timing again', async () => {
    const r = rig();
    const { p, save } = await scene(r);
    const v = r.timeline.view(p);
    const ben = v.clips[1]!.lineId;
    // Two takes, the first one chosen; the clip moved, shaped and given its own speed.
    r.queue.enqueue(p, [ben]);
    await r.queue.whenIdle(p);
    const takes = r.timeline.takes(p, ben);
    expect(takes).toHaveLength(2);
    let rev = r.timeline.view(p).revision;
    rev = r.timeline.edit(p, rev, { type: 'selectTake', lineId: ben, takeId: takes[1]!.id }).revision;
    rev = r.timeline.edit(p, rev, { type: 'move', lineId: ben, startSample: 777_000 }).revision;
    rev = r.timeline.edit(p, rev, { type: 'gain', lineId: ben, db: -5 }).revision;
    rev = r.timeline.edit(p, rev, { type: 'fade', lineId: ben, inSamples: 240, outSamples: 480 }).revision;
    r.timeline.edit(p, rev, { type: 'trim', lineId: ben, startSamples: 10, endSamples: 20 });
    const before = r.timeline.view(p).clips[1]!;
    const pcmBefore = r.timeline.repo.takePcm(before.take!.id)!;
    const timing = r.timeline.repo.lineTiming(p, ben);

    const without = save([LINES[0]!, LINES[2]!, LINES[3]!]);
    expect(without.clips.map((c) => c.text)).not.toContain('Did the boats come in at all?');
    expect(count(r, 'line_trash')).toBe(1);

    const calls = r.engine.calls;
    const back = save(LINES).clips[1]!;
    expect(back.lineId).not.toBe(ben);
    expect(back).toMatchObject({ text: 'Did the boats come in at all?', status: 'ready', manual: true, startSample: 777_000, gainDb: -5, fadeInSamples: 240, fadeOutSamples: 480, trimStartSamples: 10, trimEndSamples: 20, takeCount: 2 });
    const restored = r.timeline.takes(p, back.lineId);
    expect(restored.map((t) => [t.selected, t.createdAt])).toEqual(takes.map((t) => [t.id === takes[1]!.id, t.createdAt]));
    expect(r.timeline.repo.takePcm(back.take!.id)).toEqual(pcmBefore);
    expect(r.timeline.repo.lineTiming(p, back.lineId)).toEqual(timing);
    // Nothing was rendered again, and the trash entry is used up.
    expect(r.engine.calls).toBe(calls);
    expect(count(r, 'line_trash')).toBe(0);
    expect(count(r, 'line_trash_takes')).toBe(0);
  });

  it("a line's own style pick alone is worth keeping, and comes back with it", () => {
    const r = rig();
    const created = r.library.projects.createProject('Picked', LINES.join('\n\n'));
    const v = r.timeline.view(created.id);
    r.timeline.edit(created.id, v.revision, { type: 'lineStyle', lineId: v.clips[1]!.lineId, style: 'whisper' });
    const rev = r.library.projects.saveProject({ id: created.id, revision: created.revision, script: [LINES[0]!, LINES[2]!].join('\n\n') }).revision;
    expect(count(r, 'line_trash')).toBe(1);
    r.library.projects.saveProject({ id: created.id, revision: rev, script: LINES.join('\n\n') });
    expect(r.timeline.view(created.id).clips.map((c) => c.style)).toEqual([null, 'whisper', null, null]);
  });

  it("a revived line's undo steps come back in their place in the order, pointed at the new line and takes", async () => {
    const r = rig();
    const { p, save } = await scene(r);
    const ben = r.timeline.view(p).clips[1]!.lineId;
    r.queue.enqueue(p, [ben]);
    await r.queue.whenIdle(p);
    const takes = r.timeline.takes(p, ben);
    let rev = r.timeline.view(p).revision;
    const mute = r.timeline.edit(p, rev, { type: 'mute', speaker: 'Cy', on: true });
    const pick = r.timeline.edit(p, mute.revision, { type: 'selectTake', lineId: ben, takeId: takes[1]!.id });
    const gain = r.timeline.edit(p, pick.revision, { type: 'gain', lineId: ben, db: -7 });
    // A step that was undone waits in the trash as redo.
    rev = r.timeline.edit(p, gain.revision, { type: 'gain', lineId: ben, db: -9 }).revision;
    rev = r.timeline.undo(p, rev).revision;

    save([LINES[0]!, LINES[2]!, LINES[3]!]);
    // While the line is gone its steps are out of the way: undo would reach the mute, not a dead line.
    expect(r.timeline.history(p)).toMatchObject({ undo: { id: mute.step.id }, redo: null });
    expect(r.timeline.view(p).canRedo).toBe(false);

    const back = save(LINES).clips[1]!;
    expect(back.lineId).not.toBe(ben);
    expect(back.gainDb).toBe(-7);
    const h = r.timeline.history(p);
    expect(h.undo).toEqual({ id: gain.step.id, op: { type: 'gain', lineId: back.lineId, db: -7 } });
    expect(h.redo).toEqual({ id: expect.any(Number), op: { type: 'gain', lineId: back.lineId, db: -9 } });
    // Redo, then undo three times: -9, -7, the take choice (on the revived takes), then the mute.
    rev = r.timeline.redo(p, h.revision).revision;
    expect(r.timeline.view(p).clips[1]!.gainDb).toBe(-9);
    rev = r.timeline.undo(p, rev).revision;
    rev = r.timeline.undo(p, rev).revision;
    expect(r.timeline.view(p).clips[1]!.gainDb).toBe(0);
    const revivedTakes = r.timeline.takes(p, back.lineId);
    expect(revivedTakes.find((t) => t.selected)!.createdAt).toBe(takes[1]!.createdAt);
    const undone = r.timeline.undo(p, rev);
    expect(undone.step.id).toBe(pick.step.id);
    expect(r.timeline.takes(p, back.lineId).find((t) => t.selected)!.createdAt).toBe(takes.find((t) => t.selected)!.createdAt);
    expect(r.timeline.undo(p, undone.revision).step.id).toBe(mute.step.id);
    expect(count(r, 'line_trash')).toBe(0);
  });

  it('a pruned trash entry takes its undo steps with it', async () => {
    const r = rig();
    const { p, save } = await scene(r);
    const ben = r.timeline.view(p).clips[1]!.lineId;
    r.timeline.edit(p, r.timeline.view(p).revision, { type: 'gain', lineId: ben, db: -7 });
    save([LINES[0]!, LINES[2]!, LINES[3]!]);
    expect(count(r, 'line_trash')).toBe(1);
    expect(r.library.db.prepare('SELECT count(*) FROM timeline_history WHERE trash_id IS NOT NULL').pluck().get()).toBe(1);
    r.library.db.prepare('DELETE FROM line_trash').run();
    expect(count(r, 'timeline_history')).toBe(0);
  });

  it('keeps nothing for a line that had no takes and no clip edits', () => {
    const r = rig();
    const created = r.library.projects.createProject('Draft', LINES.join('\n\n'));
    r.library.projects.saveProject({ id: created.id, revision: created.revision, script: LINES[0]! });
    expect(count(r, 'line_trash')).toBe(0);
  });

  it('a new line with other text or another speaker does not pick up a trashed one', async () => {
    const r = rig();
    const { p, save } = await scene(r);
    save([LINES[0]!, LINES[2]!, LINES[3]!]);
    const other = save([LINES[0]!, 'Cy: Did the boats come in at all?', LINES[2]!, LINES[3]!]).clips[1]!;
    expect(other).toMatchObject({ speaker: 'Cy', takeCount: 0 });
    expect(other.status).not.toBe('ready');
    expect(count(r, 'line_trash')).toBe(1);
    expect(r.timeline.view(p).clips).toHaveLength(4);
  });

  it('is bounded per project, newest kept, and goes with its project', async () => {
    const r = rig();
    const many = Array.from({ length: TRASH_KEEP + 5 }, (_, i) => `Ana: Line number ${i}.`);
    const created = r.library.projects.createProject('Book', many.join('\n'));
    // Give every line something worth keeping without rendering thousands of takes.
    r.library.db.prepare('UPDATE lines SET pause_after_ms = 100 WHERE project_id = ?').run(created.id);
    // Two cuts, each within what one save may trash.
    const rev = r.library.projects.saveProject({ id: created.id, revision: created.revision, script: many.slice(1000).join('\n') }).revision;
    r.library.projects.saveProject({ id: created.id, revision: rev, script: 'Ana: Only this now.' });
    expect(count(r, 'line_trash')).toBe(TRASH_KEEP);
    const oldest = r.library.db.prepare('SELECT text FROM line_trash ORDER BY id LIMIT 1').pluck().get();
    expect(oldest).toBe('Line number 5.');
    r.library.projects.deleteProject(created.id);
    expect(count(r, 'line_trash')).toBe(0);
  });

  it('holds every column a take, a clip and a line have (a migration adding one must extend the trash)', () => {
    const r = rig();
    const cols = (t: string) => (r.library.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    const trashTakes = new Set(cols('line_trash_takes'));
    expect(cols('takes').filter((c) => c !== 'id' && c !== 'line_id' && !trashTakes.has(c))).toEqual([]);
    // Columns trashLine copies or that the script itself recreates.
    expect(cols('lines').sort()).toEqual(['id', 'pause_after_ms', 'pause_before_ms', 'position', 'project_id', 'source_line', 'speaker', 'speed', 'style', 'text']);
    expect(cols('timeline_clips').sort()).toEqual(['fade_in', 'fade_out', 'gain_db', 'line_id', 'manual', 'project_id', 'start_sample', 'trim_end', 'trim_start']);
  });
});
