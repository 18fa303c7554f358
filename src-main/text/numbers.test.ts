import { describe, expect, it } from 'vitest';
import { cardinal, decade, decimal, fraction, ordinal, quantity, year } from './numbers';

describe('number words', () => {
  it.each([
    ['0', 'zero'],
    ['7', 'seven'],
    ['13', 'thirteen'],
    ['40', 'forty'],
    ['99', 'ninety-nine'],
    ['100', 'one hundred'],
    ['101', 'one hundred one'],
    ['1000', 'one thousand'],
    ['1234567', 'one million two hundred thirty-four thousand five hundred sixty-seven'],
    ['1000000000', 'one billion'],
    ['2000005', 'two million five'],
  ])('cardinal %s → %s', (digits, words) => {
    expect(cardinal(digits)).toBe(words);
  });

  it('uses British "and" when asked', () => {
    expect(cardinal('105', { hundredAnd: true })).toBe('one hundred and five');
    expect(cardinal('1005', { hundredAnd: true })).toBe('one thousand and five');
    expect(cardinal('2300', { hundredAnd: true })).toBe('two thousand three hundred');
  });

  it('reads numbers too long to be quantities digit by digit', () => {
    expect(cardinal('1234567890123456789012345')).toBe(
      'one two three four five six seven eight nine zero one two three four five six seven eight nine zero one two three four five',
    );
    expect(quantity('007')).toBe('zero zero seven');
  });

  it.each([
    ['1', 'first'], ['2', 'second'], ['3', 'third'], ['5', 'fifth'], ['8', 'eighth'], ['9', 'ninth'], ['12', 'twelfth'],
    ['20', 'twentieth'], ['22', 'twenty-second'], ['103', 'one hundred third'], ['1000', 'one thousandth'],
  ])('ordinal %s → %s', (digits, words) => {
    expect(ordinal(digits)).toBe(words);
  });

  it.each([
    ['1984', 'nineteen eighty-four'], ['2005', 'two thousand five'], ['1900', 'nineteen hundred'], ['2000', 'two thousand'],
    ['1905', 'nineteen oh five'], ['2010', 'twenty ten'], ['2024', 'twenty twenty-four'], ['1066', 'ten sixty-six'],
  ])('year %s → %s', (digits, words) => {
    expect(year(digits)).toBe(words);
  });

  it.each([
    ['1990', 'nineteen nineties'], ['1900', 'nineteen hundreds'], ['2000', 'two thousands'], ['80', 'eighties'], ['60', 'sixties'],
  ])('decade %s → %s', (digits, words) => {
    expect(decade(digits)).toBe(words);
  });

  it.each([
    [1, 2, 'one half'], [3, 4, 'three quarters'], [1, 3, 'one third'], [2, 3, 'two thirds'], [5, 8, 'five eighths'], [3, 100, 'three hundredths'],
  ])('fraction %i/%i → %s', (n, d, words) => {
    expect(fraction(n, d)).toBe(words);
  });

  it('reads decimals digit by digit after the point', () => {
    expect(decimal('3', '14')).toBe('three point one four');
    expect(decimal('', '5')).toBe('point five');
    expect(decimal('1000', '05')).toBe('one thousand point zero five');
  });
});
