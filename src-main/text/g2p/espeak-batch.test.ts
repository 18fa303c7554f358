import { describe, expect, it } from 'vitest';
import { EspeakBatcher } from './espeak-batch';
import type { EspeakIpa } from './types';

/** A stand-in espeak: one line per blank-line-separated piece, the piece reversed; records calls. */
function fakeEspeak(opts: { split?: (piece: string) => string[] } = {}): EspeakIpa & { calls: { text: string; voice: string; tie?: string }[] } {
  const calls: { text: string; voice: string; tie?: string }[] = [];
  return {
    calls,
    async ipa(text, voice, o) {
      calls.push({ text, voice, tie: o?.tie });
      await new Promise((r) => setTimeout(r, 1));
      return text
        .split('\n\n')
        .flatMap((p) => opts.split?.(p) ?? [[...p].reverse().join('')])
        .join('\n');
    },
  };
}

describe('EspeakBatcher', () => {
  it('asks espeak once for all pieces, with ties, and splits the answer back', async () => {
    const espeak = fakeEspeak();
    const b = new EspeakBatcher(espeak);
    const r = await b.ipa(['abc', 'de', 'abc'], 'en-us');
    expect(espeak.calls).toEqual([{ text: 'abc\n\nde', voice: 'en-us', tie: '^' }]);
    expect([...r]).toEqual([['abc', 'cba'], ['de', 'ed']]);
  });

  it('serves repeats from its cache', async () => {
    const espeak = fakeEspeak();
    const b = new EspeakBatcher(espeak);
    await b.ipa(['abc'], 'en-us');
    const r = await b.ipa(['abc', 'xy'], 'en-us');
    expect(espeak.calls.map((c) => c.text)).toEqual(['abc', 'xy']);
    expect(r.get('abc')).toBe('cba');
    // The cache is per voice.
    await b.ipa(['abc'], 'en-gb');
    expect(espeak.calls).toHaveLength(3);
  });

  it('merges concurrent callers into one run and never runs two at once', async () => {
    let running = 0;
    let most = 0;
    const espeak = fakeEspeak();
    const inner = espeak.ipa.bind(espeak);
    espeak.ipa = async (t, v, o) => {
      most = Math.max(most, ++running);
      try {
        return await inner(t, v, o);
      } finally {
        running--;
      }
    };
    const b = new EspeakBatcher(espeak);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => b.ipa([`w${i}`, 'shared'], 'en-us')));
    expect(espeak.calls).toHaveLength(1);
    expect(most).toBe(1);
    expect(results[7]!.get('w7')).toBe('7w');
    expect(results[9]!.get('shared')).toBe('derahs');
  });

  it('halves a batch whose line count disagrees until each piece is matched', async () => {
    // espeak splits "a.b" into two clauses (two lines), which would shift every later answer.
    const espeak = fakeEspeak({ split: (p) => (p === 'a.b' ? ['A', 'B'] : [p.toUpperCase()]) });
    const b = new EspeakBatcher(espeak);
    const r = await b.ipa(['x', 'a.b', 'y', 'z'], 'en-us');
    expect(Object.fromEntries(r)).toEqual({ x: 'X', 'a.b': 'A B', y: 'Y', z: 'Z' });
    expect(espeak.calls.length).toBeGreaterThan(1);
  });

  it('answers correctly for batches larger than its cache', async () => {
    const b = new EspeakBatcher(fakeEspeak());
    const words = Array.from({ length: 6000 }, (_, i) => `w${i}`);
    const r = await b.ipa(words, 'en-us');
    expect(r.get('w0')).toBe('0w');
    expect(r.get('w5999')).toBe('9995w');
  });

  it('stops waiting when its signal aborts and passes espeak failures on', async () => {
    const b = new EspeakBatcher(fakeEspeak());
    const ac = new AbortController();
    const p = b.ipa(['slow'], 'en-us', ac.signal);
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });

    const broken = new EspeakBatcher({ ipa: () => Promise.reject(new Error('wasm gone')) });
    await expect(broken.ipa(['x'], 'en-us')).rejects.toThrow('wasm gone');
    // A failed run does not wedge the queue.
    await expect(broken.ipa(['y'], 'en-us')).rejects.toThrow('wasm gone');
  });
});
