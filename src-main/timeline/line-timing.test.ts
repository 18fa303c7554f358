// A line's own speed and the pause after it, set on the timeline: speed makes the take stale and
// the next render uses it; a pause pushes the lines after it back (ripple); both undo and redo, and
// a script edit elsewhere keeps them.
import { afterEach, describe, expect, it } from 'vitest';
import { msToSamples } from './layout';
import { makeRig, type Rig } from '../../test-support/timeline';

let rig: Rig | null = null;
afterEach(() => rig?.library.close());

describe('line speed and pause after', () => {
  it('are timeline edits with undo, shape the render and the layout, and survive script edits', async () => {
    const r = (rig = makeRig());
    const created = r.library.projects.createProject('Timing', 'Ana: The first line of the scene is here.\n\nBen: And the second one answers it.');
    r.library.projects.saveProject({ id: created.id, revision: created.revision, speakers: [{ name: 'Ana', voiceId: 'count:a' }, { name: 'Ben', voiceId: 'count:a' }] });
    const [ana, ben] = r.timeline.view(created.id).clips.map((c) => c.lineId) as [number, number];
    r.queue.enqueue(created.id, [ana, ben]);
    await r.queue.whenIdle(created.id);
    const before = r.timeline.view(created.id);
    expect(before.clips.map((c) => [c.status, c.speed, c.pauseAfterMs])).toEqual([['ready', null, 0], ['ready', null, 0]]);

    let rev = r.timeline.edit(created.id, before.revision, { type: 'linePause', lineId: ana, afterMs: 500 }).revision;
    const paused = r.timeline.view(created.id);
    expect(paused.clips[1]!.startSample - before.clips[1]!.startSample).toBe(msToSamples(500));

    rev = r.timeline.edit(created.id, rev, { type: 'lineSpeed', lineId: ben, speed: 1.5 }).revision;
    const fast = r.timeline.view(created.id);
    expect(fast.clips[1]).toMatchObject({ speed: 1.5, status: 'stale' });
    r.queue.enqueue(created.id, [ben]);
    await r.queue.whenIdle(created.id);
    expect(r.timeline.view(created.id).clips[1]).toMatchObject({ status: 'ready', take: { params: { speed: 1.5 } } });

    // A script edit to Ana's line keeps both settings (they are the timeline's, not the script's).
    const project = r.library.projects.getProject(created.id);
    r.library.projects.saveProject({ id: created.id, revision: project.revision, script: 'Ana: The first line of the scene is right here.\n\nBen: And the second one answers it.' });
    const edited = r.timeline.view(created.id);
    expect(edited.clips.map((c) => [c.lineId, c.speed, c.pauseAfterMs])).toEqual([[ana, null, 500], [ben, 1.5, 0]]);

    rev = r.timeline.undo(created.id, edited.revision).revision;
    expect(r.timeline.view(created.id).clips[1]!.speed).toBeNull();
    rev = r.timeline.undo(created.id, rev).revision;
    expect(r.timeline.view(created.id).clips[0]!.pauseAfterMs).toBe(0);
    rev = r.timeline.redo(created.id, rev).revision;
    expect(r.timeline.view(created.id).clips[0]!.pauseAfterMs).toBe(500);

    expect(() => r.timeline.edit(created.id, rev, { type: 'lineSpeed', lineId: 99_999, speed: 1 })).toThrow(/not on this timeline/);
  });
});
