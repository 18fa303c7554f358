// Readings are the kana of standard dictionary entries (JMdict/EDRDG, the reading given in
// 【】, with long vowels as the NHK pronunciation dictionary writes them: 東京 トーキョー); the
// expected symbols are written out by hand from misaki's cutlet transcription table (one mora at a
// time: ɯ, ɕ, ʨ, ʥ, ɸ, ç, kʲ, ɾ; っ = ʔ, ー = ː; ん = m before p/b/m, ŋ before k/ɡ, n before
// t/d/n/ɾ/z, ɴ elsewhere), not taken from the code.
import { describe, expect, it } from 'vitest';
import { isKana, kanaToIpa, toHiragana } from './kana-ipa';
import { integerToKana, numberToKana, readNumbersJa } from './numbers-ja';

describe('kana → Kokoro symbols', () => {
  const words: [string, string, string][] = [
    // [word, dictionary reading (pronunciation), expected]
    ['東京', 'トーキョー', 'toːkʲoː'],
    ['学校', 'ガッコー', 'ɡaʔkoː'],
    ['新聞', 'シンブン', 'ɕimbɯɴ'],
    ['先生', 'センセー', 'seɴseː'],
    ['写真', 'シャシン', 'ɕaɕiɴ'],
    ['音楽', 'オンガク', 'oŋɡakɯ'],
    ['一緒', 'イッショ', 'iʔɕo'],
    ['自転車', 'ジテンシャ', 'ʥiteɴɕa'],
    ['病院', 'ビョーイン', 'bʲoːiɴ'],
    ['牛乳', 'ギューニュー', 'ɡʲɨːɲɨː'],
    ['旅行', 'リョコー', 'ɾʲokoː'],
    ['電話', 'デンワ', 'deɴβa'],
    ['勉強', 'ベンキョー', 'beŋkʲoː'],
    ['切手', 'キッテ', 'kʲiʔte'],
    ['天気', 'テンキ', 'teŋkʲi'],
    ['日本語', 'ニホンゴ', 'ɲihoŋɡo'],
    ['散歩', 'サンポ', 'sampo'],
    ['案内', 'アンナイ', 'annai'],
    ['反対', 'ハンタイ', 'hantai'],
    ['富士山', 'フジサン', 'ɸɯʥisaɴ'],
    ['茶碗', 'チャワン', 'ʨaβaɴ'],
    ['ファイル', 'ファイル', 'ɸaiɾɯ'],
    ['パーティー', 'パーティー', 'paːtʲiː'],
    ['ヴァイオリン', 'ヴァイオリン', 'vaioɾʲiɴ'],
    ['図書館', 'トショカン', 'toɕokaɴ'],
    ['ひらがな', 'ひらがな', 'çiɾaɡana'],
  ];
  for (const [word, reading, expected] of words) {
    it(`${word} (${reading}) → ${expected}`, () => {
      expect(kanaToIpa(reading)).toEqual({ phonemes: expected, unknown: [] });
    });
  }

  it('reads the iteration marks ゝ and ゞ (いすゞ = いすず)', () => {
    expect(kanaToIpa('いすゞ').phonemes).toBe('isɨzɨ');
    expect(kanaToIpa('こゝろ').phonemes).toBe('kokoɾo');
  });

  it('names what it cannot read and reads the rest', () => {
    // U+1B001 is a hentaigana (historical kana variant) with no modern reading in the table.
    const r = kanaToIpa('あ\u{1B001}い');
    expect(r.phonemes).toBe('ai');
    expect(r.unknown).toEqual(['\u{1B001}']);
  });

  it('converts katakana to hiragana and recognises kana', () => {
    expect(toHiragana('カタカナー')).toBe('かたかなー');
    expect(isKana('カタカナ')).toBe(true);
    expect(isKana('漢字')).toBe(false);
  });
});

describe('Japanese numbers', () => {
  // Readings as in any Japanese grammar's table of numerals (e.g. Genki I, lesson 2): 300 さんびゃく,
  // 600 ろっぴゃく, 800 はっぴゃく, 3000 さんぜん, 8000 はっせん, 10,000 いちまん; 4 = よん, 7 = なな.
  const cases: [string, string][] = [
    ['0', 'ぜろ'],
    ['4', 'よん'],
    ['10', 'じゅう'],
    ['14', 'じゅうよん'],
    ['47', 'よんじゅうなな'],
    ['100', 'ひゃく'],
    ['300', 'さんびゃく'],
    ['600', 'ろっぴゃく'],
    ['800', 'はっぴゃく'],
    ['1000', 'せん'],
    ['3000', 'さんぜん'],
    ['8000', 'はっせん'],
    ['1990', 'せんきゅうひゃくきゅうじゅう'],
    ['10000', 'いちまん'],
    ['2024', 'にせんにじゅうよん'],
    ['10000000', 'いっせんまん'],
    ['123456789', 'いちおくにせんさんびゃくよんじゅうごまんろくせんななひゃくはちじゅうきゅう'],
  ];
  for (const [n, kana] of cases) it(`${n} → ${kana}`, () => expect(integerToKana(n)).toBe(kana));

  it('reads months, days of the month, people and the native count as textbooks list them', () => {
    // Genki I, lessons 4–5 and appendix (numbers and counters): 4月 しがつ, 7月 しちがつ, 9月 くがつ;
    // 1日 ついたち (a date) or いちにち (one day); 20日 はつか; 1人 ひとり, 2人 ふたり, 4人 よにん; 3つ みっつ.
    expect(readNumbersJa('4月1日')).toBe('シガツツイタチ');
    expect(readNumbersJa('9月20日')).toBe('クガツハツカ');
    expect(readNumbersJa('7月')).toBe('シチガツ');
    expect(readNumbersJa('1日中')).toBe('イチニチ中');
    expect(readNumbersJa('5日')).toBe('イツカ');
    expect(readNumbersJa('1人で')).toBe('ヒトリで');
    expect(readNumbersJa('4人')).toBe('ヨニン');
    expect(readNumbersJa('3つ')).toBe('ミッツ');
    expect(readNumbersJa('10日')).toBe('トーカ');
    expect(readNumbersJa('50%')).toBe('ゴジューパーセント');
  });

  it('reads decimals, grouping commas and ranges', () => {
    expect(numberToKana('3.14')).toBe('さんてんいちよん');
    expect(readNumbersJa('1,000円')).toBe('セン円');
    expect(readNumbersJa('3〜5人')).toBe('サンからゴニン');
    // Written as said, long vowels with ー: きゅうじゅう → キュージュー.
    expect(readNumbersJa('90')).toBe('キュージュー');
  });
});
