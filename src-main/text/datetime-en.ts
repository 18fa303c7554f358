// English dates and clock times: recognizing the written forms ("12/25/2024", "2024-12-25",
// "March 3, 2021", "3 March 2021", "3:45 pm", "7 a.m.") and how they are spoken, which is a matter
// of taste best kept in one place.
import { periodEndsSentence } from './abbreviations';
import { cardinal, ordinal, shortYear, year } from './numbers';
import { at, SP, sticky, type EnglishOptions, type Reading } from './reading';

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const MONTH_INDEX: Record<string, number> = {};
MONTHS.forEach((m, i) => {
  MONTH_INDEX[m.toLowerCase()] = i + 1;
  MONTH_INDEX[m.slice(0, 3).toLowerCase()] = i + 1;
});
MONTH_INDEX.sept = 9;

/** Full names before their abbreviations so the alternation prefers the longer spelling. */
export const MONTH_SRC = `(?:${MONTHS.join('|')}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)`;

export function monthNumber(name: string): number {
  return MONTH_INDEX[name.toLowerCase()] ?? 0;
}

export function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function yearWords(digits: string): string {
  return digits.length === 2 ? shortYear(digits) : year(digits);
}

/**
 * "December twenty-fifth, twenty twenty-four" (month first, as Americans say it) or
 * "the twenty-fifth of December, twenty twenty-four" (day first, as the British do).
 */
export function speakDate(month: number, day: number, yearDigits: string | undefined, dayFirst: boolean): string {
  const name = MONTHS[month - 1] ?? '';
  const d = ordinal(String(day));
  const head = dayFirst ? `the ${d} of ${name}` : `${name} ${d}`;
  return yearDigits ? `${head}, ${yearWords(yearDigits)}` : head;
}

export function validTime(h: number, m: number, s: number | undefined, meridiem: string | undefined): boolean {
  if (m > 59 || (s !== undefined && s > 59)) return false;
  return meridiem ? h >= 1 && h <= 12 : h <= 24;
}

function minutesWords(m: number): string {
  return m < 10 ? `oh ${cardinal(String(m))}` : cardinal(String(m));
}

/**
 * "3:45" → three forty-five, "3:05" → three oh five, "3:00" → three o'clock, "15:00" → fifteen
 * hundred (24-hour times are read the way they are written), "3:45 pm" → three forty-five p m.
 * The meridiem is spelled "a m" / "p m" so every engine says the letters, not the word "am".
 */
export function speakTime(h: number, m: number, s: number | undefined, meridiem: string | undefined): string {
  const hour = cardinal(String(h));
  let out: string;
  if (meridiem) out = m === 0 ? hour : `${hour} ${minutesWords(m)}`;
  else if (m === 0) out = h >= 1 && h <= 12 ? `${hour} o'clock` : `${hour} hundred`;
  else out = `${hour} ${minutesWords(m)}`;
  if (s !== undefined && s > 0) out += ` and ${cardinal(String(s))} ${s === 1 ? 'second' : 'seconds'}`;
  if (meridiem) out += meridiem.toLowerCase() === 'a' ? ' a m' : ' p m';
  return out;
}

// "2024-12-25T10:00": the T is consumed and the time after it read on its own.
const ISO_DATE_RE = sticky('(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(T)(?=\\d)|(?![\\d\\p{L}]))', 'u');
const NUMERIC_DATE_RE = sticky('(\\d{1,2})([\\/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d\\p{L}]|[.\\/-]\\d)', 'u');
const DAY_MONTH_RE = sticky(`(\\d{1,2})(?:st|nd|rd|th)?${SP}(?:of${SP})?(${MONTH_SRC})(\\.?)(?![\\p{L}])(?:,?${SP}(\\d{4})(?![\\d\\p{L}]))?`, 'u');
const TIME_RE = sticky(`(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?!\\d)(?:${SP}?([AaPp])(\\.?)[Mm](\\.?)(?![\\p{L}\\p{N}]))?`, 'u');
const HOUR_MERIDIEM_RE = sticky(`(\\d{1,2})${SP}?([AaPp])(\\.?)[Mm](\\.?)(?![\\p{L}\\p{N}])`, 'u');

/** A date written with numbers or with the day before the month, at `p`. */
export function dateReading(text: string, p: number, opts: EnglishOptions): Reading | null {
  let m = at(ISO_DATE_RE, text, p);
  if (m) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (validDate(mo, d)) return { out: speakDate(mo, d, m[1], opts.dayFirst) + (m[4] ? ' at ' : ''), end: p + m[0].length };
  }
  m = at(NUMERIC_DATE_RE, text, p);
  if (m && (m[2] !== '.' || m[4]!.length === 4)) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    // Written order follows the locale, unless the numbers only make sense the other way round.
    let dayFirst = opts.dayFirst;
    if (!dayFirst && a > 12 && b <= 12) dayFirst = true;
    else if (dayFirst && b > 12 && a <= 12) dayFirst = false;
    if (dayFirst) [a, b] = [b, a];
    if (validDate(a, b)) return { out: speakDate(a, b, m[4], opts.dayFirst), end: p + m[0].length };
  }
  m = at(DAY_MONTH_RE, text, p);
  if (m) {
    const d = Number(m[1]);
    const mo = monthNumber(m[2]!);
    if (validDate(mo, d)) {
      const end = p + m[0].length;
      const period = m[3] && !m[4] && periodEndsSentence(text, end) ? '.' : '';
      // "3 March 2021" is read the way it is written, day first, whatever the locale.
      return { out: speakDate(mo, d, m[4], true) + period, end };
    }
  }
  return null;
}

/** A clock time at `p`: "3:45", "15:30:10", "3:45 pm", "7 a.m.". */
export function timeReading(text: string, p: number): Reading | null {
  let m = at(TIME_RE, text, p);
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    const s = m[3] === undefined ? undefined : Number(m[3]);
    if (validTime(h, min, s, m[4])) {
      const end = p + m[0].length;
      return { out: speakTime(h, min, s, m[4]) + (m[6] && periodEndsSentence(text, end) ? '.' : ''), end };
    }
  }
  m = at(HOUR_MERIDIEM_RE, text, p);
  if (m) {
    const h = Number(m[1]);
    if (validTime(h, 0, undefined, m[2])) {
      const end = p + m[0].length;
      return { out: speakTime(h, 0, undefined, m[2]) + (m[4] && periodEndsSentence(text, end) ? '.' : ''), end };
    }
  }
  return null;
}

const MONTH_DAY_RE = new RegExp(
  `(${MONTH_SRC})(\\.?)[ \\u00a0](\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}]|[.,:]\\d)(?:,?[ \\u00a0](\\d{4})(?![\\p{L}\\p{N}]))?`,
  'uy',
);

/** "March 3, 2021" → "March third, twenty twenty-one". Not a date ("May 500"): just the month. */
export function readMonthDate(text: string, start: number, trigger: string): Reading {
  MONTH_DAY_RE.lastIndex = start;
  const m = MONTH_DAY_RE.exec(text);
  if (m) {
    const mo = monthNumber(m[1]!);
    const d = Number(m[3]);
    if (validDate(mo, d)) return { out: speakDate(mo, d, m[4], false), end: start + m[0].length };
  }
  const period = trigger.endsWith('.');
  const name = trigger.slice(0, period ? -1 : trigger.length);
  const full = MONTHS[monthNumber(name) - 1] ?? name;
  const keep = period && periodEndsSentence(text, start + trigger.length) ? '.' : '';
  return { out: full + keep, end: start + trigger.length };
}
