// Editor colouring and caret↔line mapping: the backdrop must cover every character exactly once.
import { describe, expect, it } from 'vitest';
import { lineOfOffset, offsetOfLine, tokenizeLine } from './highlight';

const speakers = new Set(['Ana', 'Dr Who', 'Zoë']);

describe('tokenizeLine', () => {
  it('colours known speaker tags only', () => {
    expect(tokenizeLine('Ana: Hello.', speakers)).toEqual([
      { text: 'Ana:', kind: 'tag', speaker: 'Ana' },
      { text: ' Hello.', kind: 'text' },
    ]);
    expect(tokenizeLine('Note: not a speaker', speakers)).toEqual([{ text: 'Note: not a speaker', kind: 'text' }]);
    expect(tokenizeLine('Dr Who : hi', speakers)[0]).toEqual({ text: 'Dr Who :', kind: 'tag', speaker: 'Dr Who' });
  });

  it('marks directions, cues and comments, and keeps every character', () => {
    const line = 'Zoë: (softly) Wait [pause 800ms] there.';
    const t = tokenizeLine(line, speakers);
    expect(t.map((x) => x.kind)).toEqual(['tag', 'text', 'direction', 'text', 'cue', 'text']);
    expect(t.map((x) => x.text).join('')).toBe(line);
    expect(tokenizeLine('  # a note', speakers)).toEqual([{ text: '  # a note', kind: 'comment' }]);
    expect(tokenizeLine('', speakers)).toEqual([]);
  });
});

describe('full-width colon tags', () => {
  it('colours a tag written with "：" like the parser reads it', () => {
    const t = tokenizeLine('Anna： こんにちは', new Set(['Anna']));
    expect(t[0]).toEqual({ text: 'Anna：', kind: 'tag', speaker: 'Anna' });
    expect(t.map((x) => x.text).join('')).toBe('Anna： こんにちは');
  });
});

describe('caret offsets', () => {
  const text = 'one\ntwo\n\nfour';
  it('maps offsets to 0-based line and column and back', () => {
    expect(lineOfOffset(text, 0)).toEqual({ line: 0, column: 0 });
    expect(lineOfOffset(text, 3)).toEqual({ line: 0, column: 3 });
    expect(lineOfOffset(text, 4)).toEqual({ line: 1, column: 0 });
    expect(lineOfOffset(text, 9)).toEqual({ line: 3, column: 0 });
    expect(offsetOfLine(text, 3)).toBe(9);
    expect(offsetOfLine(text, 10)).toBe(text.length);
  });
});
