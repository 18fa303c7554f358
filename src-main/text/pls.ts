// W3C Pronunciation Lexicon Specification (PLS 1.0) files in and out of the user's pronunciation
// dictionaries. A <lexeme> has one or more <grapheme>s and a <phoneme> (IPA) or an <alias> (a
// respelling); each grapheme becomes one entry. IPA is moved onto Kokoro's symbols the way a typed
// pronunciation is (user-phonemes.ts); on the way out misaki's private letters (A = eɪ…) go back to
// IPA so other tools can read the file. Read with saxes, the strict XML parser the SSML import
// uses, so a broken file is refused with the place it breaks, before anything is stored.
import { SaxesParser, type SaxesTag } from 'saxes';
import { KoeError } from '../contract/errors';
import { validateUserPhonemes } from './g2p/user-phonemes';

export interface PlsEntry {
  word: string;
  phonemes?: string;
  respelling?: string;
}

export interface PlsReadResult {
  /** The lexicon's xml:lang, lower-cased ("en-us"), or null. */
  language: string | null;
  entries: PlsEntry[];
  /** Lexemes that could not be used, counted, and the first few described with their line. */
  skipped: number;
  problems: string[];
}

const MAX_PROBLEMS = 20;
const MAX_WORD_CHARS = 100;
const MAX_PRONUNCIATION_CHARS = 200;

interface Lexeme {
  line: number;
  graphemes: string[];
  phoneme: { text: string; alphabet: string } | null;
  alias: string | null;
}

export function readPls(xml: string, fileName: string): PlsReadResult {
  const entries: PlsEntry[] = [];
  const problems: string[] = [];
  let skipped = 0;
  let language: string | null = null;
  let rootAlphabet = 'ipa';
  let lexeme: Lexeme | null = null;
  let field: { kind: 'grapheme' | 'phoneme' | 'alias'; text: string; alphabet: string } | null = null;
  let rootSeen = false;

  const skip = (line: number, why: string): void => {
    skipped++;
    if (problems.length < MAX_PROBLEMS) problems.push(`line ${line}: ${why}`);
  };

  const finish = (lx: Lexeme): void => {
    const words = lx.graphemes.map((g) => g.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (words.length === 0) return skip(lx.line, 'a lexeme without a grapheme');
    let phonemes: string | undefined;
    let respelling: string | undefined;
    if (lx.phoneme) {
      if (lx.phoneme.alphabet.toLowerCase() !== 'ipa') return skip(lx.line, `“${words[0]}” uses the alphabet “${lx.phoneme.alphabet}”; only IPA can be imported`);
      const v = validateUserPhonemes(lx.phoneme.text);
      if (!v.ok) return skip(lx.line, `“${words[0]}”: ${v.message}`);
      if (v.normalized.length > MAX_PRONUNCIATION_CHARS) return skip(lx.line, `“${words[0]}”: the pronunciation is longer than ${MAX_PRONUNCIATION_CHARS} characters`);
      phonemes = v.normalized;
    } else if (lx.alias) {
      respelling = lx.alias.replace(/\s+/g, ' ').trim();
      if (respelling.length > MAX_PRONUNCIATION_CHARS) return skip(lx.line, `“${words[0]}”: the alias is longer than ${MAX_PRONUNCIATION_CHARS} characters`);
    } else return skip(lx.line, `“${words[0]}” has neither a phoneme nor an alias`);
    for (const word of words) {
      if (word.length > MAX_WORD_CHARS) {
        skip(lx.line, `a grapheme longer than ${MAX_WORD_CHARS} characters`);
        continue;
      }
      entries.push({ word, ...(phonemes ? { phonemes } : { respelling }) });
    }
  };

  const parser = new SaxesParser({ position: true });
  parser.on('opentag', (tag: SaxesTag) => {
    const name = tag.name.replace(/^.*:/, '');
    const attrs = tag.attributes as Record<string, string>;
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'lexicon') throw new KoeError('invalid_args', `${fileName} is XML but not a PLS lexicon: its root element is <${tag.name}>, not <lexicon>. Nothing was imported.`);
      language = attrs['xml:lang']?.trim().toLowerCase().replace(/_/g, '-') || null;
      rootAlphabet = attrs.alphabet?.trim() || 'ipa';
      return;
    }
    if (name === 'lexeme') lexeme = { line: parser.line, graphemes: [], phoneme: null, alias: null };
    else if (lexeme && (name === 'grapheme' || name === 'phoneme' || name === 'alias')) field = { kind: name, text: '', alphabet: attrs.alphabet?.trim() || rootAlphabet };
  });
  parser.on('text', (t: string) => {
    if (field) field.text += t;
  });
  parser.on('closetag', (tag: SaxesTag) => {
    const name = tag.name.replace(/^.*:/, '');
    if (field && name === field.kind && lexeme) {
      // PLS prefers the first phoneme or alias of a lexeme; later ones are alternatives.
      if (field.kind === 'grapheme') lexeme.graphemes.push(field.text);
      else if (field.kind === 'phoneme' && !lexeme.phoneme && !lexeme.alias) lexeme.phoneme = { text: field.text, alphabet: field.alphabet };
      else if (field.kind === 'alias' && !lexeme.phoneme && !lexeme.alias) lexeme.alias = field.text;
      field = null;
    } else if (name === 'lexeme' && lexeme) {
      finish(lexeme);
      lexeme = null;
    }
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof KoeError) throw e;
    const message = (e as Error).message.replace(/^(?:[^:\d][^:]*:)?(\d+):(\d+): /, 'line $1, column $2: ').replace(/\.$/, '');
    throw new KoeError('invalid_args', `${fileName} is not a well-formed PLS file (${message}). Nothing was imported.`);
  }
  if (!rootSeen) throw new KoeError('invalid_args', `${fileName} is empty. Nothing was imported.`);
  return { language, entries, skipped, problems };
}

/** misaki's one-letter diphthongs and its other private symbols, back to the IPA they stand for. */
const MISAKI_TO_IPA: readonly [string, string][] = [
  ['A', 'eɪ'], ['I', 'aɪ'], ['O', 'oʊ'], ['Q', 'əʊ'], ['W', 'aʊ'], ['Y', 'ɔɪ'], ['ʤ', 'dʒ'], ['ʧ', 'tʃ'], ['ᵊ', 'ə'], ['ᵻ', 'ɨ'], ['T', 'ɾ'],
];

export function misakiToIpa(ps: string): string {
  let out = ps;
  for (const [from, to] of MISAKI_TO_IPA) out = out.replaceAll(from, to);
  return out;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A PLS 1.0 document of the entries (phonemes as IPA, respellings as aliases). */
export function writePls(entries: readonly PlsEntry[], language: string): string {
  const lexemes = entries.map((e) => {
    const body = e.phonemes ? `<phoneme>${escapeXml(misakiToIpa(e.phonemes))}</phoneme>` : `<alias>${escapeXml(e.respelling ?? '')}</alias>`;
    return `  <lexeme>\n    <grapheme>${escapeXml(e.word)}</grapheme>\n    ${body}\n  </lexeme>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="${escapeXml(language)}">\n` +
    lexemes.join('') +
    '</lexicon>\n'
  );
}
