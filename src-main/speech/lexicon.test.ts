import { describe, expect, it } from 'vitest';
import { cacheKey } from './speech-service';
import { applyLexicon } from './lexicon';

describe('applyLexicon', () => {
  it('substitutes respellings as whole words only, any case', () => {
    const r = applyLexicon('Koe Studio is not Koenig; koe again.', [[{ word: 'Koe', respelling: 'KOH-eh' }]]);
    expect(r.text).toBe('koh-eh Studio is not Koenig; koh-eh again.');
    expect(r.lexicon).toEqual([]);
  });

  it('keeps only phoneme entries whose word is in the chunk, higher priority first and winning', () => {
    const project = [{ word: 'tomato', phonemes: 'A' }, { word: 'absent', phonemes: 'B' }];
    const global = [{ word: 'Tomato', phonemes: 'C' }, { word: 'potato', phonemes: 'D' }];
    const r = applyLexicon('A tomato and a potato.', [project, global]);
    expect(r.lexicon).toEqual([[{ word: 'tomato', phonemes: 'A' }], [{ word: 'potato', phonemes: 'D' }]]);
  });

  it('handles words with regex characters and non-Latin letters', () => {
    expect(applyLexicon('Meet C.J. today', [[{ word: 'C.J.', respelling: 'see jay' }]]).text).toBe('Meet see jay today');
    expect(applyLexicon('Ich heiße Jürgen.', [[{ word: 'Jürgen', respelling: 'yur-gen' }]]).text).toBe('Ich heiße yur-gen.');
  });

  it('changes the cache key only when an entry touches the text', () => {
    const params = { speed: 1, pitch: 50 };
    const plain = cacheKey('kokoro', 'v1', 'kokoro:af_heart', 'hello', params);
    expect(cacheKey('kokoro', 'v1', 'kokoro:af_heart', 'hello', params, [])).toBe(plain);
    const a = cacheKey('kokoro', 'v1', 'kokoro:af_heart', 'hello', params, [[{ word: 'hello', phonemes: 'həlˈO' }]]);
    const b = cacheKey('kokoro', 'v1', 'kokoro:af_heart', 'hello', params, [[{ word: 'hello', phonemes: 'hɛlˈO' }]]);
    expect(new Set([plain, a, b]).size).toBe(3);
  });
});
