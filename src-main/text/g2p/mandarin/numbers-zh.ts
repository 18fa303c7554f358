// Numbers, dates, times, percentages and money written with digits in Chinese text become the
// characters a reader says (misaki runs cn2an's an2cn over the text for the same reason: pinyin
// has no reading for "2024"). Years before 年 and long digit strings are read digit by digit
// (二零二四年), counts by place (一千零五, 十五万), and 2 before a measure word is 两 (两个, but
// 第二名).

const DIGITS = '零一二三四五六七八九';
const SMALL_UNITS = ['', '十', '百', '千'];
const BIG_UNITS = ['', '万', '亿', '万亿'];
/** Measure words after which 2 is said 两. */
const LIANG_BEFORE = '个位只件本张次种块条台辆杯瓶岁名双对天周';

export const digitByDigit = (s: string): string => [...s].map((d) => DIGITS[Number(d)]).join('');

/** 1–9999 inside a number; `lead` when nothing comes before it (10–19 say 十, not 一十). */
function group(n: number, lead: boolean): string {
  const ds = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(ds[i]);
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    const unit = SMALL_UNITS[3 - i]!;
    out += d === 1 && unit === '十' && lead && !out ? unit : DIGITS[d]! + unit;
  }
  return out;
}

/** A whole number by place value; past 16 digits it is read digit by digit. */
export function integerToHanzi(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (clean === '0') return '零';
  if (clean.length > 16) return digitByDigit(clean);
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 4) groups.unshift(Number(clean.slice(Math.max(0, end - 4), end)));
  let out = '';
  let gap = false;
  groups.forEach((g, i) => {
    const power = groups.length - 1 - i;
    if (!g) {
      gap = out !== '';
      return;
    }
    // 零 stands for skipped places: 一万零五 (10005), 一亿零一百万 (100,000,000 + 1,000,000).
    if (out && (gap || g < 1000)) out += '零';
    gap = false;
    out += group(g, out === '') + BIG_UNITS[power];
  });
  return out;
}

export function numberToHanzi(text: string): string {
  const [whole, fraction] = text.replace(/,/g, '').split('.');
  const head = integerToHanzi(whole || '0');
  return fraction ? `${head}点${digitByDigit(fraction)}` : head;
}

/** ¥12.50 → 十二元五角; other currencies as a decimal number before their name. */
function yuan(amount: string): string {
  const [whole, fraction = ''] = amount.replace(/,/g, '').split('.');
  const jiao = Number(fraction[0] ?? 0);
  const fen = Number(fraction[1] ?? 0);
  let out = `${integerToHanzi(whole || '0')}元`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  if (fen) out += `${jiao ? '' : '零'}${DIGITS[fen]}分`;
  return out;
}

const CURRENCY: Readonly<Record<string, string>> = { $: '美元', US$: '美元', '€': '欧元', '£': '英镑', HK$: '港元', '₩': '韩元', '¥': '元', '￥': '元' };
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** The text with every digit sequence replaced by its reading in characters. */
export function readNumbersZh(text: string): string {
  return (
    text
      // Dates: 2024-03-05, 2024/3/5, 2024.3.5.
      .replace(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g, (_, y: string, m: string, d: string) => `${digitByDigit(y)}年${integerToHanzi(m)}月${integerToHanzi(d)}日`)
      // Times: 9:05, 14:30:15.
      .replace(/(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/g, (_, h: string, m: string, s?: string) => {
        const min = Number(m) === 0 ? '' : `${Number(m) < 10 ? '零' : ''}${integerToHanzi(m)}分`;
        const hour = h === '2' ? '两' : integerToHanzi(h);
        return `${hour}点${min || (s ? '零分' : '')}${s ? `${integerToHanzi(s)}秒` : ''}`;
      })
      // Years: four digits before 年 are read digit by digit (十年 is a duration, 二零二四年 a year).
      .replace(/(?<![\d.])(\d{4})(?=\s*年)/g, (y: string) => digitByDigit(y))
      // Money.
      .replace(new RegExp(String.raw`(US\$|HK\$|[$€£₩¥￥])\s?(${NUMBER})`, 'g'), (_, sym: string, n: string) => (CURRENCY[sym] === '元' ? yuan(n) : `${numberToHanzi(n)}${CURRENCY[sym]}`))
      // Percentages and fractions.
      .replace(new RegExp(String.raw`(${NUMBER})\s?[%％]`, 'g'), (_, n: string) => `百分之${numberToHanzi(n)}`)
      .replace(/(?<![\d/])(\d+)\/(\d+)(?![\d/])/g, (_, a: string, b: string) => `${integerToHanzi(b)}分之${integerToHanzi(a)}`)
      // Ranges: 3-5, 3~5 → 三到五.
      .replace(/(\d)\s*[-~～〜–]\s*(?=\d)/g, '$1到')
      // A minus sign before a number, not between two of them.
      .replace(new RegExp(String.raw`(?<![\w)])[-−](?=${NUMBER})`, 'g'), '负')
      // Digit strings that are codes rather than counts: a leading zero, or longer than a count.
      .replace(/(?<![\d.,])(0\d+|\d{12,})(?![\d.,])/g, (d: string) => digitByDigit(d))
      .replace(new RegExp(NUMBER, 'g'), (n: string, at: number, all: string) => (n === '2' && LIANG_BEFORE.includes(all[at + 1] ?? '') && all[at - 1] !== '第' ? '两' : numberToHanzi(n)))
  );
}
