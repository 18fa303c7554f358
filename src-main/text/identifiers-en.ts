// Numbers that are names, not amounts: said the way people say them. An emergency number digit by
// digit ("nine one one"); a room, flight or gate number in pairs ("room two fourteen", "flight
// fifteen forty-nine"), as a year is; a ZIP code digit by digit. Also the two suffixes of technical
// prose that make a number something else: a multiplier ("3x" → "three times") and a count in
// millions or billions ("82M parameters").
import { at, sticky, type Reading } from './reading';
import { cardinal, digitByDigit, year } from './numbers';

/** "3x", "2×": attached to the number, and not the start of a word ("3xl", "0x1F"). */
export const MULTIPLIER_RE = sticky('[ \\u00a0]?×(?![\\p{L}\\p{N}])|[xX](?![\\p{L}\\p{N}])', 'u');
/** Capital K, M, B, T right after a number (lower-case m, b and t are metres, bits, tonnes). */
export const SIZE_RE = sticky('([KMBT])(?![\\p{L}\\p{N}])', 'u');
export const SIZE_WORDS: Readonly<Record<string, string>> = { K: 'thousand', M: 'million', B: 'billion', T: 'trillion' };

const EMERGENCY = new Set(['911']);
/** Emergency numbers that are also ordinary amounts ("112 pages"): only after "call" or "dial". */
const DIALLED_ONLY = new Set(['999', '112']);
const DIALLED = /(?:^|[^\p{L}])(?:call|calls|called|calling|dial|dials|dialed|dialled|dialing|dialling|ring|phone)[ \u00a0]+$/iu;
const NAMED_BY_NUMBER = /(?:^|[^\p{L}])(?:room|rm\.?|flight|gate|suite|apartment|apt\.?|platform|extension|ext\.?|bus|route|locker|cabin|berth|pier|terminal|ward|bay|dock|hangar|studio|booth)[ \u00a0]+(?:no\.?[ \u00a0]+|number[ \u00a0]+|#)?$/iu;

/**
 * A whole number at `start` said as a name, or null when it is an amount. `digits` holds no
 * separators.
 */
export function identifierReading(text: string, start: number, digits: string): string | null {
  const before = text.slice(Math.max(0, start - 24), start);
  if (EMERGENCY.has(digits) || (DIALLED_ONLY.has(digits) && DIALLED.test(before))) {
    return digitByDigit(digits);
  }
  if (!NAMED_BY_NUMBER.test(before) || digits.length < 3) return null;
  if (digits.startsWith('0') || digits.length > 4) return digitByDigit(digits);
  if (digits.length === 4) return year(digits);
  // 214 → "two fourteen"; 205 → "two oh five"; 200 → "two hundred".
  const rest = Number(digits.slice(1));
  if (rest === 0) return cardinal(digits);
  return `${cardinal(digits[0]!)} ${rest < 10 ? `oh ${cardinal(String(rest))}` : cardinal(String(rest))}`;
}

const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const ZIP_CONTEXT = new RegExp(`(?:(?:^|[^\\p{L}])(?:${STATES}),?|(?:zip|ZIP|Zip)(?:[ \\u00a0]?code)?:?|postcode:?|postal code:?)[ \\u00a0]+$`, 'u');
const ZIP_PLUS4 = /-(\d{4})(?!\d)/y;

/** A ZIP code after a state or the word "ZIP": "MA 02139" → "zero two one three nine". */
export function zipReading(text: string, start: number, end: number, digits: string, decorated: boolean): Reading | null {
  if (decorated || digits.length !== 5 || !ZIP_CONTEXT.test(text.slice(Math.max(0, start - 16), start))) return null;
  const plus = at(ZIP_PLUS4, text, end);
  if (plus) return { out: `${digitByDigit(digits)}, ${digitByDigit(plus[1]!)}`, end: end + plus[0].length };
  return { out: digitByDigit(digits), end };
}

