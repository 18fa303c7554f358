// Peaks of takes: the min/max per bucket match the PCM, silence stays flat, a quiet sound still
// shows, the cache reads a take's PCM once and respects its byte cap, and a batch for a project
// skips lines it cannot answer for instead of failing.
import { afterEach, describe, expect, it } from 'vitest';
import { computePeaks, PEAK_SAMPLES, PeakCache, selectedTakePeaks } from './peaks';
import { makeRig, type Rig } from '../../test-support/timeline';

let rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});

describe('computePeaks', () => {
  it('gives [min, max] per bucket scaled to ±127, with a short last bucket', () => {
    const pcm = new Float32Array(PEAK_SAMPLES * 2 + 10);
    pcm[3] = 0.5;
    pcm[7] = -1;
    pcm[PEAK_SAMPLES + 1] = 2; // clipped
    pcm[PEAK_SAMPLES * 2 + 5] = -0.25;
    expect(Array.from(computePeaks(pcm))).toEqual([-127, 64, 0, 127, -32, 0]);
  });

  it('keeps silence flat and a very quiet sound visible', () => {
    expect(Array.from(computePeaks(new Float32Array(PEAK_SAMPLES)))).toEqual([0, 0]);
    expect(Array.from(computePeaks(new Float32Array(PEAK_SAMPLES).fill(0.001)))).toEqual([1, 1]);
  });
});

describe('PeakCache', () => {
  it('reads PCM once per take and evicts the least recently used past its cap', () => {
    const cache = new PeakCache(2 * 2 * 100); // room for two takes of 100 buckets (2 bytes each)
    let loads = 0;
    const load = () => (loads++, new Float32Array(PEAK_SAMPLES * 100).fill(0.5));
    const a = { id: 1, samples: 8000, createdAt: 't' };
    const b = { id: 2, samples: 8000, createdAt: 't' };
    const c = { id: 3, samples: 8000, createdAt: 't' };
    cache.get(a, load);
    cache.get(a, load);
    expect(loads).toBe(1);
    cache.get(b, load);
    cache.get(a, load); // a is now the most recent
    cache.get(c, load); // evicts b
    expect(cache.size).toBe(2);
    cache.get(a, load);
    expect(loads).toBe(3);
    cache.get(b, load);
    expect(loads).toBe(4);
  });

  it('does not cache a take without audio', () => {
    const cache = new PeakCache();
    expect(cache.get({ id: 9, samples: 10, createdAt: 't' }, () => null)).toBeNull();
    expect(cache.size).toBe(0);
  });
});

describe('selectedTakePeaks', () => {
  it("answers for rendered lines of the project only, from each line's selected take", async () => {
    const r = makeRig();
    rigs.push(r);
    const p = r.library.projects.createProject('Scene', 'Ana: Hello there.\nBen: Hi.').id;
    const other = r.library.projects.createProject('Other', 'Cy: Elsewhere.').id;
    const [first, second] = r.timeline.view(p).clips;
    const otherLine = r.timeline.view(other).clips[0]!.lineId;
    r.queue.enqueue(p, [first!.lineId]);
    await r.queue.whenIdle(p);
    const cache = new PeakCache();
    const got = selectedTakePeaks(r.timeline.repo, cache, p, [first!.lineId, second!.lineId, otherLine, 999_999, first!.lineId]);
    expect(got.map((g) => g.lineId)).toEqual([first!.lineId]);
    const take = r.timeline.takes(p, first!.lineId)[0]!;
    expect(got[0]!.takeId).toBe(take.id);
    expect(got[0]!.samples).toBe(take.samples);
    expect(got[0]!.peaks.length).toBe(2 * Math.ceil(take.samples / PEAK_SAMPLES));
    // The counting engine renders a constant 0.1 (voice a).
    expect(got[0]!.peaks[1]).toBe(13);
  });
});
