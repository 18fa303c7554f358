// Pocket TTS prompt preparation and chunking, one test per rule of the reference runtime, each
// citing where the rule lives in it: npm pocket-tts-onnx 0.1.0 (src/text.ts, src/tts.ts; the same
// files are in node_modules/pocket-tts-onnx/src). Expected prompts are written out by hand from
// those rules; text-prep.oracle.test.ts runs the reference's own code on a larger corpus.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSentencePieceModel } from '../../../scripts/fixtures/pocket-sentencepiece';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { parsePocketAssets } from './assets';
import type { PocketConfig } from './config';
import { framesAfterEos } from './generate';
import { SentencePieceTokenizer } from './sentencepiece';
import { breakParagraphs, chunkForPocket, preparePrompt } from './text-prep';

let tok: SentencePieceTokenizer;
let config: PocketConfig;
beforeAll(() => {
  config = parsePocketAssets(readFileSync(pocketFixtures().assets, 'utf8')).config;
  // The fixture's pieces with the real English tokenizer.model's normalizer flags.
  tok = SentencePieceTokenizer.fromBytes(fixtureSentencePieceModel({ realNormalizer: true }));
});

const plain = { removeSemicolons: false, padWithSpacesForShortInputs: false };
const padded = { ...plain, padWithSpacesForShortInputs: true };
const texts = (text: string, c: Partial<PocketConfig> = {}): string[] => chunkForPocket(text, tok, { ...config, ...c }).map((x) => x.text);

describe('frames after end of speech and padding count every whitespace-separated token', () => {
  // src/text.ts:46 — guess = 3 when `prompt.trim().split(/\s+/).length <= 4`, else 1, counted
  // after the newline and semicolon handling and before the period; src/tts.ts:427 — frames after
  // EOS = config.frames_after_eos ?? guess + 2.
  it('"Well — I did it" is five tokens: three frames after EOS, not five', () => {
    const [well] = chunkForPocket('Well — I did it', tok, config);
    expect(well!.framesAfterEosGuess).toBe(1);
    expect(framesAfterEos(config, well!.framesAfterEosGuess)).toBe(3);
    const [short] = chunkForPocket('I did it', tok, config);
    expect(framesAfterEos(config, short!.framesAfterEosGuess)).toBe(5);
    expect(preparePrompt('Go ! Go ! Go', plain).framesAfterEosGuess).toBe(1);
    expect(preparePrompt('Go ! Go !', plain).framesAfterEosGuess).toBe(3);
    // A fixed tail in the config wins over the guess.
    expect(framesAfterEos({ ...config, framesAfterEos: 8 }, 3)).toBe(8);
  });

  // src/text.ts:51 — eight spaces before a prompt of fewer than five tokens, the period included.
  it('pads by the same count', () => {
    expect(preparePrompt('Well — I did', padded).text).toBe('        Well — I did.');
    expect(preparePrompt('Well — I did it', padded).text).toBe('Well — I did it.');
    expect(texts('Oh … okay', padded)).toEqual(['        Oh … okay.']);
  });
});

describe('a sentence over the token budget', () => {
  // src/text.ts:193-203 — an oversized sentence is re-encoded and cut after its ",;:" runs; when
  // that gives one piece (no clause mark), the sentence is kept whole, over budget or not.
  it('is kept whole when it has no comma, with no period added in the middle', () => {
    const run = 'the lighthouse keeper climbed the stairs at dusk counting each step as he went up to the lamp';
    expect(tok.encode(run).length).toBeGreaterThan(config.maxTokensPerChunk);
    expect(texts(run)).toEqual(['The lighthouse keeper climbed the stairs at dusk counting each step as he went up to the lamp.']);
    expect(texts(`Short one. Then ${run}`)).toEqual(['Short one.', `Then ${run}.`]);
  });

  it('is cut after its clause marks otherwise, each piece a prompt of its own', () => {
    expect(texts('first we walked along the river for an hour; then we rested: the sun was low and the water was still', { maxTokensPerChunk: 20 })).toEqual([
      'First we walked along the river for an hour;',
      'Then we rested:',
      'The sun was low and the water was still.',
    ]);
  });

  // src/text.ts:188 and :109-146 — cuts fall before the first token after a run of ".", "!",
  // "...", "?" (the ids of ".!...?" less the first), except after a period with a digit before it
  // and a digit first in the rest, read trimmed: "3. 5" stays together as "3.14" does.
  it('cuts after runs of sentence marks, never at a decimal point', () => {
    expect(texts('Pi is 3.14 today. And 3. 5 people came! Wow?! ok', { maxTokensPerChunk: 20 })).toEqual(['Pi is 3.14 today.', 'And 3. 5 people came!', 'Wow?! ok.']);
    // Under a budget too small to regroup them, a cut there would show.
    expect(texts('And 3. 5 people came! And 3.14 more.', { maxTokensPerChunk: 8 })).toEqual(['And 3. 5 people came!', 'And 3.14 more.']);
  });

  // src/text.ts:157-176 — pieces are regrouped greedily while their counts fit the budget.
  it('regroups whole sentences greedily under the budget', () => {
    expect(texts('One. Two. Three. Four.', { maxTokensPerChunk: 14 })).toEqual(['One. Two.', 'Three. Four.']);
  });
});

describe('blank lines', () => {
  // src/text.ts:25-31 — the last visible character before a blank line, past any closing quotes
  // or brackets (" ' ” ’ ) ]), gets "." after the closers when it is a letter or digit; the line
  // holding the break may carry spaces and tabs only.
  it('add "." after a closing quote, as after a letter', () => {
    expect(breakParagraphs('"Hello there"\n\nGeneral Kenobi')).toBe('"Hello there". General Kenobi');
    expect(texts('"Hello there"\n\nGeneral Kenobi')).toEqual(['"Hello there". General Kenobi.']);
    expect(breakParagraphs("He said 'no'\n\nthen")).toBe("He said 'no'. then");
    expect(breakParagraphs('“Curly quotes”\n\n“Again”')).toBe('“Curly quotes”. “Again”');
    expect(breakParagraphs('(an aside)\n\nback')).toBe('(an aside). back');
    expect(breakParagraphs('Room 101\n\nnext')).toBe('Room 101. next');
  });

  it('add nothing after other marks, and are the only line breaks that count', () => {
    expect(breakParagraphs('Wow!\n\nnext')).toBe('Wow! next');
    expect(breakParagraphs('Wait…\n\nokay')).toBe('Wait… okay');
    expect(breakParagraphs('first\n \t\nsecond')).toBe('first. second');
    expect(breakParagraphs('many\n\n\n\nblank lines')).toBe('many. blank lines');
    expect(breakParagraphs('line one\r\n\r\nline two')).toBe('line one\r\n\r\nline two');
    expect(texts('single\nline break')).toEqual(['Single line break.']);
  });
});

describe('the rest of the prompt', () => {
  // src/text.ts:44 — "\n" and "\r" become spaces, then one pass of "  " → " " (three spaces
  // leave two; the tokenizer keeps both); :45 semicolons; :48-50 first UTF-16 unit upper-cased,
  // "." after a final UTF-16 unit that is a letter or digit.
  it('tidies whitespace in one pass, as the reference does', () => {
    expect(preparePrompt('  hello   world ', plain).text).toBe('Hello  world.');
    expect(preparePrompt('a\tb', plain).text).toBe('A\tb.');
    expect(preparePrompt('   ', plain).text).toBe('');
  });

  it('capitalises the first character and ends a final letter or digit with a period', () => {
    expect(preparePrompt('élan vital', plain).text).toBe('Élan vital.');
    expect(preparePrompt('Already done!', plain).text).toBe('Already done!');
    expect(preparePrompt('"Quoted at the end"', plain).text).toBe('"Quoted at the end"');
    // An astral letter's last UTF-16 unit is a surrogate, not a letter.
    expect(preparePrompt('𝐀𝐁𝐂', plain).text).toBe('𝐀𝐁𝐂');
    expect(preparePrompt('one; two', { ...plain, removeSemicolons: true }).text).toBe('One, two.');
  });

  // src/tts.ts:405-427 — each chunk goes through the same preparation again before tokenizing.
  it('prepares each chunk again and tokenizes that prompt', () => {
    const chunks = chunkForPocket('Short one. then the next', tok, { ...config, maxTokensPerChunk: 8 });
    expect(chunks.map((c) => c.text)).toEqual(['Short one.', 'Then the next.']);
    for (const c of chunks) expect(c.ids).toEqual(tok.encode(c.text));
  });

  it('speaks nothing for text with nothing to say (Koe’s one difference: docs/engines.md)', () => {
    expect(chunkForPocket('...', tok, config)).toEqual([]);
    expect(chunkForPocket('', tok, config)).toEqual([]);
  });
});
