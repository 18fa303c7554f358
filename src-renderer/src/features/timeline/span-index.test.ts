import { describe, expect, it } from 'vitest';
import { indexSpans, spansIn, spansInPx } from './span-index';

const SR = 24_000;

describe('span index', () => {
  it('finds the same clips as a scan, for overlapping clips of any length', () => {
    // A seeded walk: clips overlap, nest, and one long clip spans most of the lane.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const clips = Array.from({ length: 600 }, (_, id) => ({ id, startSample: Math.floor(rnd() * 1_000 * SR), samples: Math.floor(1 + rnd() * 5 * SR) }));
    clips.push({ id: 600, startSample: 10 * SR, samples: 900 * SR });
    const index = indexSpans(clips);
    for (let k = 0; k < 200; k++) {
      const a = Math.floor(rnd() * 1_010 * SR);
      const b = a + Math.floor(rnd() * 40 * SR);
      const want = clips.filter((c) => c.startSample < b && c.startSample + c.samples > a).map((c) => c.id).sort((x, y) => x - y);
      expect(spansIn(index, a, b).map((c) => c.id).sort((x, y) => x - y)).toEqual(want);
    }
  });

  it('works in pixels at a zoom; a clip that only touches the window is out', () => {
    const clips = [0, 1, 2, 3, 4].map((i) => ({ id: i, startSample: i * SR, samples: SR / 2 }));
    const index = indexSpans(clips);
    // 100 px/s: clip i spans [100i, 100i + 50) px.
    expect(spansInPx(index, 50, 100, 100).map((c) => c.id)).toEqual([]);
    expect(spansInPx(index, 0, 50, 100).map((c) => c.id)).toEqual([0]);
    expect(spansInPx(index, 49, 101, 100).map((c) => c.id)).toEqual([0, 1]);
    expect(spansInPx(index, 450, 10_000, 100).map((c) => c.id)).toEqual([]);
  });

  it('handles an empty lane and a window past the end', () => {
    expect(spansIn(indexSpans([]), 0, 100)).toEqual([]);
    expect(spansIn(indexSpans([{ startSample: 0, samples: 10 }]), 10, 20)).toEqual([]);
  });
});
