// The intelligibility bench's word error rate, against transcripts whose errors are counted by hand.
import { describe, expect, it } from 'vitest';
import { werWords, wordEdits, wordErrorRate } from './wer';

describe('word error rate', () => {
  it('compares words without case or punctuation, keeping apostrophes inside words', () => {
    expect(werWords("It's easy to tell the depth of a well.")).toEqual(["it's", 'easy', 'to', 'tell', 'the', 'depth', 'of', 'a', 'well']);
    expect(werWords('The soft cushion broke the man’s fall!')).toEqual(['the', 'soft', 'cushion', 'broke', 'the', "man's", 'fall']);
    expect(werWords("  'quoted'  words -- here ")).toEqual(['quoted', 'words', 'here']);
  });

  it('counts substitutions, deletions and insertions', () => {
    const ref = 'the birch canoe slid on the smooth planks';
    expect(wordErrorRate(ref, 'The birch canoe slid on the smooth planks.')).toBe(0);
    // "birch" → "bird": one substitution in eight words.
    expect(wordErrorRate(ref, 'the bird canoe slid on the smooth planks')).toBe(1 / 8);
    // "smooth" dropped, "and" added: two edits.
    expect(wordErrorRate(ref, 'the birch canoe slid on and the planks')).toBe(2 / 8);
    // Nothing heard: every word deleted.
    expect(wordErrorRate(ref, '')).toBe(1);
    // Can exceed 1 when the recognizer hears more words than were said.
    expect(wordErrorRate('hello', 'yellow fellow mellow')).toBe(3);
  });

  it('finds the fewest edits, not the first alignment', () => {
    expect(wordEdits(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e'])).toBe(2);
    expect(wordEdits(['a', 'b'], ['b', 'a'])).toBe(2);
    expect(wordEdits([], ['x', 'y'])).toBe(2);
  });

  it('refuses an empty reference', () => {
    expect(() => wordErrorRate(' . ', 'anything')).toThrow(RangeError);
  });
});
