// Reads an English expression that starts with a number: money, percentages, units, ranges,
// fractions, ordinals, decades and years (dates and clock times are tried first, in datetime-en.ts). The main pass (normalize-en.ts) only
// finds where one starts; this reads as far as the expression goes with sticky patterns, so each
// character is examined a bounded number of times however long the text is.
import { periodEndsSentence } from './abbreviations';
import { dateReading, speakTime, timeReading, validTime } from './datetime-en';
import {
  cardinal, decade, decimal, fraction, fractionAfterAnd, isCommonFraction, ordinal, quantity, year, type NumberStyle,
} from './numbers';
import { vulgarFraction } from './symbols';
import { at, SP, sticky, type EnglishOptions, type Reading } from './reading';
import { AFTER_STANDALONE_RE, UNITS, UNIT_RE, unitWords } from './units';
import { identifierReading, MULTIPLIER_RE, SIZE_RE, SIZE_WORDS, zipReading } from './identifiers-en';

export type { EnglishOptions, Reading } from './reading';

interface Currency { one: string; many: string; subOne?: string; subMany?: string }
const CURRENCIES: Record<string, Currency> = {
  $: { one: 'dollar', many: 'dollars', subOne: 'cent', subMany: 'cents' },
  '£': { one: 'pound', many: 'pounds', subOne: 'penny', subMany: 'pence' },
  '€': { one: 'euro', many: 'euros', subOne: 'cent', subMany: 'cents' },
  '¥': { one: 'yen', many: 'yen' },
};

const SCALE_WORDS: Record<string, string> = {
  k: 'thousand', K: 'thousand', m: 'million', M: 'million', mn: 'million', b: 'billion', B: 'billion', bn: 'billion',
  t: 'trillion', T: 'trillion', tn: 'trillion', thousand: 'thousand', million: 'million', billion: 'billion', trillion: 'trillion',
};

const VERSION_RE = sticky('\\d{1,9}(?:\\.\\d{1,9}){2,15}(?![\\d\\p{L}])', 'u');
// Bounded repeats: "1,000,000,…" or "1.2.3.…" a megabyte long must not be rescanned from every group.
const NUMBER_RE = /(\d{1,3}(?:,\d{3}){1,7}(?![\d]|,\d)|\d+)(?:\.(\d+))?/y;
const ORDINAL_RE = /(?:st|nd|rd|th)(?![\p{L}\p{N}])/iuy;
const DECADE_RE = /'?s(?![\p{L}\p{N}])/uy;
const MIXED_FRACTION_RE = sticky(`${SP}(\\d{1,2})\\/(\\d{1,3})(?![\\d\\/])`);
const VULGAR_RE = sticky(`${SP}?([½¼¾⅓⅔⅛⅜⅝⅞])`);
const FRACTION_RE = /\/(\d{1,4})(?![\d/])/y;
const RANGE_RE = sticky(`${SP}?[–—]${SP}?(?=[$£€¥]?\\d)|-(?=[$£€¥]?\\d)`);
const RATIO_RE = /:(\d{1,4})(?![\d:])/y;
const FEET_INCHES_RE = /'(\d{1,2})(?:"|'')/y;
const MERIDIEM_RE = sticky(`${SP}?([AaPp])(\\.?)[Mm](\\.?)(?![\\p{L}\\p{N}])`, 'u');
const PER_RE = sticky('\\/(\\p{L}{1,12})(?![\\p{L}\\p{N}])', 'u');
// Letter suffixes only when attached ("$5m", not "$5 T-shirts"); words after a space.
const SCALE_RE = sticky(`(mn|bn|tn|[kKmMbBtT])(?![\\p{L}\\p{N}])|${SP}(thousand|million|billion|trillion)(?![\\p{L}])`, 'iu');
const PERCENT_RE = sticky(`${SP}?(%|${SP}?per${SP}?cent(?![\\p{L}]))`, 'u');
const POSTFIX_CURRENCY_RE = sticky(`${SP}?([$£€¥])(?!\\d)`);
const DEGREE_RE = sticky(`${SP}?[°º]${SP}?([CFK](?![\\p{L}]))?`, 'u');
const ERA_RE = sticky(`${SP}(?:AD|BC|BCE|CE|A\\.D\\.|B\\.C\\.)(?![\\p{L}])`, 'u');
const YEAR_CONTEXT_RE = /(?:^|[^\p{L}])(?:in|since|by|from|until|till|year|circa|ca\.|c\.|around|during|before|after|of)[ \u00a0]+$/iu;
const DECADE_CONTEXT_RE = /(?:^|[^\p{L}])(?:the|early|late|mid|his|her|their|my|your|our|its)[ \u00a0-]+$/iu;

interface Num { int: string; frac: string | undefined; commas: boolean }

function readNumber(text: string, p: number): { num: Num; end: number } | null {
  if (text[p] === '.') {
    const m = at(/\.(\d+)/y, text, p);
    return m ? { num: { int: '', frac: m[1], commas: false }, end: p + m[0].length } : null;
  }
  const m = at(NUMBER_RE, text, p);
  if (!m) return null;
  return { num: { int: m[1]!.replace(/,/g, ''), frac: m[2], commas: m[1]!.includes(',') }, end: p + m[0].length };
}

function plainWords(n: Num, style: NumberStyle): string {
  if (n.frac !== undefined) return decimal(n.int, n.frac, style);
  return quantity(n.int, style);
}

function moneyWords(n: Num, c: Currency, style: NumberStyle): string {
  if (!c.subOne || n.frac === undefined) {
    const words = plainWords(n, style);
    return `${words} ${n.int === '1' && n.frac === undefined ? c.one : c.many}`;
  }
  if (n.frac.length > 2) return `${decimal(n.int, n.frac, style)} ${c.many}`;
  const cents = Number(n.frac.padEnd(2, '0'));
  const whole = n.int.replace(/^0+/, '');
  const centWords = `${cardinal(String(cents), style)} ${cents === 1 ? c.subOne : c.subMany}`;
  if (!whole) return cents ? centWords : `zero ${c.many}`;
  const wholeWords = `${cardinal(whole, style)} ${whole === '1' ? c.one : c.many}`;
  return cents ? `${wholeWords} and ${centWords}` : wholeWords;
}

function isYear(n: Num, text: string, start: number, end: number): boolean {
  if (n.frac !== undefined || n.commas || n.int.length !== 4) return false;
  const v = Number(n.int);
  if (v >= 1100 && v <= 2099) return true;
  if (v < 1000) return false;
  return YEAR_CONTEXT_RE.test(text.slice(Math.max(0, start - 12), start)) || at(ERA_RE, text, end) !== null;
}

/**
 * Reads the expression at `p`, where the main pass found a digit, possibly after a minus sign or
 * currency symbol, or a decade's apostrophe ("'90s"). Always consumes at least one character.
 */
export function readNumeric(text: string, p: number, opts: EnglishOptions): Reading {
  const style = opts.numbers;
  const start = p;
  // Letters glued on either side ("MP3", "COVID-19", "3D") still need a space to be read as words.
  let lead = start > 0 && /\p{L}/u.test(text[start - 1]!) ? ' ' : '';
  let negative = false;

  if (text[p] === "'") {
    const m = at(/'(\d0)s/y, text, p);
    return m ? { out: decade(m[1]!), end: p + m[0].length } : { out: "'", end: p + 1 };
  }
  if (text[p] === '-' || text[p] === '\u2212') {
    const prev = text[p - 1];
    // A minus sign follows a space or an opening bracket; after a letter it is a hyphen.
    if (prev === undefined || /[\s([{=:/,;]/.test(prev)) negative = true;
    else lead = ' ';
    p += 1;
  }
  let cur = CURRENCIES[text[p]!];
  if (cur) p += 1;

  if (!negative && !cur) {
    const d = dateReading(text, p, opts) ?? timeReading(text, p);
    if (d) return { out: lead + d.out, end: d.end };
    const v = at(VERSION_RE, text, p);
    if (v) {
      const parts = v[0].split('.');
      const ip = parts.length === 4 && parts.every((x) => Number(x) <= 255);
      return { out: lead + parts.map((x) => quantity(x, style)).join(ip ? ' dot ' : ' point '), end: p + v[0].length };
    }
  }

  const first = readNumber(text, p);
  if (!first) return { out: text.slice(start, Math.max(p, start + 1)), end: Math.max(p, start + 1) };
  const a = first.num;
  p = first.end;
  if (!cur && !negative) {
    const zip = zipReading(text, start, p, a.int, a.frac !== undefined || a.commas);
    if (zip) return { out: lead + zip.out, end: zip.end };
  }
  const simple = simpleReading(text, start, p, a, !cur && !negative, opts);
  if (simple) return { out: lead + simple.out, end: simple.end };

  // A second number after a dash makes a range; its unit, percent or currency belongs to both.
  let b: Num | undefined;
  const r = at(RANGE_RE, text, p);
  if (r) {
    let q = p + r[0].length;
    const rc = CURRENCIES[text[q]!];
    if (!rc || !cur || rc === cur) {
      if (rc) q += 1;
      const second = readNumber(text, q);
      if (second) {
        b = second.num;
        p = second.end;
        cur = cur ?? rc;
      }
    }
  }

  let m: RegExpExecArray | null;
  let scale: string | undefined;
  if (cur) {
    m = at(SCALE_RE, text, p);
    if (m) {
      scale = SCALE_WORDS[m[1] ?? m[2]!.toLowerCase()];
      p += m[0].length;
    }
  } else {
    m = at(POSTFIX_CURRENCY_RE, text, p);
    if (m) {
      cur = CURRENCIES[m[1]!];
      p += m[0].length;
    }
  }

  const sign = negative ? 'minus ' : '';
  const plain = (n: Num): string => plainWords(n, style);
  const both = (f: (n: Num) => string): string => (b ? `${f(a)} to ${f(b)}` : f(a));

  if (cur) {
    const c = cur;
    let out: string;
    if (scale) out = `${both(plain)} ${scale} ${c.many}`;
    else if (b && a.frac === undefined && b.frac === undefined) out = `${both(plain)} ${c.many}`;
    else out = both((n) => moneyWords(n, c, style));
    // "$5/month" → "five dollars per month".
    m = at(PER_RE, text, p);
    if (m) {
      out += ` per ${m[1]}`;
      p += m[0].length;
    }
    return { out: lead + sign + out, end: p };
  }

  m = at(PERCENT_RE, text, p);
  if (m) return { out: `${lead}${sign}${both(plain)} percent`, end: p + m[0].length };

  const singular = !b && a.int === '1' && a.frac === undefined;
  m = at(DEGREE_RE, text, p);
  if (m) {
    const scaleName = m[1] === 'C' ? ' Celsius' : m[1] === 'F' ? ' Fahrenheit' : m[1] === 'K' ? ' Kelvin' : '';
    return { out: `${lead}${sign}${both(plain)} ${singular ? 'degree' : 'degrees'}${scaleName}`, end: p + m[0].length };
  }

  m = at(UNIT_RE, text, p);
  if (m) {
    const unit = UNITS[m[1]!]!;
    const end = p + m[0].length;
    if (!unit.standalone || at(AFTER_STANDALONE_RE, text, end)) {
      return { out: `${lead}${sign}${both(plain)} ${unitWords(unit, singular)}`, end };
    }
  }

  // "3-4pm": a range of hours.
  m = b ? at(MERIDIEM_RE, text, p) : null;
  if (m && validTime(Number(a.int), 0, undefined, m[1]) && validTime(Number(b!.int), 0, undefined, m[1])) {
    const end = p + m[0].length;
    const period = m[3] && periodEndsSentence(text, end) ? '.' : '';
    return { out: `${lead}${plain(a)} to ${speakTime(Number(b!.int), 0, undefined, m[1])}${period}`, end };
  }

  // "3x faster", "2–4x": a multiplier. "82M parameters", "7B": a count in millions, billions.
  m = at(MULTIPLIER_RE, text, p);
  if (m) return { out: `${lead}${sign}${both(plain)} times`, end: p + m[0].length };
  m = at(SIZE_RE, text, p);
  if (m) {
    const out = `${lead}${sign}${both(plain)} ${SIZE_WORDS[m[1]!]}`;
    return { out: /\p{L}/u.test(text[p + m[0].length] ?? '') ? `${out} ` : out, end: p + m[0].length };
  }
  if (!b && !negative && a.frac === undefined && !a.commas) {
    const id = identifierReading(text, start, a.int);
    if (id !== null) return { out: lead + id, end: p };
  }

  const secondStart = first.end;
  const words = (n: Num, from: number, to: number): string => (!negative && isYear(n, text, from, to) ? year(n.int) : plain(n));
  let out = b ? `${words(a, start, secondStart)} to ${words(b, secondStart, p)}` : words(a, start, p);
  if (/\p{L}/u.test(text[p] ?? '')) out += ' ';
  return { out: lead + sign + out, end: p };
}

/** Forms only a bare whole number can take: ordinals, decades, fractions, ratios. */
function simpleReading(text: string, start: number, p: number, a: Num, bare: boolean, opts: EnglishOptions): Reading | null {
  if (!bare || a.frac !== undefined) return null;
  const style = opts.numbers;
  let m = at(ORDINAL_RE, text, p);
  if (m) return { out: ordinal(a.int, style), end: p + m[0].length };
  m = at(FEET_INCHES_RE, text, p);
  if (m) {
    const feet = `${quantity(a.int, style)} ${a.int === '1' ? 'foot' : 'feet'}`;
    return { out: `${feet} ${quantity(m[1]!, style)} ${m[1] === '1' ? 'inch' : 'inches'}`, end: p + m[0].length };
  }
  if (a.commas) return null;
  m = at(DECADE_RE, text, p);
  if (m && a.int.endsWith('0')) {
    const isDecade = a.int.length === 4 || (a.int.length === 2 && DECADE_CONTEXT_RE.test(text.slice(Math.max(0, start - 8), start)));
    if (isDecade) return { out: decade(a.int), end: p + m[0].length };
  }
  m = at(MIXED_FRACTION_RE, text, p);
  if (m && isCommonFraction(Number(m[1]), Number(m[2]))) {
    return { out: `${quantity(a.int, style)} and ${fractionAfterAnd(Number(m[1]), Number(m[2]))}`, end: p + m[0].length };
  }
  m = at(VULGAR_RE, text, p);
  if (m) {
    const [vn, vd] = vulgarFraction(m[1]!)!;
    return { out: `${quantity(a.int, style)} and ${fractionAfterAnd(vn, vd)}`, end: p + m[0].length };
  }
  m = at(FRACTION_RE, text, p);
  if (m) {
    const n = Number(a.int);
    const d = Number(m[1]);
    const words = isCommonFraction(n, d) ? fraction(n, d) : `${quantity(a.int, style)} ${quantity(m[1]!, style)}`;
    return { out: words, end: p + m[0].length };
  }
  m = at(RATIO_RE, text, p);
  if (m) return { out: `${quantity(a.int, style)} to ${quantity(m[1]!, style)}`, end: p + m[0].length };
  return null;
}
