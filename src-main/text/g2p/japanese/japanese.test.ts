// The Japanese path with the real analyzer (kuromoji + IPADIC). Readings are those of standard
// dictionary entries (JMdict/EDRDG; long vowels as the NHK pronunciation dictionary writes them,
// the topic particle は said わ); the phonemes expected are written by hand from those readings with
// misaki's transcription table (see kana-ipa.test.ts), not taken from the code.
import { describe, expect, it } from 'vitest';
import type { G2PResult } from '../types';
import { kuromojiAnalyzer } from './analyzer';
import { JapaneseG2P } from './japanese';

const analyzer = kuromojiAnalyzer();
const latin = async (text: string): Promise<G2PResult> => ({ phonemes: `<${text}>`, words: [{ text, phonemes: `<${text}>`, source: 'gold' }] });
const g2p = new JapaneseG2P(analyzer, latin);

describe('Japanese G2P (kuromoji)', { timeout: 120_000 }, () => {
  it('reads words by their dictionary pronunciation, one word per space', async () => {
    // 東京 とうきょう (トーキョー), に, 行きます いきます.
    const r = await g2p.phonemize('東京に行きます。');
    expect(r.phonemes).toBe('toːkʲoː ɲi ikʲimasɨ.');
    expect(r.words.map((w) => [w.text, w.source])).toEqual([['東京', 'dictionary'], ['に', 'dictionary'], ['行きます', 'dictionary'], ['。', 'punctuation']]);
  });

  it('says the topic particle は as わ and keeps long vowels', async () => {
    // 今日 きょう (キョー), は (ワ), 良い よい, 天気 てんき, です, ね.
    const r = await g2p.phonemize('今日は良い天気ですね');
    expect(r.phonemes).toBe('kʲoː βa joi teŋkʲi desɨ ne');
  });

  it('joins a verb with its endings and a noun with its suffix', async () => {
    // 使って つかって, 食べた たべた, 東京都 とうきょうと.
    const r = await g2p.phonemize('東京都で箸を使って食べた');
    expect(r.words.map((w) => w.text)).toEqual(['東京都', 'で', '箸', 'を', '使って', '食べた']);
    expect(r.phonemes).toBe('toːkʲoːto de haɕi o ʦɨkaʔte tabeta');
  });

  it('reads numbers in digits and full width', async () => {
    // 1990 せんきゅうひゃくきゅうじゅう, 年 ねん; ３００ さんびゃく, 円 えん.
    expect((await g2p.phonemize('1990年')).phonemes.replace(/ /g, '')).toBe('seŋkʲɨːçakɯkʲɨːʥɨːneɴ');
    expect((await g2p.phonemize('３００円')).phonemes.replace(/ /g, '')).toBe('sambʲakɯeɴ');
  });

  it('maps Japanese punctuation onto Kokoro marks', async () => {
    // はい, いいえ.
    const r = await g2p.phonemize('「はい」、いいえ！');
    expect(r.phonemes).toBe('“hai”, iːe!');
    expect((await g2p.phonemize('はい…')).phonemes).toBe('hai…');
    // Brackets are not voiced (misaki writes « », outside Kokoro's vocabulary); いいえ still is.
    expect((await g2p.phonemize('（いいえ）')).phonemes).toBe('iːe');
  });

  it('hands Latin words to the English path', async () => {
    const r = await g2p.phonemize('これはiPhoneです');
    expect(r.words.find((w) => w.text === 'iPhone')).toMatchObject({ phonemes: '<iPhone>' });
    expect(r.warnings).toBeUndefined();
  });

  it('skips a kanji with no reading and unknown kana, naming the place, and reads the rest', async () => {
    // U+20BB7 (𠮷, a variant of 吉) is not in IPADIC; U+1B001 is a hentaigana with no modern reading.
    const r = await g2p.phonemize('山田\u{20BB7}男さん、こんにちは\u{1B001}');
    expect(r.warnings).toBeDefined();
    expect(r.warnings!.join(' ')).toMatch(/“\u{20BB7}[^”]*” in “[^”]*\u{20BB7}/u);
    expect(r.warnings!.join(' ')).toMatch(/\u{1B001}/u);
    // 山田 やまだ, こんにちは still spoken.
    expect(r.phonemes).toContain('jamada');
    expect(r.phonemes).toContain('koɲɲiʨiβa');
  });
});
