import { describe, expect, it } from 'vitest';
import { prepareText, splitClauses, splitSentences } from './index';

describe('splitSentences', () => {
  it.each<[string, string[]]>([
    ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
    ['Dr. Smith arrived. Mr. Jones left.', ['Dr. Smith arrived.', 'Mr. Jones left.']],
    ['Apples, pears, etc. are fruit. We like them.', ['Apples, pears, etc. are fruit.', 'We like them.']],
    ['Fruit, e.g. Apples and pears.', ['Fruit, e.g. Apples and pears.']],
    ['The U.S. Army marched. It was in the U.S. Then it rained.', ['The U.S. Army marched.', 'It was in the U.S.', 'Then it rained.']],
    ['Pi is 3.14 roughly. Yes.', ['Pi is 3.14 roughly.', 'Yes.']],
    ['She read J. R. R. Tolkien. Then she slept.', ['She read J. R. R. Tolkien.', 'Then she slept.']],
    ['Wait... what? I said wait... And then he left!', ['Wait... what?', 'I said wait...', 'And then he left!']],
    ['"Help!" she cried. "Who is there?" Nobody answered.', ['"Help!" she cried.', '"Who is there?"', 'Nobody answered.']],
    ['(It was late.) We slept.', ['(It was late.)', 'We slept.']],
    ['No. 5 is mine. No. Never.', ['No. 5 is mine.', 'No.', 'Never.']],
    ['It cost $5. 10 people came.', ['It cost $5.', '10 people came.']],
    ['Line one\nLine two\n\nLine three', ['Line one', 'Line two', 'Line three']],
    ['你好。我很好！你呢？好的', ['你好。', '我很好！', '你呢？', '好的']],
    ['Привет. Как дела? Хорошо!', ['Привет.', 'Как дела?', 'Хорошо!']],
    ['Visit example.com. It is good.', ['Visit example.com.', 'It is good.']],
    ['', []],
    ['   \n\n  ', []],
  ])('%j', (text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences);
  });

  it('splits normalized text the same way', () => {
    const { spoken, sentences } = prepareText('Dr. Smith paid $5. He left at 7 a.m. Then he slept.');
    expect(spoken).toBe('Doctor Smith paid five dollars. He left at seven a m. Then he slept.');
    expect(sentences).toEqual(['Doctor Smith paid five dollars.', 'He left at seven a m.', 'Then he slept.']);
  });
});

describe('splitClauses', () => {
  it.each<[string, string[]]>([
    ['Well, yes; no: maybe.', ['Well,', 'yes;', 'no:', 'maybe.']],
    ['He came—and went.', ['He came—', 'and went.']],
    ['Wait – stop - now', ['Wait –', 'stop -', 'now']],
    ['It cost 1,000 at 3:45 in 1–2 days', ['It cost 1,000 at 3:45 in 1–2 days']],
    ['你好，世界、大家；好', ['你好，', '世界、', '大家；', '好']],
    ['No clauses here', ['No clauses here']],
    ['', []],
  ])('%j', (sentence, clauses) => {
    expect(splitClauses(sentence)).toEqual(clauses);
  });
});
