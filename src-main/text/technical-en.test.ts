// Technical and creator text read as people read it: files, paths, versions, multipliers, model
// sizes, Roman numerals and numbers that are names.
import { describe, expect, it } from 'vitest';
import { normalizeText } from './index';

type Case = [input: string, spoken: string];

function table(name: string, cases: Case[], language?: string): void {
  describe(name, () => {
    it.each(cases)('%j', (input, spoken) => {
      expect(normalizeText(input, language)).toBe(spoken);
    });
  });
}

table('file names and paths', [
  ['See README.md.', 'See README dot M D.'],
  ['Open FEATURES.md first', 'Open FEATURES dot M D first'],
  ['see ../docs/engines.md for more', 'see docs slash engines dot M D for more'],
  ['run ./bench/run.ts', 'run bench slash run dot T S'],
  ['models/us_gold.json', 'models slash us gold dot JSON'],
  ['in src-main/text/g2p', 'in src main slash text slash g two p'],
  ['/usr/bin/chromium', 'usr slash bin slash chromium'],
  ['~/Music/take1.wav', 'home slash Music slash take one dot W A V'],
  ['song.mp3 and clip.m4a', 'song dot M P three and clip dot M four A'],
  ['Node.js', 'Node dot J S'],
  // Not paths: one slash between words, a full stop without a space, an unknown extension.
  ['and/or', 'and/or'],
  ['the end.Then', 'the end.Then'],
  ['snake_case name', 'snake case name'],
]);

table('versions', [
  ['v1.0.2', 'version one point oh point two'],
  ['Kokoro v1.0 is out', 'Kokoro version one point oh is out'],
  ['version 1.2.3', 'version one point two point three'],
]);

table('multipliers and model sizes', [
  ['3x faster', 'three times faster'],
  ['2-4x speed-up', 'two to four times speed-up'],
  ['2× speed', 'two times speed'],
  ['0.5x', 'zero point five times'],
  ['82M parameters', 'eighty-two million parameters'],
  ['Kokoro-82M', 'Kokoro eighty-two million'],
  ['a 7B model', 'a seven billion model'],
  ['1.5B tokens', 'one point five billion tokens'],
  ['5K users', 'five thousand users'],
  ['5 m away', 'five meters away'],
]);

table('ranges', [
  ['5-10 minutes', 'five to ten minutes'],
  ['pages 3–7', 'pages three to seven'],
]);

table('Roman numerals where a reader says them', [
  ['Chapter IV', 'Chapter four'],
  ['CHAPTER IX', 'CHAPTER nine'],
  ['Part II', 'Part two'],
  ['Part I begins', 'Part one begins'],
  ['Henry VIII', 'Henry the eighth'],
  ["Henry VIII's wives", "Henry the eighth's wives"],
  ['Louis XIV', 'Louis the fourteenth'],
  ['World War II', 'World War two'],
  ['World War I', 'World War one'],
  ['Rocky II', 'Rocky two'],
  // Words and letters stay.
  ['Then I went', 'Then I went'],
  ['I think', 'I think'],
  ['MIX it', 'MIX it'],
  ['Malcolm X', 'Malcolm X'],
  ['Vitamin C', 'Vitamin C'],
]);

table('numbers said as names', [
  ['Call 911 now', 'Call nine one one now'],
  ['dial 999', 'dial nine nine nine'],
  ['112 pages', 'one hundred twelve pages'],
  ['room 214', 'room two fourteen'],
  ['Room 1204', 'Room twelve oh four'],
  ['Flight 1549', 'Flight fifteen forty-nine'],
  ['gate 305', 'gate three oh five'],
  ['suite 200', 'suite two hundred'],
  ['ZIP code 02139', 'ZIP code zero two one three nine'],
  ['Boston, MA 02139-4307', 'Boston, MA zero two one three nine, four three zero seven'],
  ['Beverly Hills, CA 90210', 'Beverly Hills, CA nine zero two one zero'],
  ['90210 people', 'ninety thousand two hundred ten people'],
]);
