import { describe, expect, it } from 'vitest';
import { parseScript } from '../script/parse';
import { chapterSpans } from './chapters';

const SR = 24_000;
const clip = (startSec: number, sec: number) => ({ startSample: startSec * SR, samples: sec * SR });

describe('chapterSpans', () => {
  it('spans each chapter from its first clip to the end of its last, with the markers inside', () => {
    const { chapters } = parseScript('Intro.\n## One\nAna: a\nBen: b\n## Empty\n## Two\nAna: c');
    const clips = [clip(0, 2), clip(3, 2), clip(6, 3), clip(10, 4)];
    const markers = [{ id: 1, atMs: 500 }, { id: 2, atMs: 4000 }, { id: 3, atMs: 10_000 }, { id: 4, atMs: 20_000 }];
    expect(chapterSpans(chapters, clips, markers, SR)).toEqual([
      { title: 'One', firstLine: 1, lineCount: 2, startSample: 3 * SR, endSample: 9 * SR, markerIds: [2] },
      { title: 'Empty', firstLine: 3, lineCount: 0, startSample: 10 * SR, endSample: 10 * SR, markerIds: [] },
      { title: 'Two', firstLine: 3, lineCount: 1, startSample: 10 * SR, endSample: 14 * SR, markerIds: [3, 4] },
    ]);
  });

  it('follows clips that were moved out of order', () => {
    const { chapters } = parseScript('## A\nx: 1\ny: 2');
    expect(chapterSpans(chapters, [clip(5, 1), clip(1, 1)], [], SR)[0]).toMatchObject({ startSample: 1 * SR, endSample: 6 * SR });
  });

  it('puts trailing empty chapters at the end of the program', () => {
    const { chapters } = parseScript('a: 1\n## Last');
    expect(chapterSpans(chapters, [clip(0, 3)], [], SR)).toEqual([{ title: 'Last', firstLine: 1, lineCount: 0, startSample: 3 * SR, endSample: 3 * SR, markerIds: [] }]);
  });
});
