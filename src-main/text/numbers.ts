// English number words: the building block every other reading (money, dates, units) is made of.
// Numbers arrive as digit strings, not JS numbers, so a 20-digit figure never loses precision and
// leading zeros stay visible to the caller that decides whether to read digit by digit.

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion', 'sextillion'];

/** Beyond this many digits a figure is an identifier, not a quantity: read it digit by digit. */
export const MAX_CARDINAL_DIGITS = SCALES.length * 3;

export interface NumberStyle {
  /** British "one hundred and five"; American "one hundred five". */
  hundredAnd?: boolean;
}

function underHundred(n: number): string {
  if (n < 20) return ONES[n]!;
  const t = TENS[Math.floor(n / 10)]!;
  return n % 10 ? `${t}-${ONES[n % 10]}` : t;
}

function underThousand(n: number, style: NumberStyle, last: boolean): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (!h) return underHundred(rest);
  const head = `${ONES[h]} hundred`;
  if (!rest) return head;
  return `${head} ${style.hundredAnd && last ? 'and ' : ''}${underHundred(rest)}`;
}

/** Digits of a whole number → words. Separators must already be removed. */
export function cardinal(digits: string, style: NumberStyle = {}): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(clean)) return digits;
  if (clean.length > MAX_CARDINAL_DIGITS) return digitByDigit(clean);
  if (clean === '0') return 'zero';
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 3) groups.push(Number(clean.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (!g) continue;
    // "and" only joins the final group, and only when something bigger came before or it has hundreds.
    const lastGroup = i === 0;
    if (lastGroup && style.hundredAnd && g < 100 && words.length) words.push('and');
    words.push(underThousand(g, style, lastGroup));
    if (SCALES[i]) words.push(SCALES[i]!);
  }
  return words.join(' ');
}

const ORDINAL_IRREGULAR: Record<string, string> = {
  one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth',
};

/** Turns the last word of a cardinal reading into its ordinal ("twenty-one" → "twenty-first"). */
export function ordinalize(words: string): string {
  const m = /([a-z]+)$/.exec(words);
  if (!m) return words;
  const last = m[1]!;
  let ord = ORDINAL_IRREGULAR[last];
  if (!ord) ord = last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`;
  return words.slice(0, m.index) + ord;
}

export function ordinal(digits: string, style: NumberStyle = {}): string {
  return ordinalize(cardinal(digits, style));
}

export function digitByDigit(digits: string): string {
  const out: string[] = [];
  for (const ch of digits) if (ch >= '0' && ch <= '9') out.push(ONES[ch.charCodeAt(0) - 48]!);
  return out.join(' ');
}

/** "3.14" → "three point one four"; the integer part may be empty (".5" → "point five"). */
export function decimal(intDigits: string, fracDigits: string | undefined, style: NumberStyle = {}): string {
  const head = intDigits ? cardinal(intDigits, style) : '';
  if (fracDigits === undefined || fracDigits === '') return head;
  return `${head ? `${head} ` : ''}point ${digitByDigit(fracDigits)}`;
}

/**
 * A whole number read as a quantity: leading zeros ("007") are a code, so digit by digit.
 * Callers pass integers only.
 */
export function quantity(digits: string, style: NumberStyle = {}): string {
  if (digits.length > 1 && digits.startsWith('0')) return digitByDigit(digits);
  return cardinal(digits, style);
}

/**
 * Year reading: 1984 → nineteen eighty-four, 1900 → nineteen hundred, 1905 → nineteen oh five,
 * 2005 → two thousand five, 2024 → twenty twenty-four. Below 1000 (and round thousands) a year is
 * read like any number.
 */
export function year(digits: string): string {
  const n = Number(digits);
  if (!Number.isInteger(n) || n < 1000 || n > 9999 || digits.length !== 4) return cardinal(digits);
  const hi = Math.floor(n / 100);
  const lo = n % 100;
  if (n % 1000 === 0) return cardinal(digits);
  if (n >= 2000 && n < 2010) return cardinal(digits);
  if (lo === 0) return `${underHundred(hi)} hundred`;
  if (lo < 10) return `${underHundred(hi)} oh ${ONES[lo]}`;
  return `${underHundred(hi)} ${underHundred(lo)}`;
}

/** Two-digit years as in "'99" or "12/25/24": 24 → twenty-four, 05 → oh five, 00 → hundred. */
export function shortYear(digits: string): string {
  const n = Number(digits);
  if (n === 0) return 'hundred';
  if (n < 10) return `oh ${ONES[n]}`;
  return underHundred(n);
}

/** Plural of a number reading, for decades: "nineteen ninety" → "nineteen nineties". */
export function pluralizeWords(words: string): string {
  if (words.endsWith('y')) return `${words.slice(0, -1)}ies`;
  if (words.endsWith('x')) return `${words}es`;
  return `${words}s`;
}

/** "1990s" → nineteen nineties, "80s" → eighties, "2000s" → two thousands. */
export function decade(digits: string): string {
  return pluralizeWords(digits.length === 4 ? year(digits) : cardinal(digits));
}

const DENOMINATOR_SPECIAL: Record<number, [string, string]> = { 2: ['half', 'halves'], 4: ['quarter', 'quarters'] };

/** Whether n/d reads naturally as a fraction; "24/7" or "9/11" do not. */
export function isCommonFraction(n: number, d: number): boolean {
  return n >= 1 && n < d && (d <= 10 || d === 12 || d === 16 || d === 32 || d === 64 || d === 100);
}

/** "1/2" → one half, "3/4" → three quarters, "5/8" → five eighths. */
export function fraction(n: number, d: number): string {
  const special = DENOMINATOR_SPECIAL[d];
  const num = cardinal(String(n));
  if (special) return `${num} ${n === 1 ? special[0] : special[1]}`;
  // "one hundredth" is the word for 1/100 on its own; inside "three hundredths" the "one" goes.
  const den = ordinal(String(d)).replace(/^one /, '');
  return `${num} ${n === 1 ? den : pluralizeWords(den)}`;
}

/** The part after "and" in a mixed number: 2 1/2 → "two and a half". */
export function fractionAfterAnd(n: number, d: number): string {
  if (n === 1 && (d === 2 || d === 4)) return `a ${DENOMINATOR_SPECIAL[d]![0]}`;
  return fraction(n, d);
}
