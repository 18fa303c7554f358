import { describe, expect, it } from 'vitest';
import { chunkForKokoro } from './chunk';
import { countTokens } from './vocab';

const word = (i: number): string => `wˈɜɹd${'ə'.repeat(i % 5)}`;
const sentence = (words: number, from = 0, mark = '.'): string => Array.from({ length: words }, (_, i) => word(from + i)).join(' ') + mark;

function assertWholeWords(chunks: string[], source: string): void {
  // Re-joining the chunks gives the source back, and every cut falls on a space.
  expect(chunks.join(' ')).toBe(source);
  const words = new Set(source.split(' '));
  for (const c of chunks) for (const w of c.split(' ')) expect(words.has(w), w).toBe(true);
}

describe('chunkForKokoro', () => {
  it('returns short text as one chunk and nothing for nothing', () => {
    expect(chunkForKokoro({ phonemes: 'həlˈO wˈɜɹld.', words: [] })).toEqual(['həlˈO wˈɜɹld.']);
    expect(chunkForKokoro({ phonemes: '  ', words: [] })).toEqual([]);
  });

  it('cuts after sentence marks first, packing whole sentences up to 510 tokens', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => sentence(15, i * 15, i % 2 ? '!' : '.'));
    const text = sentences.join(' ');
    const chunks = chunkForKokoro(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(countTokens(c)).toBeLessThanOrEqual(510);
      expect(c).toMatch(/[.!]$/);
    }
    assertWholeWords(chunks, text);
    // Greedy packing: no two neighbours would have fitted together.
    for (let i = 1; i < chunks.length; i++) expect(countTokens(`${chunks[i - 1]} ${chunks[i]}`)).toBeGreaterThan(510);
  });

  it('cuts a sentence longer than a chunk after clause marks, then between words', () => {
    const clauses = Array.from({ length: 8 }, (_, i) => sentence(14, i * 14, ',')).join(' ');
    const long = `${clauses.slice(0, -1)}.`;
    expect(countTokens(long)).toBeGreaterThan(510);
    const chunks = chunkForKokoro(long);
    for (const c of chunks.slice(0, -1)) expect(c).toMatch(/,$/);
    assertWholeWords(chunks, long);

    const runOn = sentence(120);
    const byWord = chunkForKokoro(runOn, { maxTokens: 100 });
    for (const c of byWord) expect(countTokens(c)).toBeLessThanOrEqual(100);
    assertWholeWords(byWord, runOn);
  });

  it('prefers a sentence end to a clause mark, and a clause mark to a space', () => {
    const text = `${sentence(6)} ${sentence(3, 6, ',')} ${sentence(6, 9)}`;
    const [first] = chunkForKokoro(text, { maxTokens: countTokens(sentence(6)) + 20 });
    expect(first).toBe(sentence(6));
    const [clause] = chunkForKokoro(`${sentence(3, 0, ',')} ${sentence(8, 3)}`, { maxTokens: countTokens(sentence(3, 0, ',')) + 12 });
    expect(clause).toBe(sentence(3, 0, ','));
  });

  it('keeps a dash without spaces as written and cuts after it', () => {
    const chunks = chunkForKokoro('ɐ bˈi—sˈi dˈi.', { maxTokens: 6 });
    expect(chunks).toEqual(['ɐ bˈi—', 'sˈi', 'dˈi.']);
    // The dash is a clause mark, so it wins over the space that would fill the first chunk better.
    expect(chunkForKokoro('ɐ bˈi—sˈi dˈi.', { maxTokens: 12 })).toEqual(['ɐ bˈi—', 'sˈi dˈi.']);
  });

  it('can hold the first chunk small for a fast first sound, then fills the rest', () => {
    const text = Array.from({ length: 6 }, (_, i) => sentence(12, i * 12, i === 0 ? ',' : '.')).join(' ');
    const chunks = chunkForKokoro(text, { firstChunkMaxTokens: 100 });
    expect(countTokens(chunks[0]!)).toBeLessThanOrEqual(100);
    expect(chunks[0]).toMatch(/,$/);
    expect(countTokens(chunks[1]!)).toBeGreaterThan(100);
    assertWholeWords(chunks, text);
  });

  it('slices only a single word longer than a chunk', () => {
    const huge = 'ə'.repeat(1200);
    const chunks = chunkForKokoro(`ɐ ${huge} bˈi`);
    expect(chunks.every((c) => countTokens(c) <= 510)).toBe(true);
    expect(chunks.join('').replaceAll(' ', '')).toBe(`ɐ${huge}bˈi`);
  });

  // Its time (target < 2 s, against an accidental quadratic pass) is measured in bench/text-limits.ts.
  it('handles a 20,000-word line without punctuation', () => {
    const line = sentence(20_000, 0, '');
    const chunks = chunkForKokoro(line);
    expect(chunks.length).toBeGreaterThan(200);
    for (const c of chunks) expect(countTokens(c)).toBeLessThanOrEqual(510);
    assertWholeWords(chunks, line);
  });
});
