import { describe, expect, it } from 'vitest';
import { joinTokens, splitText } from './text-tokens';

const show = (text: string): string[] => splitText(text).map((t) => `${t.kind === 'word' ? 'w' : 'p'}:${t.text}${t.spaceAfter ? '_' : ''}`);

describe('splitText', () => {
  it('splits words and keeps the punctuation Kokoro has', () => {
    expect(show('Hello, world! (Yes) — no; ok: fine… "x"')).toEqual([
      'w:Hello', 'p:,_', 'w:world', 'p:!_', 'p:(', 'w:Yes', 'p:)_', 'p:—_', 'w:no', 'p:;_', 'w:ok', 'p::_', 'w:fine', 'p:…_', 'p:“', 'w:x', 'p:”',
    ]);
  });

  it('keeps apostrophes, hyphens and dotted initials inside words', () => {
    expect(show("don't well-known U.S.A. dogs' l'école")).toEqual(["w:don't_", 'w:well-known_', 'w:U.S.A._', "w:dogs'_", "w:l'école"]);
  });

  it('maps other marks onto Kokoro symbols', () => {
    expect(show('«a» – b [c] d। e')).toEqual(['p:“', 'w:a', 'p:”_', 'p:—_', 'w:b_', 'p:(', 'w:c', 'p:)_', 'w:d', 'p:._', 'w:e']);
    expect(show('a -- b - c...')).toEqual(['w:a_', 'p:—_', 'w:b_', 'p:—_', 'w:c', 'p:...']);
  });

  it('drops marks it cannot voice but keeps them as word breaks', () => {
    expect(show('and/or ¿qué? #tag')).toEqual(['w:and_', 'w:or_', 'w:qué', 'p:?_', 'w:tag']);
  });

  it('turns curly and straight quotes into opening and closing quotes, keeping an elision apostrophe visible', () => {
    expect(show('‘hi’ he said')).toEqual(["p:'", 'w:hi', 'p:”_', 'w:he_', 'w:said']);
    expect(show("'cause")).toEqual(["p:'", 'w:cause']);
  });
});

describe('joinTokens', () => {
  it('spaces as the text did, never at the ends, and skips silent tokens', () => {
    expect(joinTokens([{ phonemes: 'a', spaceAfter: false }, { phonemes: ',', spaceAfter: true }, { phonemes: '', spaceAfter: true }, { phonemes: 'b', spaceAfter: true }])).toBe('a, b');
  });
});
