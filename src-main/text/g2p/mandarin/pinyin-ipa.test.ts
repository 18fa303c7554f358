// Expected symbols are written by hand from the standard IPA values of pinyin (Wikipedia
// "Help:IPA/Mandarin"; Duanmu, The Phonology of Standard Chinese, 2007) in misaki's broad
// convention for Kokoro v1.0: zh = ꭧ, ch = ꭧʰ, h = x, r = ɻ, the apical vowel of zhi/zi = ɨ,
// diphthongs without the non-syllabic mark, the tone arrow after the vowel (→ ↗ ↓ ↘), none for the
// neutral tone.
import { describe, expect, it } from 'vitest';
import { pinyinToIpa } from './pinyin-ipa';
import { integerToHanzi, readNumbersZh } from './numbers-zh';

describe('pinyin → Kokoro symbols', () => {
  const cases: [string, string][] = [
    ['zhong1', 'ꭧʊ→ŋ'],
    ['guo2', 'kwo↗'],
    ['ni3', 'ni↓'],
    ['hao3', 'xau↓'],
    ['shi4', 'ʂɨ↘'],
    ['zi0', 'ʦɨ'],
    ['ci2', 'ʦʰɨ↗'],
    ['chi1', 'ꭧʰɨ→'],
    ['ri4', 'ɻɨ↘'],
    ['xue2', 'ɕɥe↗'],
    ['lü4', 'ly↘'],
    ['lv4', 'ly↘'],
    ['nü3', 'ny↓'],
    ['yu2', 'y↗'],
    ['yuan2', 'ɥɛ↗n'],
    ['you3', 'jou↓'],
    ['wei4', 'wei↘'],
    ['wen2', 'wə↗n'],
    ['er2', 'ɚ↗'],
    ['jiu3', 'ʨjou↓'],
    ['dui4', 'twei↘'],
    ['lun4', 'lwə↘n'],
    ['qu4', 'ʨʰy↘'],
    ['jun1', 'ʨy→n'],
    ['bo1', 'pwo→'],
    ['ying1', 'i→ŋ'],
    ['yong4', 'jʊ↘ŋ'],
    ['xiong2', 'ɕjʊ↗ŋ'],
    ['a1', 'a→'],
    ['ang2', 'a↗ŋ'],
    ['ma5', 'ma'],
    ['kan4', 'kʰa↘n'],
    ['tian1', 'tʰjɛ→n'],
    ['ke3', 'kʰɤ↓'],
    ['peng2', 'pʰə↗ŋ'],
  ];
  for (const [py, ipa] of cases) it(`${py} → ${ipa}`, () => expect(pinyinToIpa(py)).toBe(ipa));

  it('refuses what is not a syllable', () => {
    for (const bad of ['', 'x', 'qqq2', '𪚥', 'zhv9']) expect(pinyinToIpa(bad)).toBeNull();
  });
});

describe('numbers read in Chinese', () => {
  // Readings as taught in any standard course (e.g. 《汉语教程》 / HSK 1 numerals): 零 for skipped
  // places, 十 not 一十 at the start, years digit by digit, 两 before a measure word.
  const counts: [string, string][] = [
    ['0', '零'],
    ['10', '十'],
    ['15', '十五'],
    ['20', '二十'],
    ['110', '一百一十'],
    ['1005', '一千零五'],
    ['10005', '一万零五'],
    ['100000', '十万'],
    ['101000', '十万一千'],
    ['100010000', '一亿零一万'],
    ['123456789', '一亿二千三百四十五万六千七百八十九'],
  ];
  for (const [n, hanzi] of counts) it(`${n} → ${hanzi}`, () => expect(integerToHanzi(n)).toBe(hanzi));

  it('reads dates, times, money, percentages, fractions, signs and codes', () => {
    expect(readNumbersZh('2024年3月5日')).toBe('二零二四年三月五日');
    expect(readNumbersZh('2024-03-05')).toBe('二零二四年三月五日');
    expect(readNumbersZh('14:30')).toBe('十四点三十分');
    expect(readNumbersZh('9:05')).toBe('九点零五分');
    expect(readNumbersZh('¥12.50')).toBe('十二元五角');
    expect(readNumbersZh('￥3.05')).toBe('三元零五分');
    expect(readNumbersZh('$100')).toBe('一百美元');
    expect(readNumbersZh('50%')).toBe('百分之五十');
    expect(readNumbersZh('3.5%')).toBe('百分之三点五');
    expect(readNumbersZh('1/3')).toBe('三分之一');
    expect(readNumbersZh('-5度')).toBe('负五度');
    expect(readNumbersZh('3.14')).toBe('三点一四');
    expect(readNumbersZh('1,000人')).toBe('一千人');
    expect(readNumbersZh('2个苹果')).toBe('两个苹果');
    expect(readNumbersZh('第2名')).toBe('第二名');
    expect(readNumbersZh('10年')).toBe('十年');
    expect(readNumbersZh('3-5天')).toBe('三到五天');
    expect(readNumbersZh('电话010')).toBe('电话零一零');
  });
});
