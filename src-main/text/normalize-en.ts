// English text normalization: one left-to-right pass of a single combined pattern that finds the
// start of anything needing words (a link, an address, a phone number, a date, a number, an
// abbreviation, a symbol); a reader for that kind consumes it and the scan resumes after it.
// One pass instead of dozens of whole-text replacements keeps a megabyte well under a second, and
// no rule ever rewrites another rule's output.
import { ABBR_SRC, expandAbbreviation } from './abbreviations';
import { tidySpaces } from './cleanup';
import { MONTH_SRC, readMonthDate } from './datetime-en';
import { readNumeric } from './numeric-en';
import type { EnglishOptions, Reading } from './reading';
import { SYMBOL_SRC, speakSymbol } from './symbols';
import { PATH_SRC, readPath, readRoman, readVersion, ROMAN_SRC, VERSION_SRC } from './technical-en';
import { EMAIL_SRC, PHONE_SRC, URL_SRC, speakEmail, speakPhone, speakUrl } from './web';

export type { EnglishOptions } from './reading';

const NUM_TRIGGER = "(?<![\\p{N}])(?:[-\\u2212]?[$£€¥]?\\d|'(?=\\d0s(?![\\p{L}\\p{N}])))|(?<![\\p{L}\\p{N}.])\\.(?=\\d)";
const MONTH_TRIGGER = `(?<![\\p{L}])${MONTH_SRC}\\.?(?=[ \\u00a0]\\d)`;

// Order matters only between alternatives that can start at the same place: an e-mail before a
// link, a phone number before a plain number, "Mar 3" as a date before "Mar." as an abbreviation.
const MAIN_RE = new RegExp(
  [
    `(?<email>${EMAIL_SRC})`,
    `(?<url>${URL_SRC})`,
    `(?<phone>${PHONE_SRC})`,
    `(?<path>${PATH_SRC})`,
    `(?<ver>${VERSION_SRC})`,
    `(?<roman>${ROMAN_SRC})`,
    `(?<month>${MONTH_TRIGGER})`,
    `(?<num>${NUM_TRIGGER})`,
    `(?<abbr>${ABBR_SRC})`,
    `(?<sym>${SYMBOL_SRC})`,
  ].join('|'),
  'gu',
);

export function normalizeEnglish(text: string, opts: EnglishOptions): string {
  const out: string[] = [];
  let last = 0;
  const re = new RegExp(MAIN_RE);
  let notPathUntil = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const g = m.groups!;
    let r: Reading;
    // A path is found by its extension or a slash inside it and read from where it begins; an
    // underscore may be the first sign of one (us_gold.json) and must not cut it in two.
    if ((g.path !== undefined || (g.sym !== undefined && m[0] === '_')) && start >= notPathUntil) {
      const p = readPath(text, start, last);
      if (p.out === null) {
        notPathUntil = p.end;
        r = g.sym !== undefined ? { out: speakSymbol(text, start), end: start + 1 } : { out: m[0], end: start + m[0].length };
      } else {
        out.push(text.slice(last, p.start), p.out);
        last = p.end;
        re.lastIndex = last;
        continue;
      }
    } else if (g.path !== undefined) {
      r = { out: m[0], end: start + m[0].length };
    } else if (g.ver !== undefined) r = readVersion(text, start);
    else if (g.roman !== undefined) r = readRoman(text, start, m[0]);
    else if (g.email !== undefined) r = { out: speakEmail(m[0]), end: start + m[0].length };
    else if (g.url !== undefined) r = { out: speakUrl(m[0]), end: start + m[0].length };
    else if (g.phone !== undefined) r = { out: speakPhone(m[0]), end: start + m[0].length };
    else if (g.month !== undefined) r = readMonthDate(text, start, m[0]);
    else if (g.num !== undefined) r = readNumeric(text, start, opts);
    else if (g.abbr !== undefined) r = { out: expandAbbreviation(text, start, m[0]), end: start + m[0].length };
    else r = { out: speakSymbol(text, start), end: start + m[0].length };
    out.push(text.slice(last, start), r.out);
    last = Math.max(r.end, start + 1);
    re.lastIndex = last;
  }
  out.push(text.slice(last));
  return tidySpaces(out.join(''));
}
