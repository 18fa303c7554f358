// The exchange settings on a real timeline: a blank line or a chapter heading in the script opens a
// new topic and waits the topic gap longer; an answer follows a question after the question gap;
// each setting is one undoable edit, and the clips move sample for sample.
import { afterEach, describe, expect, it } from 'vitest';
import { makeRig, type Rig } from '../../test-support/timeline';
import { DEFAULT_LAYOUT, msToSamples } from './layout';

let rig: Rig | null = null;
afterEach(() => rig?.library.close());

const SCRIPT = 'Ana: Did you hear the storm coming in from the sea?\nBen: I heard it all night long and I could not sleep.\n\n## Morning\nAna: The harbour was quiet again when we walked down.';

describe('exchange gaps on the timeline', () => {
  it('places a new project by the defaults: question gap after a question, topic gap after a heading', () => {
    rig = makeRig();
    const id = rig.library.projects.createProject('P', SCRIPT).id;
    const v = rig.timeline.view(id);
    expect(v.options).toMatchObject({ questionGapMs: DEFAULT_LAYOUT.questionGapMs, topicGapMs: DEFAULT_LAYOUT.topicGapMs, cutInMs: 300, overPercent: 40 });
    const gap = (i: number) => v.clips[i]!.startSample - (v.clips[i - 1]!.startSample + v.clips[i - 1]!.samples);
    expect(gap(1)).toBe(msToSamples(DEFAULT_LAYOUT.questionGapMs));
    expect(gap(2)).toBe(msToSamples(v.options.baseGapMs + DEFAULT_LAYOUT.topicGapMs));
  });

  it('moves the clips when a setting changes, and undo puts them back', () => {
    rig = makeRig();
    const r = rig;
    const id = r.library.projects.createProject('P', SCRIPT).id;
    const before = r.timeline.view(id);
    r.timeline.edit(id, before.revision, { type: 'setGap', questionMs: 40, topicMs: 2000 });
    const after = r.timeline.view(id);
    expect(after.options).toMatchObject({ questionGapMs: 40, topicGapMs: 2000 });
    const starts = (v: typeof after) => v.clips.map((c) => c.startSample);
    const ends = (v: typeof after, i: number) => v.clips[i]!.startSample + v.clips[i]!.samples;
    expect(starts(after)[1]).toBe(ends(after, 0) + msToSamples(40));
    expect(starts(after)[2]).toBe(ends(after, 1) + msToSamples(before.options.baseGapMs + 2000));
    r.timeline.undo(id, after.revision);
    expect(starts(r.timeline.view(id))).toEqual(starts(before));
    expect(r.timeline.view(id).options).toEqual(before.options);
  });

  it('places cut-ins and [over] lines by the project settings', () => {
    rig = makeRig();
    const r = rig;
    const id = r.library.projects.createProject('P', 'Ana: I was just about to tell you that the --\nBen: No time for that now, come on.\nAna: I said the weather will turn soon enough.\nBen: [over] Mm-hm.').id;
    const v = r.timeline.view(id);
    r.timeline.edit(id, v.revision, { type: 'setGap', cutInMs: 500, overPercent: 75 });
    const c = r.timeline.view(id).clips;
    expect(c[1]!.startSample).toBe(c[0]!.startSample + c[0]!.samples - msToSamples(500));
    expect(c[3]!.startSample).toBe(c[2]!.startSample + Math.round(c[2]!.samples * 0.75));
  });
});
