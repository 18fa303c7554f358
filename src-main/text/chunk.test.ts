import { describe, expect, it } from 'vitest';
import { chunkText } from './index';

const words = (chunks: string[]): string[] => chunks.join(' ').split(/\s+/);

describe('chunkText', () => {
  it('packs whole sentences greedily', () => {
    expect(chunkText('One two. Three four. Five six.', { maxChars: 20 })).toEqual(['One two. Three four.', 'Five six.']);
    expect(chunkText('One two. Three four. Five six.', { maxChars: 100 })).toEqual(['One two. Three four. Five six.']);
  });

  it('splits a long sentence at clauses, then at spaces', () => {
    expect(chunkText('Alpha beta, gamma delta, epsilon zeta.', { maxChars: 25 })).toEqual(['Alpha beta, gamma delta,', 'epsilon zeta.']);
    expect(chunkText('aaa bbb ccc ddd eee fff', { maxChars: 8 })).toEqual(['aaa bbb', 'ccc ddd', 'eee fff']);
  });

  it('never cuts a word; a word longer than the limit is its own chunk', () => {
    expect(chunkText('a supercalifragilistic b', { maxChars: 5 })).toEqual(['a', 'supercalifragilistic', 'b']);
    const text = 'The quick brown fox jumps over the lazy dog, again and again; and then, finally, it rests. '.repeat(20);
    for (const max of [7, 13, 40, 100]) {
      const chunks = chunkText(text, { maxChars: max, firstMaxChars: 10 });
      expect(words(chunks)).toEqual(text.trim().split(/\s+/));
      for (const c of chunks) expect(c.length <= max || !c.includes(' ')).toBe(true);
    }
  });

  it('keeps the first chunk small, preferring a clause boundary', () => {
    const text = 'Once upon a time, in a land far away, there lived a king. He had three daughters.';
    const chunks = chunkText(text, { maxChars: 200, firstMaxChars: 20 });
    expect(chunks[0]).toBe('Once upon a time,');
    expect(chunks.slice(1)).toEqual(['in a land far away, there lived a king. He had three daughters.']);
  });

  // An engine gives a fragment the prosody of a finished phrase, so the short first piece runs to the
  // end of its clause rather than stopping mid-clause (the reference pipelines never send fragments).
  it('keeps a first clause longer than firstMaxChars whole when it fits maxChars', () => {
    const chunks = chunkText('A rather long opening clause without commas goes here. Then more.', { maxChars: 100, firstMaxChars: 16 });
    expect(chunks[0]).toBe('A rather long opening clause without commas goes here.');
    expect(chunkText('A rather long opening clause, then the rest of it comes here. Then more.', { maxChars: 100, firstMaxChars: 16 })[0]).toBe('A rather long opening clause,');
  });

  it('falls back to spaces only for a clause longer than maxChars', () => {
    const chunks = chunkText('A rather long opening clause without commas goes here. Then more.', { maxChars: 20, firstMaxChars: 16 });
    expect(chunks[0]).toBe('A rather long');
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(20);
  });

  it('leaves a short first sentence whole and packs the rest to maxChars', () => {
    expect(chunkText('Hi. How are you today? Fine.', { maxChars: 40, firstMaxChars: 5 })).toEqual(['Hi.', 'How are you today? Fine.']);
  });

  it('handles empty and degenerate input', () => {
    expect(chunkText('', { maxChars: 10 })).toEqual([]);
    expect(chunkText('   \n ', { maxChars: 10 })).toEqual([]);
    expect(chunkText('abc', { maxChars: 0 })).toEqual(['abc']);
    expect(chunkText('a b c', { maxChars: Number.NaN })).toEqual(['a', 'b', 'c']);
  });

  it('ends a chunk after a line with no closing punctuation, so it keeps its pause', () => {
    expect(chunkText('Chapter One\nIt was dark. It was cold.', { maxChars: 100 })).toEqual(['Chapter One', 'It was dark. It was cold.']);
    expect(chunkText('First line.\nSecond line.', { maxChars: 100 })).toEqual(['First line. Second line.']);
  });
});
