// Numbers in Japanese text, written in digits, become their reading in hiragana before analysis,
// as misaki's cutlet path does (the analyzer's dictionary has no reading for "1990"). Counting goes
// by myriads (まん, おく, ちょう) with the sound changes of 300, 600, 800, 3000 and 8000; a leading
// 1 is silent before じゅう, ひゃく and せん but not before まん (いちまん). The counters whose
// readings every textbook lists apart are read as such: months (しがつ, しちがつ, くがつ), days of the
// month (ついたち, ふつか … とおか, はつか), people (ひとり, ふたり, よにん) and the native つ count
// (ひとつ … ここのつ); other counters' sound changes (さんぼん, いっぷん) are not attempted.

const DIGIT = ['ぜろ', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'];
const HUNDREDS: Readonly<Record<number, string>> = { 1: 'ひゃく', 3: 'さんびゃく', 6: 'ろっぴゃく', 8: 'はっぴゃく' };
const THOUSANDS: Readonly<Record<number, string>> = { 1: 'せん', 3: 'さんぜん', 8: 'はっせん' };
const MYRIADS = ['', 'まん', 'おく', 'ちょう', 'けい'];

/** 1–9999 (0 gives ''). */
function underMyriad(n: number, inLarger: boolean): string {
  const th = Math.floor(n / 1000);
  const h = Math.floor(n / 100) % 10;
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  let s = '';
  // A thousand inside a larger number is いっせん (いっせんまん), alone it is せん.
  if (th) s += th === 1 && inLarger && n % 1000 === 0 && n >= 1000 ? 'いっせん' : THOUSANDS[th] ?? `${DIGIT[th]}せん`;
  if (h) s += HUNDREDS[h] ?? `${DIGIT[h]}ひゃく`;
  if (t) s += t === 1 ? 'じゅう' : `${DIGIT[t]}じゅう`;
  if (u) s += DIGIT[u];
  return s;
}

/** A whole number written with digits (no separators). */
export function integerToKana(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (clean === '0') return 'ぜろ';
  // Past 10^20 nobody counts aloud: read the digits.
  if (clean.length > 20) return [...clean].map((d) => DIGIT[Number(d)]).join('');
  let out = '';
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 4) groups.unshift(Number(clean.slice(Math.max(0, end - 4), end)));
  groups.forEach((g, i) => {
    if (!g) return;
    const power = groups.length - 1 - i;
    out += underMyriad(g, power > 0) + MYRIADS[power];
  });
  return out;
}

/** "3.14" → さんてんいちよん: the fraction is read digit by digit. */
export function numberToKana(text: string): string {
  const [whole, fraction] = text.replace(/,/g, '').split('.');
  const head = integerToKana(whole || '0');
  return fraction ? `${head}てん${[...fraction].map((d) => DIGIT[Number(d)]).join('')}` : head;
}

/**
 * The reading as it is said, in katakana (きゅう → キュー): the analyzer then takes it as one
 * katakana word read as written, where hiragana could be cut into words and は read as the particle.
 */
function spoken(kana: string): string {
  return kana.replace(/([ゅょ])う/g, '$1ー').replace(/([こそとのほもよろ])[うお]/g, '$1ー').replace(/[\u3041-\u3096]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0x60));
}

const MONTHS = ['', 'いちがつ', 'にがつ', 'さんがつ', 'しがつ', 'ごがつ', 'ろくがつ', 'しちがつ', 'はちがつ', 'くがつ', 'じゅうがつ', 'じゅういちがつ', 'じゅうにがつ'];
const DAYS: Readonly<Record<number, string>> = {
  1: 'ついたち', 2: 'ふつか', 3: 'みっか', 4: 'よっか', 5: 'いつか', 6: 'むいか', 7: 'なのか', 8: 'ようか', 9: 'ここのか', 10: 'とおか',
  14: 'じゅうよっか', 17: 'じゅうしちにち', 19: 'じゅうくにち', 20: 'はつか', 24: 'にじゅうよっか', 27: 'にじゅうしちにち', 29: 'にじゅうくにち',
};
const PEOPLE: Readonly<Record<number, string>> = { 1: 'ひとり', 2: 'ふたり', 4: 'よにん', 7: 'しちにん' };
const NATIVE = ['', 'ひとつ', 'ふたつ', 'みっつ', 'よっつ', 'いつつ', 'むっつ', 'ななつ', 'やっつ', 'ここのつ'];

/** A day of the month; `dated` after a month (1日 alone is いちにち, "one day"). */
function day(n: number, dated: boolean): string {
  if (n === 1 && !dated) return 'いちにち';
  return DAYS[n] ?? `${integerToKana(String(n))}にち`;
}

/**
 * Digits in the text replaced by their reading; a wave dash between numbers is から ("3〜5").
 * Grouping commas (1,000) and a decimal point between digits belong to the number.
 */
export function readNumbersJa(text: string): string {
  return text
    .replace(/(\d)\s*[〜～~]\s*(?=\d)/g, '$1から')
    .replace(/(?<![\d.])(\d{1,2})月(?:(\d{1,2})日)?/g, (all, m: string, d?: string) => {
      const month = Number(m);
      if (month < 1 || month > 12) return all;
      const date = d && Number(d) >= 1 && Number(d) <= 31 ? day(Number(d), true) : d ? `${integerToKana(d)}にち` : '';
      return spoken(MONTHS[month]! + date);
    })
    .replace(/(?<![\d.])(\d{1,2})日/g, (all, d: string) => (Number(d) >= 1 && Number(d) <= 31 ? spoken(day(Number(d), false)) : all))
    .replace(/(?<![\d.])(\d{1,2})人/g, (_, n: string) => spoken(PEOPLE[Number(n)] ?? `${integerToKana(n)}にん`))
    .replace(/(?<![\d.])([1-9])つ/g, (_, n: string) => spoken(NATIVE[Number(n)]!))
    .replace(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g, (m) => spoken(numberToKana(m)))
    .replace(/[%％]/g, 'パーセント');
}
