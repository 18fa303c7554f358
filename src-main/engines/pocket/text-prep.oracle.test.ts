// Koe's Pocket TTS prompts against the reference runtime's, computed by the reference's own code
// (npm pocket-tts-onnx 0.1.0, a test-only devDependency: splitIntoBestSentences and
// prepareTextPrompt in src/text.ts, applied per chunk as src/tts.ts:405-429 does). Every sentence
// of the corpus, under five configs, must give the same prompts, the same frames-after-EOS guesses
// and the same token ids.
//
// The one place the two tokenizers may part is the normalizer: Koe reads the flags from the
// ModelProto's normalizer_spec (field 3), as the sentencepiece library does (and so the Python
// reference runtime, which tokenizes with it); the npm runtime reads field 4 (self_test_data,
// src/sentencepiece.ts:88), so it never sees the flags and always adds the word marker, keeps every
// space and folds nothing. The real English tokenizer.model has exactly those flags (identity,
// dummy prefix on, remove_extra_whitespaces off; docs/engines.md), so on a model with the real
// flags everything must agree. The project's fixture model says remove_extra_whitespaces on; there
// the prompts still agree and the ids differ only by the lone "▁" pieces the npm tokenizer keeps.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSentencePieceModel } from '../../../scripts/fixtures/pocket-sentencepiece';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { seededRandom } from '../../../test-support/rng';
import { referenceRuntimeText, type ReferenceRuntimeText, type ReferenceSentencePiece } from '../../../test-support/engines/pocket-reference-text';
import { parsePocketAssets } from './assets';
import type { PocketConfig } from './config';
import { parseSentencePieceModel, SentencePieceTokenizer } from './sentencepiece';
import { chunkForPocket, type TextChunk } from './text-prep';

/** Each line names the case it covers. */
const CORPUS: readonly string[] = [
  // Frames after EOS and padding count every whitespace-separated token.
  'Well — I did it',
  'Well — I did',
  'I did it',
  'Yes - no - maybe so',
  'Oh … okay then',
  'Go ! Go !',
  'Four words right here',
  'Five words are right here',
  // A sentence over the token budget: cut at clause marks, kept whole without any.
  'the lighthouse keeper climbed the stairs at dusk counting each step as he went up to the lamp',
  'the lighthouse keeper climbed the stairs at dusk, counting each step as he went up to the lamp room',
  'first we walked along the river for an hour; then we rested: the sun was low and the water was still',
  'Short one. Then the second sentence goes on and on without a single comma anywhere in it at all',
  'one very long clause that runs on and on well past the budget without stopping, and a second clause that also runs on far past it',
  // A blank line: a period after a final letter or digit, past closing quotes and brackets.
  '"Hello there"\n\nGeneral Kenobi',
  "He said 'no'\n\nthen he left",
  '(an aside)\n\nback to the story',
  '“Curly quotes”\n\n“Again”',
  'A title\n\nThe body starts here.',
  'Wow!\n\nnext paragraph',
  'Wait…\n\nokay',
  'line one\r\n\r\nline two',
  'first\n \t\nsecond',
  'many\n\n\n\nblank lines',
  'Room 101\n\nnext',
  'single\nline break',
  // Sentence ends, numbers, and the rest of the tidying.
  'Pi is 3.14 today. And 3. 5 people came! Wow?! ok',
  'Dr. Smith arrived. He sat down.',
  'one; two; three',
  'a   b    c',
  'tab\tseparated words',
  'élan vital',
  'ßtraße ahead',
  '𝐀𝐁𝐂',
  '"Quoted at the end"',
  'Already done!',
  'Is this the one? Yes! It is... I think.',
  'Pocket TTS speaks in my voice, and the studio keeps it: one two three.',
  'hello world',
  '...',
  '   ',
];

/** The corpus lines whose only reference chunk has nothing to say, which Koe does not speak. */
const NOTHING_TO_SAY = new Set(['...']);

let ref: ReferenceRuntimeText;
let base: PocketConfig;
let fixtureModel: Uint8Array;
let realFlagsModel: Uint8Array;
beforeAll(async () => {
  ref = await referenceRuntimeText();
  const assets = parsePocketAssets(readFileSync(pocketFixtures().assets, 'utf8'));
  base = assets.config;
  fixtureModel = assets.tokenizer;
  realFlagsModel = fixtureSentencePieceModel({ realNormalizer: true });
});

const configs = (): [string, PocketConfig][] => [
  ['the fixture config', base],
  ['padding short prompts', { ...base, padWithSpacesForShortInputs: true }],
  ['removing semicolons', { ...base, removeSemicolons: true }],
  ['a 20-token budget', { ...base, maxTokensPerChunk: 20 }],
  ['an 8-token budget', { ...base, maxTokensPerChunk: 8 }],
];

/** What the reference runtime feeds the model for `text`: per chunk, its prompt, ids and guess. */
function referenceChunks(sp: ReferenceSentencePiece, text: string, c: PocketConfig): TextChunk[] {
  let chunks: string[];
  try {
    chunks = ref.text.splitIntoBestSentences(sp, text, c.maxTokensPerChunk, c.padWithSpacesForShortInputs, c.removeSemicolons);
  } catch (e) {
    // The reference refuses empty text (src/text.ts:43); Koe has nothing to say for it.
    if (text.trim() === '' && /cannot be empty/.test(String(e))) return [];
    throw e;
  }
  return chunks.map((chunk) => {
    const { prompt, framesAfterEosGuess } = ref.text.prepareTextPrompt(chunk, c.padWithSpacesForShortInputs, c.removeSemicolons);
    return { text: prompt, ids: sp.encode(prompt), framesAfterEosGuess };
  });
}

/** Koe's one deliberate difference (docs/engines.md): a prompt without a letter or digit is skipped. */
function spoken(chunks: TextChunk[], line: string): TextChunk[] {
  const kept = chunks.filter((c) => /[\p{L}\p{N}]/u.test(c.text));
  expect(kept.length < chunks.length, `only the designated lines lose a chunk: ${JSON.stringify(line)}`).toBe(NOTHING_TO_SAY.has(line));
  return kept;
}

describe('Pocket TTS prompts equal the reference runtime’s (pocket-tts-onnx as an oracle)', () => {
  it('is the version the citations in these tests point at', () => {
    expect(ref.version).toBe('0.1.0');
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  it('on a tokenizer with the real file’s normalizer flags: same prompts, guesses and ids, for every line and config', () => {
    const ours = SentencePieceTokenizer.fromBytes(realFlagsModel);
    const theirs = ref.tokenizer(realFlagsModel);
    let chunks = 0;
    for (const [label, c] of configs()) {
      for (const line of CORPUS) {
        const want = spoken(referenceChunks(theirs, line, c), line);
        expect(chunkForPocket(line, ours, c), `${label}: ${JSON.stringify(line)}`).toEqual(want);
        chunks += want.length;
      }
    }
    // The corpus does reach the splitting paths: far more chunks than lines under the tight budgets.
    expect(chunks).toBeGreaterThan(5 * CORPUS.length);
  });

  it('and on 500 random strings of words, digits, marks, quotes, spaces and line breaks', () => {
    const ours = SentencePieceTokenizer.fromBytes(realFlagsModel);
    const theirs = ref.tokenizer(realFlagsModel);
    const rand = seededRandom(2026);
    const bits = ['one', 'Two', 'the', 'voice', '3', '14', '.', '. ', '..', '...', '!', '?', ',', ';', ':', ' ', '  ', '\n', '\n\n', '\r\n', '"', '”', ')', "'", '—', 'é', '𝐀'];
    for (let n = 0; n < 500; n++) {
      const line = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => bits[Math.floor(rand() * bits.length)]!).join(rand() < 0.5 ? ' ' : '');
      const c = { ...base, maxTokensPerChunk: [8, 20, 50][n % 3]!, padWithSpacesForShortInputs: n % 2 === 0, removeSemicolons: n % 5 === 0 };
      const want = referenceChunks(theirs, line, c).filter((x) => /[\p{L}\p{N}]/u.test(x.text));
      expect(chunkForPocket(line, ours, c), JSON.stringify(line)).toEqual(want);
    }
  });

  it('the two tokenizers agree token for token on that model, spaces included', () => {
    const ours = SentencePieceTokenizer.fromBytes(realFlagsModel);
    const theirs = ref.tokenizer(realFlagsModel);
    for (const line of [...CORPUS, '        Hi there.', '  leading and   inner   spaces  ']) {
      expect(ours.encode(line), JSON.stringify(line)).toEqual(theirs.encode(line));
      expect(ours.decode(ours.encode(line))).toBe(theirs.decode(theirs.encode(line)));
    }
  });

  it('on the fixture model (remove_extra_whitespaces on): the npm tokenizer differs only because it reads field 4', () => {
    expect(parseSentencePieceModel(fixtureModel).normalizer).toMatchObject({ name: 'identity', addDummyPrefix: true, removeExtraWhitespaces: true });
    const ours = SentencePieceTokenizer.fromBytes(fixtureModel);
    const theirs = ref.tokenizer(fixtureModel);
    const marker = ours.idOf('\u2581')!;
    // The flag says to drop the extra spaces; the npm tokenizer never read it and keeps them.
    expect(ours.encode('  a  b  ')).toEqual(ours.encode('a b'));
    expect(theirs.encode('  a  b  ')).toEqual([marker, marker, ...ours.encode('a'), marker, ...ours.encode('b'), marker, marker]);
    const withoutLoneMarkers = (ids: number[]): number[] => ids.filter((id) => id !== marker);
    for (const [label, c] of configs()) {
      for (const line of CORPUS) {
        const want = spoken(referenceChunks(theirs, line, c), line);
        const got = chunkForPocket(line, ours, c);
        const where = `${label}: ${JSON.stringify(line)}`;
        expect(got.map((g) => [g.text, g.framesAfterEosGuess]), where).toEqual(want.map((w) => [w.text, w.framesAfterEosGuess]));
        got.forEach((g, i) => {
          const theirIds = want[i]!.ids;
          // Same ids where the prompt has no extra space; otherwise only the kept "▁" pieces differ.
          if (!/^ | {2}| $/.test(g.text)) expect(g.ids, where).toEqual(theirIds);
          else expect(withoutLoneMarkers(g.ids), where).toEqual(withoutLoneMarkers(theirIds));
        });
      }
    }
  });
});
