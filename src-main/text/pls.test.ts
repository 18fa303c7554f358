import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/db';
import { misakiToIpa, readPls, writePls } from './pls';

const PLS = `<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>Koe</grapheme><phoneme>ˈkoʊ.eɪ</phoneme></lexeme>
  <lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme>
  <lexeme><grapheme>tomato</grapheme><grapheme>tomatoes</grapheme><phoneme>təˈmeɪtoʊ</phoneme><phoneme>təˈmɑːtəʊ</phoneme></lexeme>
  <lexeme><grapheme>xs</grapheme><phoneme alphabet="x-sampa">"koU</phoneme></lexeme>
  <lexeme><grapheme>bad</grapheme><phoneme>kØ</phoneme></lexeme>
  <lexeme><phoneme>nɒt</phoneme></lexeme>
</lexicon>`;

describe('PLS lexicons', () => {
  it('reads graphemes with IPA phonemes (moved onto Kokoro symbols) or aliases, and says what it skipped', () => {
    const r = readPls(PLS, 'names.pls');
    expect(r.language).toBe('en-us');
    expect(r.entries).toEqual([
      { word: 'Koe', phonemes: 'ˈkOA' },
      { word: 'W3C', respelling: 'World Wide Web Consortium' },
      { word: 'tomato', phonemes: 'təˈmAtO' },
      { word: 'tomatoes', phonemes: 'təˈmAtO' },
    ]);
    expect(r.skipped).toBe(3);
    expect(r.problems[0]).toBe('line 6: “xs” uses the alphabet “x-sampa”; only IPA can be imported');
    expect(r.problems[1]).toMatch(/^line 7: “bad”: Kokoro has no symbol for “Ø”/);
    expect(r.problems[2]).toBe('line 8: a lexeme without a grapheme');
  });

  it('refuses a malformed file with the place, and XML that is not PLS', () => {
    expect(() => readPls('<lexicon><lexeme><grapheme>a</lexeme></lexicon>', 'x.pls')).toThrow(/x\.pls is not a well-formed PLS file \(line 1, column \d+: .+\)\. Nothing was imported\./);
    expect(() => readPls('<speak>hi</speak>', 'y.pls')).toThrow('y.pls is XML but not a PLS lexicon: its root element is <speak>, not <lexicon>. Nothing was imported.');
  });

  it('writes PLS that reads back the same, misaki symbols as IPA', () => {
    const entries = [{ word: 'Koe', phonemes: 'kˈOA' }, { word: 'R&D', respelling: 'R and D' }];
    const xml = writePls(entries, 'en');
    expect(xml).toContain('<phoneme>kˈoʊeɪ</phoneme>');
    expect(xml).toContain('<grapheme>R&amp;D</grapheme>');
    expect(readPls(xml, 'out.pls').entries).toEqual(entries);
    expect(misakiToIpa('ʤˈʌʤ ˈWt')).toBe('dʒˈʌdʒ ˈaʊt');
  });

  describe('into the library', () => {
    let lib: Library;
    beforeEach(() => {
      lib = openLibrary(':memory:');
    });
    afterEach(() => lib.close());

    it('imports 100,000 entries in one transaction, replacing words already there', () => {
      lib.pronunciations.set({ scope: 'global', language: 'en', word: 'word7', respelling: 'old' });
      const lexemes = Array.from({ length: 100_000 }, (_, i) => `<lexeme><grapheme>word${i}</grapheme><phoneme>wˈɜɹd</phoneme></lexeme>`).join('\n');
      const r = readPls(`<lexicon version="1.0" alphabet="ipa" xml:lang="en">${lexemes}</lexicon>`, 'big.pls');
      expect(r.entries).toHaveLength(100_000);
      expect(lib.pronunciations.importMany('global', null, 'en', r.entries)).toEqual({ added: 99_999, replaced: 1 });
      expect(lib.pronunciations.list(null)).toHaveLength(100_000);
      expect(lib.pronunciations.list(null).find((p) => p.word === 'word7')).toMatchObject({ phonemes: 'wˈɜɹd', respelling: null });
    }, 60_000);

    it('changes nothing when the project is gone', () => {
      expect(() => lib.pronunciations.importMany('project', 'nope', 'en', [{ word: 'a', respelling: 'b' }])).toThrow('That project no longer exists, so nothing was imported.');
      expect(lib.pronunciations.list(null)).toEqual([]);
    });
  });
});
