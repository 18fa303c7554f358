// Applies user pronunciations to one chunk of text before it reaches an engine. Respellings are
// substituted into the text (every engine can read letters); phoneme entries travel with the
// request for engines that have their own G2P. Only entries whose word occurs in the chunk are kept,
// so the audio cache key changes exactly when a pronunciation that matters to this chunk changes.
import { KoeError } from '../contract/errors';
import type { LexiconEntry } from '../text/lexicon-entry';
import { validateUserPhonemes } from '../text/g2p/index';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wordPattern(word: string): RegExp {
  // Letters on either side would make it part of another word ("Koe" is not in "Koenig").
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escape(word)}(?![\\p{L}\\p{M}\\p{N}])`, 'giu');
}

export interface LexiconForChunk {
  text: string;
  /** Phoneme entries that occur in the chunk, highest priority first; empty dictionaries dropped. */
  lexicon: LexiconEntry[][];
}

export function applyLexicon(text: string, dictionaries: readonly (readonly LexiconEntry[])[]): LexiconForChunk {
  let out = text;
  const seen = new Set<string>();
  const lexicon: LexiconEntry[][] = [];
  for (const dict of dictionaries) {
    const kept: LexiconEntry[] = [];
    for (const e of dict) {
      const key = e.word.toLowerCase();
      if (seen.has(key)) continue; // a higher-priority dictionary already decided this word
      const re = wordPattern(e.word);
      if (!re.test(out)) continue;
      seen.add(key);
      if (e.phonemes) kept.push({ word: e.word, phonemes: e.phonemes });
      else if (e.respelling) out = out.replace(wordPattern(e.word), e.respelling.toLowerCase());
    }
    if (kept.length) lexicon.push(kept);
  }
  return { text: out, lexicon };
}

/** A user entry as it may be stored or tried: phonemes must be symbols Kokoro has (the message names the ones it lacks). */
export function checkedEntry(e: LexiconEntry): LexiconEntry {
  if (!e.phonemes) return e;
  const v = validateUserPhonemes(e.phonemes);
  if (!v.ok) throw new KoeError('invalid_args', `Pronunciation of "${e.word}": ${v.message}`);
  return { ...e, phonemes: v.normalized };
}
