// The SentencePiece unigram tokenizer on the fixture's hand-built model: protobuf parsing, Viterbi
// choices, word markers, byte fallback for characters the vocabulary lacks, and round trips.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePieces, fixtureSentencePieceModel } from '../../../scripts/fixtures/pocket-sentencepiece';
import { parsePocketAssets } from './assets';
import { parseSentencePieceModel, SentencePieceTokenizer } from './sentencepiece';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';

let tok: SentencePieceTokenizer;
let modelBytes: Uint8Array;
beforeAll(() => {
  const assets = parsePocketAssets(readFileSync(pocketFixtures().assets, 'utf8'));
  modelBytes = assets.tokenizer;
  tok = SentencePieceTokenizer.fromBytes(modelBytes);
});

const pieces = (text: string) => tok.encode(text).map((id) => tok.pieceOf(id));

describe('SentencePiece model parsing', () => {
  it('reads every piece with its score and type, and the trainer and normalizer settings', () => {
    const model = parseSentencePieceModel(modelBytes);
    const expected = fixturePieces();
    expect(model.pieces).toHaveLength(expected.length);
    expect(model.pieces[0]).toEqual({ piece: '<unk>', score: 0, type: 2 });
    expect(model.pieces[3]).toEqual({ piece: '<0x00>', score: 0, type: 6 });
    const hello = expected.findIndex((p) => p.piece === '▁hello');
    expect(model.pieces[hello]!.piece).toBe('▁hello');
    expect(model.pieces[hello]!.score).toBeCloseTo(expected[hello]!.score, 5);
    expect(model.byteFallback).toBe(true);
    expect(model.unkId).toBe(0);
    expect(model.normalizer).toEqual({ name: 'identity', addDummyPrefix: true, removeExtraWhitespaces: true, escapeWhitespaces: true });
  });

  it('reads the normalizer flags from normalizer_spec (field 3), where the sentencepiece library reads them', () => {
    // The npm reference runtime reads field 4 (self_test_data; pocket-tts-onnx 0.1.0
    // src/sentencepiece.ts:88), so it never sees these flags; the real file's flags are what it
    // assumes anyway (docs/engines.md).
    const real = parseSentencePieceModel(fixtureSentencePieceModel({ realNormalizer: true }));
    expect(real.normalizer).toEqual({ name: 'identity', addDummyPrefix: true, removeExtraWhitespaces: false, escapeWhitespaces: true });
    const keep = new SentencePieceTokenizer(real);
    // As the real tokenizer.model encodes "  hello  " (Python sentencepiece: ▁ ▁ ▁hell o ▁ ▁).
    expect(keep.encode('  hello  ').map((id) => keep.pieceOf(id))).toEqual(['▁', '▁', '▁hello', '▁', '▁']);
    expect(keep.encode('        Hi').map((id) => keep.pieceOf(id))).toEqual(['▁', '▁', '▁', '▁', '▁', '▁', '▁', '▁', '▁', 'H', 'i']);
  });

  it('refuses bytes that are not a model', () => {
    expect(() => parseSentencePieceModel(new TextEncoder().encode('<html>not a model</html>'))).toThrow(/damaged|no pieces|unknown piece/);
    expect(() => parseSentencePieceModel(modelBytes.subarray(0, modelBytes.length - 3))).toThrow(/damaged/);
  });
});

describe('SentencePiece encoding', () => {
  it('marks word starts and picks whole words over letters (Viterbi)', () => {
    expect(pieces('hello world')).toEqual(['▁hello', '▁world']);
    expect(pieces('Hello world.')).toEqual(['▁', 'H', 'e', 'l', 'l', 'o', '▁world', '.']);
    // "▁t" + "h" + "e" would also cover "the"; the whole word scores better.
    expect(pieces('the voice')).toEqual(['▁the', '▁voice']);
    // A suffix piece beats its letters.
    expect(pieces('speaking')).toEqual(['▁speak', 'ing']);
  });

  it('collapses and trims spaces like the reference normalizer', () => {
    expect(tok.encode('  hello    world  ')).toEqual(tok.encode('hello world'));
    expect(tok.encode('')).toEqual([]);
    expect(tok.encode('   ')).toEqual([]);
  });

  it('folds tabs and newlines into spaces only for an NFKC normalizer, as its character map does', () => {
    const nfkc = new SentencePieceTokenizer({ ...tok.model, normalizer: { ...tok.model.normalizer, name: 'nmt_nfkc' } });
    expect(nfkc.encode('hello\n\tworld')).toEqual(tok.encode('hello world'));
    expect(nfkc.encode('ｈｅｌｌｏ')).toEqual(tok.encode('hello')); // full-width letters fold under NFKC
    expect(tok.encode('hello\tworld')).not.toEqual(tok.encode('hello world'));
  });

  it('agrees with the reference SentencePiece library on a corpus (ids recorded from its wasm build)', () => {
    const ref = JSON.parse(readFileSync(new URL('../../../test-support/engines/pocket-sentencepiece-reference.json', import.meta.url), 'utf8')) as { cases: { text: string; ids: number[] }[] };
    expect(ref.cases.length).toBeGreaterThan(20);
    for (const c of ref.cases) expect(tok.encode(c.text), JSON.stringify(c.text)).toEqual(c.ids);
  });

  it('refuses a model that defines a piece twice, as the reference library does', () => {
    const model = parseSentencePieceModel(modelBytes);
    expect(() => new SentencePieceTokenizer({ ...model, pieces: [...model.pieces, { piece: '▁hello', score: -1, type: 1 }] })).toThrow(/twice/);
  });

  it('spells characters missing from the vocabulary as UTF-8 byte pieces', () => {
    expect(pieces('é')).toEqual(['▁', '<0xC3>', '<0xA9>']);
    expect(pieces('a😀')).toEqual(['▁a', '<0xF0>', '<0x9F>', '<0x98>', '<0x80>']);
    expect(tok.decode(tok.encode('Café 😀 naïve'))).toBe('Café 😀 naïve');
  });

  it('round-trips ordinary text', () => {
    for (const s of ['Hello world.', 'I clone my voice, and it speaks!', 'Is this 3.14? Yes: one, two, three.']) {
      expect(tok.decode(tok.encode(s))).toBe(s);
    }
  });
});
