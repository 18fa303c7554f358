// The audio cache and a line's context ("Continue from the previous line"): the key includes a
// digest of the context the engine reads, so another context misses and the same one hits; without
// a context, or on an engine that cannot continue from one, the key is exactly what it was before
// contexts existed, so every cache entry made before still hits.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ContinuingEngine, CountingEngine, makeRig, type Rig } from '../../test-support/timeline';
import { cacheKey } from './speech-service';

let rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs) r.library.close();
  rigs = [];
});

const params = { speed: 1, pitch: 50 };
const level = (v: number) => new Float32Array(24_000).fill(v);

async function say(r: Rig, voiceId: string, context?: Float32Array): Promise<Float32Array> {
  return r.speech.render({ text: 'And then we left.', voiceId, params, ...(context ? { context } : {}) });
}

describe('cache keys with a context', () => {
  it('are unchanged without one: the key made before contexts existed', () => {
    const before = createHash('sha256').update(JSON.stringify(['pocket', 'v1', 'pocket:clone-abc', 'Hello.', 1, 50])).digest('hex');
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc', 'Hello.', params)).toBe(before);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc', 'Hello.', params, [], {})).toBe(before);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc', 'Hello.', params, [], { context: 'abc' })).not.toBe(before);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc', 'Hello.', params, [], { context: 'abd' })).not.toBe(cacheKey('pocket', 'v1', 'pocket:clone-abc', 'Hello.', params, [], { context: 'abc' }));
  });

  it('hit for the same context, miss for another, and the engine gets only the end it reads', async () => {
    const ctx = new ContinuingEngine();
    const r = makeRig(':memory:', 1, { engines: [ctx] });
    rigs.push(r);
    const plain = await say(r, 'ctx:a');
    const withA = await say(r, 'ctx:a', level(0.4));
    expect(ctx.calls).toBe(2);
    expect(withA).not.toEqual(plain);
    expect(ctx.contexts.get('And then we left.')!.length).toBe(2400); // its 0.1 s
    expect(await say(r, 'ctx:a', level(0.4))).toEqual(withA);
    expect(await say(r, 'ctx:a')).toEqual(plain);
    expect(ctx.calls).toBe(2);
    // Only the end it reads counts: a context that differs before its last 0.1 s is the same context.
    const longer = new Float32Array(48_000).fill(0.9);
    longer.fill(0.4, 24_000);
    expect(await say(r, 'ctx:a', longer)).toEqual(withA);
    expect(ctx.calls).toBe(2);
    await say(r, 'ctx:a', level(0.2));
    expect(ctx.calls).toBe(3);
  });

  it('are ignored by an engine that cannot continue: the cached audio without context is served', async () => {
    const count = new CountingEngine();
    const r = makeRig(':memory:', 1, { engines: [count] });
    rigs.push(r);
    const plain = await say(r, 'count:a');
    expect(count.calls).toBe(1);
    expect(await say(r, 'count:a', level(0.4))).toEqual(plain);
    expect(count.calls).toBe(1);
  });
});
