// Japanese text → Kokoro phonemes, following misaki's cutlet path (the front end Kokoro's Japanese
// voices were trained with): normalize widths, read digits as kana, split into words with a
// morphological analyzer, take each word's pronunciation in kana and transcribe it mora by mora
// (kana-ipa.ts). Words are separated by spaces; a verb keeps its endings (食べます, 行った, 使って)
// and a noun its suffix (東京都) in one word, as misaki's word list joins them.
//
// misaki's cutlet path, which Kokoro v1.0 uses, emits no pitch-accent marks (its pyopenjtalk path
// computes accents but leaves the arrows commented out), and IPADIC carries no accent data, so
// none are written here either.
//
// What no dictionary can read (a rare kanji, a symbol) is skipped and named in `warnings`; Latin
// words go to the English path when one is given.
import { throwIfAborted } from '../../../lib/abort';
import { excerpt, joinWords, kokoroPunctuation, type LatinReader } from '../cjk-common';
import type { G2PResult, G2PWord } from '../types';
import type { JapaneseAnalyzer, Morpheme } from './analyzer';
import { isKana, kanaToIpa } from './kana-ipa';
import { readNumbersJa } from './numbers-ja';

const PHONETIC_EXTENSIONS = 'クシストヌハヒフヘホムラリルレロ';
const LATIN = /^[A-Za-z][A-Za-z'’-]*$/;
const SPACE = /^\s+$/u;
const LETTER = /[\p{L}\p{N}]/u;

interface Piece {
  word: G2PWord;
  /** Part of speech of the word's head, to decide whether the next morpheme joins it. */
  head?: string;
  /** A te-form (使って) takes nothing more. */
  closed?: boolean;
}

/** Whether a morpheme continues the word before it rather than starting a new one. */
function joinsPrevious(m: Morpheme, prev: Piece | undefined): boolean {
  if (!prev || prev.closed || prev.word.source !== 'dictionary') return false;
  const head = prev.head ?? '';
  if (m.pos === '助動詞') return head === '動詞' || head === '形容詞' || head === '助動詞';
  if (m.pos === '助詞' && m.posDetail === '接続助詞' && (m.surface === 'て' || m.surface === 'で')) return head === '動詞' || head === '形容詞';
  if (m.posDetail === '接尾') return head === '名詞';
  return false;
}

export interface JapaneseOptions {
  signal?: AbortSignal;
}

export class JapaneseG2P {
  constructor(
    private readonly analyzer: JapaneseAnalyzer,
    private readonly latin: LatinReader | null,
  ) {}

  async phonemize(text: string, opts: JapaneseOptions = {}): Promise<G2PResult> {
    // NFKC: full-width letters and digits to ASCII, half-width katakana to full width; the small
    // katakana of the phonetic extensions (Ainu ㇰ, ㇱ…) as their full-size letters.
    const prepared = readNumbersJa(text.normalize('NFKC').replace(/\.{3}/g, '…').replace(/[\u31f0-\u31ff]/g, (c) => PHONETIC_EXTENSIONS[c.charCodeAt(0) - 0x31f0]!));
    if (!prepared.trim()) return { phonemes: '', words: [] };
    const morphemes = await this.analyzer.analyze(prepared);
    throwIfAborted(opts.signal);
    const pieces: Piece[] = [];
    const warnings: string[] = [];
    const latinRuns: { at: number; text: string }[] = [];
    const quotes = { open: false };
    let offset = 0;
    for (const m of morphemes) {
      const at = offset;
      offset += [...m.surface].length;
      if (SPACE.test(m.surface)) continue;
      if (LATIN.test(m.surface)) {
        // Consecutive Latin words form one run for the English path ("Hello world").
        const last = latinRuns.at(-1);
        if (last && last.at === pieces.length - 1) {
          last.text += ` ${m.surface}`;
          pieces.at(-1)!.word.text = last.text;
        } else {
          latinRuns.push({ at: pieces.length, text: m.surface });
          pieces.push({ word: { text: m.surface, phonemes: '', source: 'espeak' } });
        }
        continue;
      }
      if (!LETTER.test(m.surface)) {
        for (const ch of m.surface) {
          const mark = kokoroPunctuation(ch, quotes);
          // misaki's cutlet writes brackets as « », which Kokoro's vocabulary lacks: the Japanese
          // voices never heard a bracket, so none is written.
          if (mark && mark !== '(' && mark !== ')') pieces.push({ word: { text: ch, phonemes: mark, source: 'punctuation' } });
        }
        continue;
      }
      const kana = m.pronunciation ?? (isKana(m.surface) ? m.surface : null);
      if (!kana) {
        warnings.push(`Japanese: no reading is known for “${m.surface}” in “${excerpt(prepared, at, [...m.surface].length)}”; it is skipped.`);
        pieces.push({ word: { text: m.surface, phonemes: '', source: 'unknown' } });
        continue;
      }
      const { phonemes, unknown } = kanaToIpa(kana);
      if (unknown.length) warnings.push(`Japanese: “${unknown.join('')}” in “${excerpt(prepared, at, [...m.surface].length)}” is not kana that can be read; it is skipped.`);
      const prev = pieces.at(-1);
      if (joinsPrevious(m, prev)) {
        prev!.word.text += m.surface;
        prev!.word.phonemes += phonemes;
        if (m.pos === '助詞') prev!.closed = true;
        else if (m.pos === '助動詞') prev!.head = m.pos;
        continue;
      }
      pieces.push({ word: { text: m.surface, phonemes, source: 'dictionary' }, head: m.pos });
    }
    await this.readLatin(pieces, latinRuns, warnings, opts.signal);
    const words = pieces.map((p) => p.word);
    const phonemes = joinWords(words)
      // A geminate (っ → ʔ) belongs to the word it lengthens: no space on either side of it.
      .replace(/(?<![!",.:;?»—…”]) (?=ʔ)|(?<=ʔ) (?!["«“(])/g, '');
    return warnings.length ? { phonemes, words, warnings } : { phonemes, words };
  }

  private async readLatin(pieces: Piece[], runs: readonly { at: number; text: string }[], warnings: string[], signal?: AbortSignal): Promise<void> {
    for (const run of runs) {
      const piece = pieces[run.at]!;
      if (!this.latin) {
        // Without an English path the letters go as they are, as misaki's cutlet passes ASCII through.
        piece.word.phonemes = run.text.toLowerCase();
        continue;
      }
      const r = await this.latin(run.text, signal);
      piece.word.phonemes = r.phonemes;
      piece.word.source = r.words.some((w) => w.source === 'espeak') ? 'espeak' : (r.words.find((w) => w.source !== 'punctuation')?.source ?? 'espeak');
      if (r.warnings) warnings.push(...r.warnings);
    }
  }
}
