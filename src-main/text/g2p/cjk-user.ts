// The user's pronunciations (project, then global dictionary) in Japanese and Mandarin text. These
// languages are written without spaces, so an entry matches wherever its word appears, the longest
// match first and, for equal lengths, the higher-priority dictionary; a word in Latin letters
// matches only as a whole word ("AI" is not found inside "SAID"). The text between matches goes to
// the language's G2P as usual; an entry's phonemes are used as given, a respelling is read by the
// same G2P.
import { KoeError } from '../../contract/errors';
import type { G2PResult, G2PWord, UserEntry } from './types';
import { validateUserPhonemes } from './user-phonemes';

const LATIN = /[A-Za-z0-9]/;

interface Match {
  at: number;
  end: number;
  entry: UserEntry;
}

function findMatches(text: string, dicts: readonly (readonly UserEntry[])[]): Match[] {
  const lower = text.toLowerCase();
  const candidates: { word: string; entry: UserEntry; rank: number }[] = [];
  dicts.forEach((dict, rank) => {
    for (const entry of dict) {
      const word = typeof entry?.word === 'string' ? entry.word.trim().toLowerCase() : '';
      if (word && (entry.phonemes?.trim() || entry.respelling?.trim())) candidates.push({ word, entry, rank });
    }
  });
  if (!candidates.length) return [];
  // Longest first, then project before global.
  candidates.sort((a, b) => b.word.length - a.word.length || a.rank - b.rank);
  const out: Match[] = [];
  for (let at = 0; at < lower.length; ) {
    const hit = candidates.find(
      (c) =>
        lower.startsWith(c.word, at) &&
        !(LATIN.test(c.word[0]!) && LATIN.test(lower[at - 1] ?? '')) &&
        !(LATIN.test(c.word.at(-1)!) && LATIN.test(lower[at + c.word.length] ?? '')),
    );
    if (hit) {
      out.push({ at, end: at + hit.word.length, entry: hit.entry });
      at += hit.word.length;
    } else at++;
  }
  return out;
}

/** Joins the phonemes of consecutive parts: a space between, none before a closing mark. */
function joinParts(parts: readonly string[]): string {
  return parts
    .filter(Boolean)
    .reduce((acc, p) => (acc && !/^[,.!?;:)”…—]/.test(p) ? `${acc} ${p}` : acc + p), '')
    .trim();
}

/** Reads `text` with `read`, the user's entries taking the words they name. */
export async function readWithUserEntries(text: string, dicts: readonly (readonly UserEntry[])[] | undefined, read: (text: string) => Promise<G2PResult>): Promise<G2PResult> {
  const matches = dicts?.length ? findMatches(text, dicts) : [];
  if (!matches.length) return read(text);
  const phonemes: string[] = [];
  const words: G2PWord[] = [];
  const warnings: string[] = [];
  const plain = async (piece: string): Promise<void> => {
    if (!piece.trim()) return;
    const r = await read(piece);
    phonemes.push(r.phonemes);
    words.push(...r.words);
    if (r.warnings) warnings.push(...r.warnings);
  };
  let at = 0;
  for (const m of matches) {
    await plain(text.slice(at, m.at));
    const written = text.slice(m.at, m.end);
    const { entry } = m;
    if (entry.phonemes?.trim()) {
      const v = validateUserPhonemes(entry.phonemes);
      if (!v.ok) throw new KoeError('invalid_args', `The pronunciation of “${entry.word}” cannot be used: ${v.message}`, { [entry.word]: v.message });
      phonemes.push(v.normalized);
      words.push({ text: written, phonemes: v.normalized, source: 'user' });
    } else {
      const r = await read(entry.respelling!.trim());
      phonemes.push(r.phonemes);
      words.push({ text: written, phonemes: r.phonemes, source: 'user' });
    }
    at = m.end;
  }
  await plain(text.slice(at));
  const result: G2PResult = { phonemes: joinParts(phonemes), words };
  return warnings.length ? { ...result, warnings } : result;
}
