// Trimming a clip's head from the timeline: with `startSample` the clip moves by what was cut, so a
// placed clip's audio stays where it was, and the whole gesture is one undo step.
import { afterEach, expect, it } from 'vitest';
import { makeRig, type Rig } from '../../test-support/timeline';

let rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});

it('a head trim with startSample moves and trims in one step; undo and redo restore both', async () => {
  const r = makeRig();
  rigs.push(r);
  const p = r.library.projects.createProject('Scene', 'Ana: Hello there, how are you.\nBen: Fine.').id;
  r.queue.enqueue(p);
  await r.queue.whenIdle(p);
  let v = r.timeline.view(p);
  const ben = v.clips[1]!;
  let rev = r.timeline.edit(p, v.revision, { type: 'move', lineId: ben.lineId, startSample: 48_000 }).revision;
  rev = r.timeline.edit(p, rev, { type: 'trim', lineId: ben.lineId, startSamples: 240, endSamples: 0, startSample: 48_240 }).revision;
  v = r.timeline.view(p);
  const trimmed = v.clips[1]!;
  expect([trimmed.startSample, trimmed.trimStartSamples, trimmed.samples]).toEqual([48_240, 240, ben.samples - 240]);

  rev = r.timeline.undo(p, rev).revision;
  const undone = r.timeline.view(p).clips[1]!;
  expect([undone.startSample, undone.trimStartSamples, undone.samples]).toEqual([48_000, 0, ben.samples]);

  r.timeline.redo(p, rev);
  const redone = r.timeline.view(p).clips[1]!;
  expect([redone.startSample, redone.trimStartSamples]).toEqual([48_240, 240]);
});

it('a trim without startSample leaves the start alone', async () => {
  const r = makeRig();
  rigs.push(r);
  const p = r.library.projects.createProject('Scene', 'Ana: Hello there.').id;
  r.queue.enqueue(p);
  await r.queue.whenIdle(p);
  const v = r.timeline.view(p);
  const c = v.clips[0]!;
  r.timeline.edit(p, v.revision, { type: 'trim', lineId: c.lineId, startSamples: 0, endSamples: 480 });
  const after = r.timeline.view(p).clips[0]!;
  expect([after.startSample, after.trimEndSamples, after.samples]).toEqual([c.startSample, 480, c.samples - 480]);
});
