// Directions and turn markers in the parser: known directions are named, unknown ones kept as
// silent notes, and "--" / "[over]" mark the turn without being spoken.
import { describe, expect, it } from 'vitest';
import { parseScript } from './parse';
import { DIRECTIONS, deliveryOf, directionName } from './directions';

describe('directions', () => {
  it('names known directions (any case, spoken forms too) and keeps unknown ones as notes', () => {
    const { lines } = parseScript('Ben: (Whispers) No. (turning away) Not now.\nAna: (shouting) (slowly) Come back!');
    expect(lines[0]).toMatchObject({ text: 'No. Not now.', directions: ['whispering'], notes: ['turning away'] });
    expect(lines[1]).toMatchObject({ text: 'Come back!', directions: ['shouting', 'slowly'] });
    expect(lines[1]!.notes).toBeUndefined();
    expect(parseScript('Ana: Hello.').lines[0]!.directions).toBeUndefined();
    expect(parseScript('Ana: (softly) Say [Koe](/kˈOA/).').lines[0]).toMatchObject({ text: 'Say [Koe](/kˈOA/).', directions: ['softly'] });
    expect(parseScript('Ana: Say [Koe](/kˈOA/).').lines[0]!.notes).toBeUndefined();
  });

  it('covers the documented vocabulary, and combines several directions into one effect', () => {
    for (const name of ['whispering', 'softly', 'excited', 'angry', 'sad', 'fast', 'slowly', 'shouting']) expect(directionName(name)).toBe(name);
    expect(directionName('turning away')).toBeNull();
    expect(directionName('constructor')).toBeNull();
    expect(deliveryOf(['sad', 'slowly'])).toEqual({ speed: DIRECTIONS.sad!.speed! * 0.8, pitchSemitones: -1.5, gainDb: -3, tiltDb: -3 });
    expect(deliveryOf([])).toBeNull();
  });

  it('marks a line ending in "--" as cut off and an "[over]" line as said under the last one, speaking neither marker', () => {
    const { lines } = parseScript('Ana: I was just going to say --\nBen: [over] Mm-hm.\nBen: Go on.\nAna: Well—');
    expect(lines.map((l) => [l.speaker, l.text, l.turn])).toEqual([
      ['Ana', 'I was just going to say', 'cut'],
      ['Ben', 'Mm-hm.', 'over'],
      ['Ben', 'Go on.', undefined],
      ['Ana', 'Well', 'cut'],
    ]);
  });

  it('clears the cut when the same line goes on, and keeps a dash inside a sentence', () => {
    const { lines } = parseScript('Ana: I was --\nabout to leave -- really.');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('I was about to leave -- really.');
    expect(lines[0]!.turn).toBeUndefined();
  });
});
