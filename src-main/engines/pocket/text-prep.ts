// Text preparation and chunking for Pocket TTS, rule for rule as the reference runtime does them
// (pocket-tts-onnx, ENGINES.md 2.7). The model was trained on sentence-like prompts prepared this
// exact way: a capital first, a period after a final letter or digit, no more than ~50 tokens. Our
// earlier, tidier version (every whitespace run collapsed, only words with a letter counted, a "."
// after every piece of a long sentence cut at words) handed the model prompts it never saw: a full
// stop in mid-sentence, 160 ms of extra tail after "Well — I did it". So nothing here is tidier
// than the reference, quirks included; text-prep.oracle.test.ts compares it with the reference's
// own code. The one deliberate difference (chunks with no letter or digit are not spoken) is in
// docs/engines.md.
import type { PocketConfig } from './config';
import { PieceType, type SentencePieceTokenizer } from './sentencepiece';

export interface TextChunk {
  /** The prompt exactly as the model gets it. */
  text: string;
  ids: number[];
  /** 3 for a prompt of four whitespace-separated tokens or fewer, else 1 (frames after EOS, less 2). */
  framesAfterEosGuess: number;
}

export interface PreparedPrompt {
  text: string;
  framesAfterEosGuess: number;
}

type PromptSwitches = Pick<PocketConfig, 'removeSemicolons' | 'padWithSpacesForShortInputs'>;

/** Whitespace-separated tokens of non-empty text, each counted: "Well — I did it" is five. */
function tokenCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

// A blank line ends a sentence: the last visible character before it, past any closing quotes or
// brackets, gets a period after the closers when it is a letter or digit. Only spaces and tabs may
// sit on the blank line (so "\r\n\r\n" is no paragraph break), and all whitespace after it goes.
const BLANK_LINE = /(?<last>[^\s"'”’)\]])(?<closers>["'”’)\]]*)[ \t]*\n[ \t]*\n\s*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function breakParagraphs(text: string): string {
  return text.replace(BLANK_LINE, (_match, last: string, closers: string) => `${last}${closers}${LETTER_OR_DIGIT.test(last) ? '.' : ''} `);
}

/** The prompt for one piece of text; '' when there is nothing but whitespace. */
export function preparePrompt(text: string, config: PromptSwitches): PreparedPrompt {
  let s = breakParagraphs(text.trim());
  if (!s) return { text: '', framesAfterEosGuess: 0 };
  // One pass: three spaces become two, as in the reference (its tokenizer keeps both).
  s = s.replaceAll('\n', ' ').replaceAll('\r', ' ').replaceAll('  ', ' ');
  if (config.removeSemicolons) s = s.replaceAll(';', ',');
  // Counted before the period and the padding are added.
  const framesAfterEosGuess = tokenCount(s) <= 4 ? 3 : 1;
  // First and last UTF-16 units, not code points: an astral letter at the end gets no period.
  const first = s[0]!;
  if (first !== first.toUpperCase()) s = first.toUpperCase() + s.slice(1);
  if (LETTER_OR_DIGIT.test(s[s.length - 1]!)) s += '.';
  if (config.padWithSpacesForShortInputs && tokenCount(s) < 5) s = `${' '.repeat(8)}${s}`;
  return { text: s, framesAfterEosGuess };
}

interface Piece {
  tokens: number;
  text: string;
}

/**
 * Ids of the marks in `chars`: its encoding less the first id, which the reference drops as the
 * word marker whatever it is (a tokenizer with a "▁." piece would lose "." as a boundary there too).
 */
function markIds(tokenizer: SentencePieceTokenizer, chars: string): Set<number> {
  return new Set(tokenizer.encode(chars).slice(1));
}

/** What `id` adds to decoded text, near enough to tell digits and periods: a non-ASCII byte is U+FFFD. */
function surface(tokenizer: SentencePieceTokenizer, id: number): string {
  const p = tokenizer.model.pieces[id];
  if (!p || p.type === PieceType.Control) return '';
  if (p.type === PieceType.Unknown) return '\u2047';
  if (p.type === PieceType.Byte) {
    const b = parseInt(p.piece.slice(3, 5), 16);
    return b < 0x80 ? String.fromCharCode(b) : '\ufffd';
  }
  return p.piece.replaceAll('\u2581', ' ');
}

/**
 * A period between digits: the text before the cut ends in a digit and ".", and the text after it,
 * read as the tokenizer decodes it (one leading space dropped), starts with a digit. So "3.14" and
 * "3. 5" both stay together. Only the few tokens around the cut are decoded: decoding the whole
 * prefix and suffix at every period, as the reference does, made a 10 kB text take seconds.
 */
function isDecimalPoint(tokenizer: SentencePieceTokenizer, ids: readonly number[], at: number): boolean {
  const dropsLeadingSpace = tokenizer.model.normalizer.addDummyPrefix;
  let before = '';
  let i = at;
  while (before.length < 2 && i > 0) before = surface(tokenizer, ids[--i]!) + before;
  if (i === 0 && dropsLeadingSpace) before = before.replace(/^ /, '');
  let after = '';
  let j = at;
  while (after.length < 2 && j < ids.length) after += surface(tokenizer, ids[j++]!);
  if (dropsLeadingSpace) after = after.replace(/^ /, '');
  return before.length >= 2 && before.endsWith('.') && /[0-9]/.test(before[before.length - 2]!) && /^[0-9]/.test(after);
}

/** `ids` cut before every token that follows a run of marks (not after a decimal point, if asked). */
function cutAfterMarks(tokenizer: SentencePieceTokenizer, ids: readonly number[], marks: Set<number>, keepDecimals: boolean): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  for (let i = 1; i < ids.length; i++) {
    if (marks.has(ids[i]!) || !marks.has(ids[i - 1]!)) continue;
    if (keepDecimals && isDecimalPoint(tokenizer, ids, i)) continue;
    out.push({ tokens: i - from, text: tokenizer.decode(ids.slice(from, i)) });
    from = i;
  }
  out.push({ tokens: ids.length - from, text: tokenizer.decode(ids.slice(from)) });
  return out;
}

/** Pieces joined greedily while their token counts fit the budget; a piece over it stands alone. */
function regroup(pieces: readonly Piece[], budget: number): string[] {
  const out: string[] = [];
  let text = '';
  let tokens = 0;
  for (const p of pieces) {
    if (text === '') {
      text = p.text;
      tokens = p.tokens;
    } else if (tokens + p.tokens > budget) {
      out.push(text.trim());
      text = p.text;
      tokens = p.tokens;
    } else {
      text += ` ${p.text}`;
      tokens += p.tokens;
    }
  }
  if (text !== '') out.push(text.trim());
  return out;
}

/**
 * The text as prompts of about `maxTokensPerChunk` tokens: cut after runs of sentence marks (not
 * inside a number), a sentence over the budget cut after its clause marks, or, with none, kept whole
 * (a period in mid-sentence would be read as its end); then regrouped, and each group prepared again.
 */
export function chunkForPocket(text: string, tokenizer: SentencePieceTokenizer, config: PocketConfig): TextChunk[] {
  const whole = preparePrompt(text, config).text.trim();
  if (!whole) return [];
  const budget = config.maxTokensPerChunk;
  const sentenceMarks = markIds(tokenizer, '.!...?');
  const clauseMarks = markIds(tokenizer, ',;:');
  const pieces: Piece[] = [];
  for (const sentence of cutAfterMarks(tokenizer, tokenizer.encode(whole), sentenceMarks, true)) {
    if (sentence.tokens <= budget) {
      pieces.push(sentence);
      continue;
    }
    const clauses = cutAfterMarks(tokenizer, tokenizer.encode(sentence.text.trim()), clauseMarks, false);
    pieces.push(...(clauses.length > 1 ? clauses : [sentence]));
  }
  const out: TextChunk[] = [];
  for (const group of regroup(pieces, budget)) {
    const prompt = preparePrompt(group, config);
    // Koe's one difference: a prompt with nothing to say ("...") is not spoken at all.
    if (!LETTER_OR_DIGIT.test(prompt.text)) continue;
    out.push({ text: prompt.text, ids: tokenizer.encode(prompt.text), framesAfterEosGuess: prompt.framesAfterEosGuess });
  }
  return out;
}
