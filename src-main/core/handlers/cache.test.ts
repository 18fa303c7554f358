// The audio cache as Settings drive it, through the dispatcher on a real Core: a render lands in the
// cache, a smaller cap from settings.set evicts at once, cache.clear empties it, and a bad cap is
// refused without changing anything.
import { describe, expect, it } from 'vitest';
import { useTestCore } from '../../../test-support/core';

const t = useTestCore('koe-cache-core');
const call = (name: string, args: unknown) => t.call(name, args) as Promise<Record<string, number>>;

describe('audio cache calls', () => {
  it('reports, caps from Settings and clears', async () => {
    expect(await call('cache.stats', {})).toMatchObject({ entries: 0, bytes: 0, maxBytes: 1024 * 1024 * 1024 });
    for (const text of ['The first line.', 'A second, longer line of speech.']) await t.core.speech.render({ text, voiceId: 'espeak:en-us', params: { speed: 1, pitch: 50 } });
    const filled = await call('cache.stats', {});
    expect(filled.entries).toBe(2);
    expect(filled.bytes).toBeGreaterThan(2 * 24_000); // two lines of float32 speech, each well over half a second

    await expect(call('settings.set', { audioCacheMaxMB: 1 })).rejects.toMatchObject({ code: 'invalid_args' });
    expect((await call('cache.stats', {})).entries).toBe(2);

    await call('settings.set', { audioCacheMaxMB: 64 });
    expect(await call('cache.stats', {})).toMatchObject({ entries: 2, maxBytes: 64 * 1024 * 1024 });

    expect(await call('cache.clear', {})).toEqual({ entries: 2, freedBytes: filled.bytes });
    expect(await call('cache.stats', {})).toMatchObject({ entries: 0, bytes: 0 });
  });
});
