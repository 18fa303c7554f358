// A line's direction is part of what its take was rendered with: adding, changing or removing one
// makes the take stale; a stage note that is not a direction does not. Turn markers place clips.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRig, type Rig } from '../../test-support/timeline';
import { msToSamples } from './layout';

let rig: Rig | null = null;
afterEach(() => rig?.library.close());

describe('directions on the timeline', () => {
  it('stales a take when its direction changes, not for a stage note, and renders the directed line again', async () => {
    rig = makeRig();
    const r = rig;
    const project = r.library.projects.createProject('P', 'Ana: Hello there, friend.');
    const id = project.id;
    r.queue.enqueue(id);
    await r.queue.whenIdle(id);
    const save = (script: string) => r.library.projects.saveProject({ id, revision: r.library.projects.getProject(id).revision, script });
    expect(r.timeline.view(id).clips[0]!.status).toBe('ready');

    save('Ana: (turning away) Hello there, friend.');
    expect(r.timeline.view(id).clips[0]!.status).toBe('ready');
    // A stage note is not a direction: the clip shows none.
    expect(r.timeline.view(id).clips[0]!.direction).toBeUndefined();

    save('Ana: (whispering) Hello there, friend.');
    const clip = r.timeline.view(id).clips[0]!;
    expect(clip.status).toBe('stale');
    expect(r.timeline.work(id)[0]!.params.direction).toBe('whispering');
    expect(r.timeline.lineWork(id, clip.lineId)!.params.direction).toBe('whispering');

    const calls = r.engine.calls;
    r.queue.enqueue(id);
    await r.queue.whenIdle(id);
    expect(r.engine.calls).toBe(calls + 1);
    const take = r.timeline.view(id).clips[0]!;
    expect(take.status).toBe('ready');
    expect(take.take!.params).toMatchObject({ direction: 'whispering' });

    save('Ana: (whispering) (slowly) Hello there, friend.');
    expect(r.timeline.view(id).clips[0]!.status).toBe('stale');
    // The clip says how the line is delivered, for the timeline to show.
    expect(r.timeline.view(id).clips[0]!.direction).toBe('whispering+slowly');
    // The selected take is now the whispered one: taking the direction away stales it too.
    save('Ana: Hello there, friend.');
    expect(r.timeline.view(id).clips[0]!.status).toBe('stale');
  });

  it('lays out "--" and [over] lines as overlaps that stay computed until dragged', () => {
    rig = makeRig();
    const r = rig;
    const id = r.library.projects.createProject('P', 'Ana: I was only going to ask you one small thing --\nBen: No.\nAna: Then listen to the rest of what I have to say.\nBen: [over] Mm-hm.').id;
    const clips = r.timeline.view(id).clips;
    expect(clips.map((c) => c.text)).toEqual(['I was only going to ask you one small thing', 'No.', 'Then listen to the rest of what I have to say.', 'Mm-hm.']);
    expect(clips[1]!.startSample).toBe(clips[0]!.startSample + clips[0]!.samples - msToSamples(300));
    expect(clips[3]!.startSample).toBe(clips[2]!.startSample + Math.round(clips[2]!.samples * 0.4));
    expect(clips.every((c) => !c.manual)).toBe(true);
  });
});
