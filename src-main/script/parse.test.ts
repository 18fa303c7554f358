import { describe, expect, it } from 'vitest';
import { classifyLine, looksLikeSpeaker, NARRATOR, parseScript, speakerAt, type ScriptLine } from './parse';

/** Lines without their index, which is always their position: easier to read in a table. */
const lines = (script: string): Omit<ScriptLine, 'index'>[] =>
  parseScript(script).lines.map(({ index: _index, ...rest }) => rest);

const line = (speaker: string, text: string, sourceLine: number, pauseBeforeMs = 0): Omit<ScriptLine, 'index'> => ({
  speaker, text, sourceLine, pauseBeforeMs,
});

describe('parseScript', () => {
  it('reads tagged lines in order, with speakers in order of first appearance', () => {
    const parsed = parseScript('Ana: Did you hear that?\nBen: Hear what?\nAna: That.');
    expect(parsed.lines).toEqual([
      { index: 0, speaker: 'Ana', text: 'Did you hear that?', sourceLine: 0, pauseBeforeMs: 0 },
      { index: 1, speaker: 'Ben', text: 'Hear what?', sourceLine: 1, pauseBeforeMs: 0 },
      { index: 2, speaker: 'Ana', text: 'That.', sourceLine: 2, pauseBeforeMs: 0 },
    ]);
    expect(parsed.speakers).toEqual(['Ana', 'Ben']);
  });

  it('gives untagged paragraphs to the Narrator', () => {
    expect(NARRATOR).toBe('Narrator');
    expect(lines('The night was dark.\n\nAna: Hello.\n\nIt grew darker.')).toEqual([
      line(NARRATOR, 'The night was dark.', 0),
      { ...line('Ana', 'Hello.', 2), topic: true },
      { ...line(NARRATOR, 'It grew darker.', 4), topic: true },
    ]);
    expect(parseScript('Plain text.').speakers).toEqual([NARRATOR]);
  });

  it('joins an untagged line to the tagged line right above it', () => {
    expect(lines('Ana: It was late,\nand cold.\n\nnot hers')).toEqual([line('Ana', 'It was late, and cold.', 0), { ...line(NARRATOR, 'not hers', 3), topic: true }]);
  });

  it('joins the lines of a narrator paragraph', () => {
    expect(lines('One line\nand the next\n\nNew paragraph')).toEqual([line(NARRATOR, 'One line and the next', 0), { ...line(NARRATOR, 'New paragraph', 3), topic: true }]);
  });

  it('marks the first line after a blank line or a chapter heading as a new topic, never the first line', () => {
    const parsed = parseScript('\n## One\nAna: Hi.\nBen: Hello.\n\n# a comment\nAna: So.\n## Two\nBen: Yes.\nAna: No.');
    expect(parsed.lines.map((l) => [l.text, l.topic ?? false])).toEqual([['Hi.', false], ['Hello.', false], ['So.', true], ['Yes.', true], ['No.', false]]);
  });

  it('skips comments, which do not break a continuation', () => {
    expect(lines('# Scene 1\nAna: Hi\n  # aside\nthere')).toEqual([line('Ana', 'Hi there', 1)]);
  });

  it('returns nothing for an empty script or one with only comments and blank lines', () => {
    expect(parseScript('')).toEqual({ lines: [], speakers: [], chapters: [] });
    expect(parseScript('# one\n\n   \n# two\n')).toEqual({ lines: [], speakers: [], chapters: [] });
  });

  it('handles Windows and old Mac line endings', () => {
    expect(lines('Ana: One\r\nBen: Two\r\n\r\nThree\rFour')).toEqual([line('Ana', 'One', 0), line('Ben', 'Two', 1), { ...line(NARRATOR, 'Three Four', 3), topic: true }]);
  });

  it('accepts names in any script', () => {
    const parsed = parseScript('Zoë: Bonjour.\n李: 你好。\nО\u0301льга: Привет.\nराम: नमस्ते\nMary-Jane O\'Neil Jr.: Hey.');
    expect(parsed.speakers).toEqual(['Zoë', '李', 'О\u0301льга', 'राम', "Mary-Jane O'Neil Jr."]);
    expect(parsed.lines[1]!.text).toBe('你好。');
  });

  it('accepts a full-width colon after a name', () => {
    expect(lines('李：你好')).toEqual([line('李', '你好', 0)]);
  });

  it('does not take times, links or long prefixes for tags', () => {
    expect(lines('3:45 is late.')).toEqual([line(NARRATOR, '3:45 is late.', 0)]);
    expect(lines('http://example.com is a link')).toEqual([line(NARRATOR, 'http://example.com is a link', 0)]);
    expect(lines('Note: 3:45 is late.')).toEqual([line(NARRATOR, 'Note: 3:45 is late.', 0)]);
    expect(lines(`${'A'.repeat(41)}: too long`)).toEqual([line(NARRATOR, `${'A'.repeat(41)}: too long`, 0)]);
    expect(lines(`${'A'.repeat(40)}: fits`)).toEqual([line('A'.repeat(40), 'fits', 0)]);
    expect(lines('_x: no')).toEqual([line(NARRATOR, '_x: no', 0)]);
  });

  it('accepts a tag at the end of a line, whose text follows', () => {
    expect(lines('Ana:\nHello there.')).toEqual([line('Ana', 'Hello there.', 1)]);
  });

  it('removes stage directions, dropping lines that had nothing else', () => {
    // Known directions are named on the line (parse-directions.test.ts); other notes kept as notes.
    expect(lines('Ben: (whispering) Hear what?')).toEqual([{ ...line('Ben', 'Hear what?', 0), directions: ['whispering'] }]);
    expect(lines('Ben: Hear (softly) what?')).toEqual([{ ...line('Ben', 'Hear what?', 0), directions: ['softly'] }]);
    expect(lines('(Thunder.)\nBen: (laughs)\nAna: Hi')).toEqual([line('Ana', 'Hi', 2)]);
    expect(lines('Ben: Wait (he (really) means it) now')).toEqual([{ ...line('Ben', 'Wait now', 0), notes: ['really', 'he means it'] }]);
  });

  it('a pause at the start of a line sets pauseBeforeMs', () => {
    expect(lines('Ana: [pause 800ms] Hello.')).toEqual([line('Ana', 'Hello.', 0, 800)]);
    expect(lines('Ana: [pause 1.5s] Hello.')).toEqual([line('Ana', 'Hello.', 0, 1500)]);
    expect(lines('[PAUSE 2 s]\nAna: Hello.')).toEqual([line('Ana', 'Hello.', 1, 2000)]);
  });

  it('a pause mid-line splits the line', () => {
    expect(lines("Ben: Hear what? [pause 800ms] There's nothing there.")).toEqual([
      line('Ben', 'Hear what?', 0),
      line('Ben', "There's nothing there.", 0, 800),
    ]);
  });

  it('a pause at the end of a line waits before the next line', () => {
    expect(lines('Ana: Hi. [pause 1s]\nBen: Hello.')).toEqual([line('Ana', 'Hi.', 0), line('Ben', 'Hello.', 1, 1000)]);
    expect(lines('Ana: Hi. [pause 1s]\nthere')).toEqual([line('Ana', 'Hi.', 0), line('Ana', 'there', 1, 1000)]);
  });

  it('adds consecutive pauses and bounds them', () => {
    expect(lines('Ana: [pause 1s][pause 500ms] Hi')).toEqual([line('Ana', 'Hi', 0, 1500)]);
    expect(lines('Ana: [pause 999999s] Hi')).toEqual([line('Ana', 'Hi', 0, 60_000)]);
    expect(lines('Ana: [pause] Hi')).toEqual([line('Ana', 'Hi', 0, 500)]);
  });

  it('does not speak other bracketed cues', () => {
    expect(lines('Ana: [laughs] Funny.')).toEqual([line('Ana', 'Funny.', 0)]);
  });

  it('collapses whitespace inside a line and trims names', () => {
    expect(lines('  Ana  :   Hello    there  ')).toEqual([line('Ana', 'Hello there', 0)]);
    expect(parseScript('Old   Man: Hi').speakers).toEqual(['Old Man']);
  });

  it('lists only speakers who have something to say', () => {
    expect(parseScript('Ana: (silent)\nBen: Hi').speakers).toEqual(['Ben']);
  });

  it('numbers lines consecutively', () => {
    const parsed = parseScript('A: one [pause 1s] two\n\nthree\nB: four');
    expect(parsed.lines.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('copes with huge and odd input', () => {
    const big = 'Ana: Hello there.\nBen: Hi!\n\n'.repeat(20_000);
    const parsed = parseScript(big);
    expect(parsed.lines).toHaveLength(40_000);
    expect(parsed.lines.at(-1)!.sourceLine).toBe(59_998);
    expect(() => parseScript('\u0000\ud800((([[[:::\n'.repeat(100))).not.toThrow();
  });
});

describe('speaker rules', () => {
  it('matches names without regard to case, keeping the first spelling', () => {
    const parsed = parseScript('Ana: One\nANA: Two\nana: Three\nBen: Four');
    expect(parsed.speakers).toEqual(['Ana', 'Ben']);
    expect(parsed.lines.map((l) => l.speaker)).toEqual(['Ana', 'Ana', 'Ana', 'Ben']);
  });

  it('spells the Narrator one way however the script writes it', () => {
    const parsed = parseScript('NARRATOR: It was late.\n\nUntagged.\n\nnarrator: Later.');
    expect(parsed.speakers).toEqual([NARRATOR]);
    expect(parsed.lines.map((l) => l.speaker)).toEqual([NARRATOR, NARRATOR, NARRATOR]);
  });

  it('takes only names of up to three words for tags', () => {
    expect(parseScript('Old Man River: Hi').speakers).toEqual(['Old Man River']);
    expect(lines('The thing he said was this: go.')).toEqual([line(NARRATOR, 'The thing he said was this: go.', 0)]);
  });

  it.each(['Note', 'NOTE', 'Warning', 'Example', 'Tip', 'Chapter 3', 'Part IV', 'Step 2', 'https', 'mailto'])('"%s:" is text, not a speaker', (word) => {
    expect(lines(`${word}: keep the lights on.`)).toEqual([line(NARRATOR, `${word}: keep the lights on.`, 0)]);
  });

  it('never reads a time as a tag', () => {
    expect(lines('10:30 the bus came.')).toEqual([line(NARRATOR, '10:30 the bus came.', 0)]);
    expect(lines('Ana: At 10:30: the bus.')).toEqual([line('Ana', 'At 10:30: the bus.', 0)]);
  });

  it('reads a name the project marked "not a speaker" as text, in any case', () => {
    const script = 'Ana: Hi.\nMEMO: buy milk.';
    expect(parseScript(script).speakers).toEqual(['Ana', 'MEMO']);
    expect(lines(script).length).toBe(2);
    const parsed = parseScript(script, { notSpeakers: ['memo'] });
    expect(parsed.speakers).toEqual(['Ana']);
    expect(parsed.lines.map((l) => l.text)).toEqual(['Hi. MEMO: buy milk.']);
  });

  it('classifies lines the same way for the editor', () => {
    expect(classifyLine('Ana: Hi')).toEqual({ kind: 'text', speaker: 'Ana', body: ' Hi', tagLength: 4 });
    expect(classifyLine('Note: x')).toEqual({ kind: 'text', speaker: null, body: 'Note: x', tagLength: 0 });
    expect(classifyLine('## One')).toEqual({ kind: 'chapter', title: 'One' });
    expect(classifyLine('# c').kind).toBe('comment');
    expect(looksLikeSpeaker('Dr. Who')).toBe(true);
    expect(looksLikeSpeaker('a b c d')).toBe(false);
  });
});

describe('chapters', () => {
  it('starts a chapter at "## Title" and counts its lines', () => {
    const parsed = parseScript('Prologue text.\n## One\nAna: Hi\nBen: Yo\n\n## Two: The Storm\nIt rained.\n## Empty\n');
    expect(parsed.chapters).toEqual([
      { title: 'One', sourceLine: 1, firstLine: 1, lineCount: 2 },
      { title: 'Two: The Storm', sourceLine: 5, firstLine: 3, lineCount: 1 },
      { title: 'Empty', sourceLine: 7, firstLine: 4, lineCount: 0 },
    ]);
    expect(parsed.lines.map((l) => l.text)).toEqual(['Prologue text.', 'Hi', 'Yo', 'It rained.']);
  });

  it('ends the paragraph above, so a heading is never spoken as part of a line', () => {
    expect(lines('Ana: Hi\n## Next\nthere')).toEqual([line('Ana', 'Hi', 0), { ...line(NARRATOR, 'there', 2), topic: true }]);
  });

  it('leaves "#", "###", "##Title" and an indented "##" as comments', () => {
    for (const s of ['# One', '### One', '##One', '  ## One', '##']) expect(parseScript(s).chapters).toEqual([]);
  });

  it('is a paragraph break for speakerAt too', () => {
    expect(speakerAt('Ana: Hi\n## Next\nthere', 2)).toBe(NARRATOR);
    expect(speakerAt('Ana: Hi\n## Next\nthere', 1)).toBe(null);
  });
});

describe('speakerAt', () => {
  const script = ['# title', 'Ana: Hello', 'and more', '', 'Narration here', 'Ben: Yo', '(laughs)', '', 'Zoë:'].join('\n');

  it.each<[number, string | null]>([
    [0, null],
    [1, 'Ana'],
    [2, 'Ana'],
    [3, null],
    [4, NARRATOR],
    [5, 'Ben'],
    [6, 'Ben'],
    [7, null],
    [8, 'Zoë'],
    [9, null],
    [-1, null],
  ])('line %i → %s', (n, speaker) => {
    expect(speakerAt(script, n)).toBe(speaker);
  });

  it('works with Windows line endings', () => {
    expect(speakerAt('Ana: Hi\r\nmore\r\nBen: Yo', 1)).toBe('Ana');
    expect(speakerAt('Ana: Hi\r\nmore\r\nBen: Yo', 2)).toBe('Ben');
  });
});
