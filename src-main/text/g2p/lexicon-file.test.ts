import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { devLexicons, misakiDir } from '../../../test-support/text/misaki';
import { readLexiconTable } from './lexicon-file';

const asObject = (text: string): Record<string, unknown> => {
  const t = readLexiconTable(text);
  return Object.fromEntries([...t.keys()].map((k) => [k, t.get(k)]));
};

const SAMPLE = {
  "'cause": 'kˈʌz',
  AA: { DEFAULT: 'ˈɑˌɑ', NOUN: null },
  'say "hi"': 'sˈA hˈI',
  'back\\slash': 'bˈæk',
  read: { DEFAULT: 'ɹˈid', VBD: 'ɹˈɛd' },
  zebra: 'zˈibɹə',
};

describe('readLexiconTable', () => {
  it('indexes a pretty-printed file to exactly what JSON.parse gives, heteronyms and escapes included', () => {
    const text = JSON.stringify(SAMPLE, null, 2);
    expect(asObject(text)).toEqual(SAMPLE);
    expect(readLexiconTable(text).size).toBe(6);
    expect(readLexiconTable(text).get('missing')).toBeUndefined();
    // Keys are never looked up through the prototype chain.
    expect(readLexiconTable(text).get('constructor')).toBeUndefined();
  });

  it('does not parse the whole text when the layout is one entry per line', () => {
    const pretty = JSON.stringify(SAMPLE, null, 2);
    const minified = JSON.stringify(SAMPLE);
    const spy = vi.spyOn(JSON, 'parse');
    try {
      readLexiconTable(pretty);
      expect(spy.mock.calls.some((c) => c[0] === pretty)).toBe(false);
      readLexiconTable(minified);
      expect(spy.mock.calls.some((c) => c[0] === minified)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('falls back to JSON.parse for any other layout', () => {
    expect(asObject(JSON.stringify(SAMPLE))).toEqual(SAMPLE);
    expect(asObject(JSON.stringify(SAMPLE, null, 4))).toEqual(SAMPLE);
    expect(asObject(JSON.stringify(SAMPLE, null, '\t'))).toEqual(SAMPLE);
  });

  it('refuses a damaged file', () => {
    const text = JSON.stringify(SAMPLE, null, 2);
    expect(() => readLexiconTable(text.slice(0, text.length / 2))).toThrow(SyntaxError);
    expect(() => readLexiconTable('[1, 2]')).toThrow(SyntaxError);
  });
});

const files = devLexicons();
describe.skipIf(!files)(`readLexiconTable on misaki's files${files ? '' : ` (skipped: lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`}`, () => {
  it('agrees with JSON.parse on every entry of all four files', () => {
    for (const path of Object.values(files!)) {
      const text = readFileSync(path, 'utf8');
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const table = readLexiconTable(text);
      expect(table.size, path).toBe(Object.keys(parsed).length);
      for (const [k, v] of Object.entries(parsed)) {
        const got = table.get(k);
        if (typeof v === 'string' ? got !== v : JSON.stringify(got) !== JSON.stringify(v)) expect(got, `${path}: ${k}`).toEqual(v);
      }
    }
  });
});
