// Which parsed line is under the editor caret (Ctrl/Cmd+Enter, the highlighted row).
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src-main/script/parse';
import { lineAtSource, sourceLineOf, type ScriptLine } from './lines';

const line = (index: number, sourceLine: number): ScriptLine => ({ index, speaker: 'A', text: 't', sourceLine, pauseBeforeMs: 0 });

describe('lineAtSource', () => {
  const lines = [line(0, 1), line(1, 2), line(2, 5)];
  it('finds the line starting at or above the caret row (0-based rows)', () => {
    expect(lineAtSource(lines, 0)).toBeNull();
    expect(lineAtSource(lines, 1)?.index).toBe(0);
    expect(lineAtSource(lines, 2)?.index).toBe(1);
    expect(lineAtSource(lines, 4)?.index).toBe(1); // continuation or blank row below line 1
    expect(lineAtSource(lines, 99)?.index).toBe(2);
  });

  it('agrees with the real parser about which editor row each line starts on', () => {
    const script = '# Title\nAnna: Hello there.\n\nBen: Hi.\n  And more.\nAnna： Full-width colon.';
    const rows = script.split('\n');
    const parsed = parseScript(script);
    expect(parsed.lines.map((l) => l.speaker)).toEqual(['Anna', 'Ben', 'Anna']);
    for (const l of parsed.lines) expect(rows[sourceLineOf(l)]).toContain(l.speaker);
    expect(lineAtSource(parsed.lines, 4)?.speaker).toBe('Ben');
    expect(lineAtSource(parsed.lines, 5)?.speaker).toBe('Anna');
  });
});
