import { describe, expect, it } from 'vitest';
import { countTokens, KOKORO_VOCAB, MAX_PHONEME_TOKENS, tokenize } from './vocab';

describe('Kokoro vocabulary', () => {
  it('has the 114 symbols of config.json, ids 1–177, no id twice', () => {
    expect(KOKORO_VOCAB.size).toBe(114);
    const ids = [...KOKORO_VOCAB.values()];
    expect(new Set(ids).size).toBe(114);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(177);
    expect(MAX_PHONEME_TOKENS).toBe(510);
  });

  it('maps symbols to the ids in the ENGINES 1.4 table', () => {
    const expected: [string, number][] = [
      [';', 1], [':', 2], [',', 3], ['.', 4], ['!', 5], ['?', 6], ['—', 9], ['…', 10], ['"', 11], ['(', 12], [')', 13],
      ['“', 14], ['”', 15], [' ', 16], ['\u0303', 17], ['ʣ', 18], ['ʥ', 19], ['ʦ', 20], ['ʨ', 21], ['ᵝ', 22], ['ꭧ', 23],
      ['A', 24], ['I', 25], ['O', 31], ['Q', 33], ['S', 35], ['T', 36], ['W', 39], ['Y', 41], ['ᵊ', 42], ['a', 43], ['z', 68],
      ['ɑ', 69], ['ɐ', 70], ['ɒ', 71], ['æ', 72], ['β', 75], ['ɔ', 76], ['ç', 78], ['ð', 81], ['ʤ', 82], ['ə', 83], ['ɚ', 85],
      ['ɛ', 86], ['ɜ', 87], ['ɟ', 90], ['ɡ', 92], ['ɥ', 99], ['ɨ', 101], ['ɪ', 102], ['ŋ', 112], ['θ', 119], ['ɹ', 123],
      ['ɾ', 125], ['ʃ', 131], ['ʧ', 133], ['ʊ', 135], ['ʌ', 138], ['ʒ', 147], ['ʔ', 148], ['ˈ', 156], ['ˌ', 157], ['ː', 158],
      ['ʰ', 162], ['ʲ', 164], ['↓', 169], ['→', 171], ['↗', 172], ['↘', 173], ['ᵻ', 177],
    ];
    for (const [symbol, id] of expected) expect(KOKORO_VOCAB.get(symbol), symbol).toBe(id);
  });

  it('tokenizes a misaki string symbol by symbol', () => {
    expect(tokenize('həlˈO, wˈɜɹld!')).toEqual({ ids: [50, 83, 54, 156, 31, 3, 16, 65, 156, 87, 123, 54, 46, 5], dropped: [] });
  });

  it('keeps hard g ɡ (U+0261) and drops ASCII g, reporting it', () => {
    expect(tokenize('ɡ')).toEqual({ ids: [92], dropped: [] });
    expect(tokenize('gˈO')).toEqual({ ids: [156, 31], dropped: ['g'] });
  });

  it('reads the capital diphthong symbols as their own ids, and refuses other capitals', () => {
    expect(tokenize('AIOQWYST').ids).toEqual([24, 25, 31, 33, 39, 41, 35, 36]);
    expect(tokenize('EU').dropped).toEqual(['E', 'U']);
  });

  it('drops unknown symbols once each, in order of appearance, and counts the rest', () => {
    const r = tokenize('a\u200db\u0361c\u200d 1');
    expect(r.ids).toEqual([43, 44, 45, 16]);
    expect(r.dropped).toEqual(['\u200d', '\u0361', '1']);
    expect(countTokens('a\u200db\u0361c\u200d 1')).toBe(4);
  });
});
