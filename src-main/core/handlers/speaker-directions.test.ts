// A speaker's own effects for directions through the contract on a real Core (embedded espeak):
// stored with the project, a change stales exactly that speaker's directed takes and reloads open
// timelines, a reset brings the old take back to ready, bad input changes nothing, and a .koe
// carries them.
import { describe, expect, it } from 'vitest';
import { useTestCore } from '../../../test-support/core';
import { exportKoe, importKoe } from '../../timeline/koe-file';

const t = useTestCore('koe-speaker-directions', { attach: true });
const { events } = t;
const call = (name: string, args: unknown): Promise<any> => t.call(name, args);

const statuses = async (id: string) => ((await call('timeline.get', { projectId: id })).clips as { status: string }[]).map((c) => c.status);

describe("a speaker's own direction effects", () => {
  it('stales that speaker\'s directed takes only, and a reset makes them ready again', async () => {
    const p = (await call('projects.create', { name: 'Dir', script: 'Anna: (whispering) Did you hear that?\nBen: (whispering) Hear what?\nAnna: Nothing at all.' })).id as string;
    await call('timeline.render', { projectId: p });
    await t.core.renderQueue.whenIdle(p);
    expect(await statuses(p)).toEqual(['ready', 'ready', 'ready']);

    const seen = events.length;
    expect(await call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'whispering', effect: { gainDb: -9, speed: 0.9 } })).toEqual({ saved: true });
    expect(events.slice(seen).some((e) => e.name === 'timeline.changed' && e.payload.projectId === p)).toBe(true);
    expect(await call('projects.directions', { id: p })).toEqual([{ speaker: 'Anna', direction: 'whispering', effect: { speed: 0.9, gainDb: -9 } }]);
    expect(await statuses(p)).toEqual(['stale', 'ready', 'ready']);
    const work = t.core.timeline.work(p)[0]!;
    expect(work.params.directionEffects).toBe('{"whispering":{"speed":0.9,"gainDb":-9}}');

    // Rendered again with the speaker's effect: the take records it and is ready.
    await call('timeline.render', { projectId: p });
    await t.core.renderQueue.whenIdle(p);
    const clip = (await call('timeline.get', { projectId: p })).clips[0];
    expect(clip.status).toBe('ready');
    expect(t.core.timeline.repo.takesOf(clip.lineId).find((t) => t.selected)!.params.directionEffects).toBe(work.params.directionEffects);

    // A .koe carries the mapping and the take made with it, which opens ready.
    const file = exportKoe(t.core.library, t.core.timeline, p);
    const { projectId } = await importKoe(t.core.library, t.core.timeline, file.bytes);
    expect(await call('projects.directions', { id: projectId })).toEqual(await call('projects.directions', { id: p }));
    expect(await statuses(projectId)).toEqual(['ready', 'ready', 'ready']);
    expect(Buffer.from(exportKoe(t.core.library, t.core.timeline, projectId).bytes).equals(Buffer.from(file.bytes))).toBe(true);

    // Back to the default: the new take is stale, the first one would be current again.
    await call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'whispering', effect: null });
    expect(await call('projects.directions', { id: p })).toEqual([]);
    expect(await statuses(p)).toEqual(['stale', 'ready', 'ready']);
  });

  it('refuses an unknown direction, a bad value, a speaker the project does not have and a blend toward a voice that is not Kokoro, changing nothing', async () => {
    const p = (await call('projects.create', { name: 'Bad', script: 'Anna: (sad) Oh.' })).id as string;
    await expect(call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'turning away', effect: { gainDb: -3 } })).rejects.toThrow(/"turning away" is not a direction/);
    await expect(call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'sad', effect: { gainDb: 90 } })).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'sad', effect: { blend: { voiceId: 'espeak:en-us', amount: 0.3 } } })).rejects.toThrow(/Kokoro/);
    await expect(call('projects.setDirection', { id: p, speaker: 'Anna', direction: 'sad', effect: { blend: { voiceId: 'kokoro:af_nobody', amount: 0.3 } } })).rejects.toThrow(/not one/);
    await expect(call('projects.setDirection', { id: p, speaker: 'Anne', direction: 'sad', effect: { gainDb: -3 } })).rejects.toThrow(/"Anne" is not a speaker of this project \(its speakers: Anna\)/);
    await expect(call('projects.setDirection', { id: 'nope', speaker: 'Anna', direction: 'sad', effect: {} })).rejects.toMatchObject({ code: 'not_found' });
    expect(await call('projects.directions', { id: p })).toEqual([]);
  });
});
