// Symbols that stand for words in English prose ("R&D", "C++", "~5 minutes"). Ones that are only
// decoration (markdown asterisks, underscores) become nothing, so the engine does not name them.
import { fraction } from './numbers';

export const SYMBOL_SRC = '[&+=@#~°º×÷±*_%<>½¼¾⅓⅔⅛⅜⅝⅞]';

const VULGAR: Record<string, [number, number]> = {
  '½': [1, 2], '¼': [1, 4], '¾': [3, 4], '⅓': [1, 3], '⅔': [2, 3], '⅛': [1, 8], '⅜': [3, 8], '⅝': [5, 8], '⅞': [7, 8],
};

export function vulgarFraction(ch: string): [number, number] | undefined {
  return VULGAR[ch];
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function prevNonSpace(text: string, at: number): string | undefined {
  let k = at - 1;
  while (k >= 0 && text[k] === ' ') k--;
  return text[k];
}

function nextNonSpace(text: string, at: number): string | undefined {
  let k = at + 1;
  while (k < text.length && text[k] === ' ') k++;
  return text[k];
}

/** Words for the symbol at text[at], padded with spaces; tidySpaces removes the extras later. */
export function speakSymbol(text: string, at: number): string {
  const ch = text[at]!;
  const next = text[at + 1];
  switch (ch) {
    case '&': return ' and ';
    case '+': return ' plus ';
    case '=': return ' equals ';
    case '@': return ' at ';
    case '±': return ' plus or minus ';
    case '×': return ' times ';
    case '÷': return ' divided by ';
    case '%': return ' percent ';
    case '°':
    case 'º': return ' degrees ';
    // "#5" is a number; "#hashtag" reads as the word; a lone "#" says nothing useful.
    case '#': return isDigit(next) ? ' number ' : next !== undefined && /\p{L}/u.test(next) ? '' : ' ';
    case '~': return ' about ';
    // Between numbers an asterisk is multiplication; anywhere else it is emphasis or a footnote mark.
    case '*': return isDigit(prevNonSpace(text, at)) && isDigit(nextNonSpace(text, at)) ? ' times ' : ' ';
    case '_': return ' ';
    case '<':
    case '>':
      if (isDigit(prevNonSpace(text, at)) && isDigit(nextNonSpace(text, at))) return ch === '<' ? ' is less than ' : ' is greater than ';
      return ch;
    default: {
      const v = VULGAR[ch];
      return v ? ` ${fraction(v[0], v[1])} ` : ch;
    }
  }
}
