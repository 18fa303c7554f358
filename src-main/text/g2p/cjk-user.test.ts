// User pronunciations inside Japanese and Mandarin text, with a stand-in reader (the analyzers are
// tested on their own): where entries match, which wins, and what reaches the reader.
import { describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { readWithUserEntries } from './cjk-user';
import type { G2PResult } from './types';

const seen: string[] = [];
const read = async (text: string): Promise<G2PResult> => {
  seen.push(text);
  return { phonemes: `[${text}]`, words: [{ text, phonemes: `[${text}]`, source: 'dictionary' }] };
};

describe('user pronunciations in text without spaces', () => {
  it('matches an entry anywhere, longest first, project before global', async () => {
    seen.length = 0;
    const project = [{ word: '銀行', phonemes: 'ɡiŋkoː' }];
    const global = [{ word: '銀', phonemes: 'ɡiɴ' }, { word: '銀行員', phonemes: 'ɡiŋkoːiɴ' }, { word: '銀行', phonemes: 'xxx' }];
    const r = await readWithUserEntries('私は銀行員で、銀行に行く', [project, global], read);
    expect(r.words.map((w) => [w.text, w.source])).toEqual([['私は', 'dictionary'], ['銀行員', 'user'], ['で、', 'dictionary'], ['銀行', 'user'], ['に行く', 'dictionary']]);
    expect(r.phonemes).toBe('[私は] ɡiŋkoːiɴ [で、] ɡiŋkoː [に行く]');
    expect(seen).toEqual(['私は', 'で、', 'に行く']);
  });

  it('matches a Latin word only as a whole word, ignoring case', async () => {
    const r = await readWithUserEntries('SAID的AI', [[{ word: 'ai', respelling: '人工智能' }]], read);
    expect(r.words.map((w) => [w.text, w.source, w.phonemes])).toEqual([['SAID的', 'dictionary', '[SAID的]'], ['AI', 'user', '[人工智能]']]);
  });

  it('refuses phonemes Kokoro cannot say, naming the word', async () => {
    await expect(readWithUserEntries('东京', [[{ word: '东京', phonemes: '###' }]], read)).rejects.toBeInstanceOf(KoeError);
  });

  it('passes the text through untouched without entries', async () => {
    expect((await readWithUserEntries('你好', undefined, read)).phonemes).toBe('[你好]');
  });
});
