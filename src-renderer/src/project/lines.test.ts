// Which parsed line is under the editor caret (Ctrl/Cmd+Enter, the highlighted row).
import { describe, expect, it } from 'vitest';
import { lineAtSource, type ScriptLine } from './lines';

const line = (index: number, sourceLine: number): ScriptLine => ({ index, speaker: 'A', text: 't', sourceLine, pauseBeforeMs: 0 });

describe('lineAtSource', () => {
  const lines = [line(0, 2), line(1, 3), line(2, 6)];
  it('finds the line starting at or above the caret row (0-based rows, 1-based sourceLine)', () => {
    expect(lineAtSource(lines, 0)).toBeNull();
    expect(lineAtSource(lines, 1)?.index).toBe(0);
    expect(lineAtSource(lines, 2)?.index).toBe(1);
    expect(lineAtSource(lines, 4)?.index).toBe(1); // continuation or blank row below line 1
    expect(lineAtSource(lines, 99)?.index).toBe(2);
  });
});
