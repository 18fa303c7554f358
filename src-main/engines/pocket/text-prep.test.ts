// Prompt preparation and chunking on the fixture tokenizer: the reference runtime's tidying rules,
// cuts after sentence ends but not inside numbers, long sentences cut at commas, greedy regrouping
// under the token budget.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePocketAssets } from './assets';
import type { PocketConfig } from './config';
import { SentencePieceTokenizer } from './sentencepiece';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { chunkForPocket, preparePrompt, wordCount } from './text-prep';

let tok: SentencePieceTokenizer;
let config: PocketConfig;
beforeAll(() => {
  const assets = parsePocketAssets(readFileSync(pocketFixtures().assets, 'utf8'));
  tok = SentencePieceTokenizer.fromBytes(assets.tokenizer);
  config = assets.config;
});

describe('prompt preparation', () => {
  const plain = { removeSemicolons: false, padWithSpacesForShortInputs: false };
  it('capitalises, ends with a period, tidies whitespace and turns blank lines into sentence breaks', () => {
    expect(preparePrompt('  hello   world ', plain)).toBe('Hello world.');
    expect(preparePrompt('first line\nstill first\n\nsecond paragraph', plain)).toBe('First line still first. second paragraph.'); // only the first character, as the reference does
    expect(preparePrompt('Already done!', plain)).toBe('Already done!');
    expect(preparePrompt('   ', plain)).toBe('');
  });

  it('applies the config switches: semicolons to commas, padding for short prompts', () => {
    expect(preparePrompt('one; two', { ...plain, removeSemicolons: true })).toBe('One, two.');
    expect(preparePrompt('hi there', { ...plain, padWithSpacesForShortInputs: true })).toBe('        Hi there.');
    expect(preparePrompt('one two three four five six', { ...plain, padWithSpacesForShortInputs: true })).toBe('One two three four five six.');
    expect(wordCount('        Hi there, you.')).toBe(3);
  });
});

describe('chunking by tokens', () => {
  it('keeps a short text whole', () => {
    const chunks = chunkForPocket('hello world', tok, config);
    expect(chunks).toEqual([{ text: 'Hello world.', ids: tok.encode('Hello world.'), words: 2 }]);
  });

  it('cuts after sentence ends, never between the digits of a number, and keeps every chunk within budget', () => {
    const text = 'The value is 3.14 today. Is this the one? Yes! ' + 'This sentence is long enough to need a chunk of its own because of all the letters in it. '.repeat(2);
    const real = chunkForPocket(text, tok, { ...config, maxTokensPerChunk: 40 });
    expect(real.length).toBeGreaterThan(2);
    for (const c of real) expect(c.ids.length).toBeLessThanOrEqual(44); // re-preparation may add a period
    expect(real.map((c) => c.text).join(' ')).toContain('3.14');
    expect(real.some((c) => c.text.endsWith('3.') || c.text.startsWith('14'))).toBe(false);
    expect(real[0]!.text.startsWith('The value is 3.14 today.')).toBe(true);
  });

  it('cuts a sentence over the budget at commas, and a comma-less one at word starts', () => {
    const commas = 'one two three, the voice speaks to you, and it is my voice, and this is the studio';
    const byComma = chunkForPocket(commas, tok, { ...config, maxTokensPerChunk: 20 });
    expect(byComma.length).toBeGreaterThan(1);
    expect(byComma[0]!.text).toMatch(/,$|\.$/);
    const words = chunkForPocket('one two three four five six seven eight nine ten eleven twelve', tok, { ...config, maxTokensPerChunk: 12 });
    expect(words.length).toBeGreaterThan(1);
    for (const c of words) expect(c.ids.length).toBeLessThanOrEqual(14);
    expect(words.map((c) => c.text.replace(/\.$/, '').toLowerCase()).join(' ')).toBe('one two three four five six seven eight nine ten eleven twelve');
  });

  it('drops chunks with nothing to say', () => {
    expect(chunkForPocket('...', tok, config)).toEqual([]);
    expect(chunkForPocket('', tok, config)).toEqual([]);
  });
});
