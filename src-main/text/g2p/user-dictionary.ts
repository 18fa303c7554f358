// Finds user dictionary entries in a token stream. Entries may span several words ("Koe Studio");
// the longest match wins. Dictionaries are consulted in priority order (project before global):
// the first dictionary that knows the word decides it, and inside that dictionary an entry with the
// same capitalisation beats one that only matches ignoring case (so "US" → spelled, "us" → plain).
import type { TextToken } from './text-tokens';
import type { UserEntry } from './types';

export interface UserMatch {
  entry: UserEntry;
  /** Index just past the last token the match covers. */
  end: number;
  /** The text ended in a possessive 's the entry did not include (Koe's). */
  possessive: boolean;
}

interface Candidate {
  entry: UserEntry;
  /** The entry's words joined by single spaces, as written. */
  exact: string;
}

const keyOf = (words: readonly string[]): string => words.join(' ').toLowerCase();

export class UserDictionaries {
  private readonly maps: Map<string, Candidate[]>[];
  private readonly longest: number;

  private constructor(dicts: readonly (readonly UserEntry[])[]) {
    let longest = 1;
    this.maps = dicts.map((dict) => {
      const map = new Map<string, Candidate[]>();
      for (const entry of dict) {
        if (!entry || typeof entry.word !== 'string' || (!entry.phonemes?.trim() && !entry.respelling?.trim())) continue;
        // Curly apostrophes are straightened in the text (text-tokens.ts), so in entries too.
        const words = entry.word.replace(/[’‘]/g, "'").trim().split(/\s+/).filter(Boolean);
        if (words.length === 0) continue;
        longest = Math.max(longest, words.length);
        const key = keyOf(words);
        const list = map.get(key) ?? [];
        list.push({ entry, exact: words.join(' ') });
        map.set(key, list);
      }
      return map;
    });
    this.longest = longest;
  }

  /**
   * null when there is nothing to look up. Built per call (one pass over the entries): engines pass
   * only the entries that mention the text's words, and an index cached by array identity would
   * go stale the day someone edits a dictionary in place.
   */
  static from(dicts: readonly (readonly UserEntry[])[] | undefined): UserDictionaries | null {
    if (!dicts || dicts.length === 0 || dicts.every((d) => d.length === 0)) return null;
    return new UserDictionaries(dicts);
  }

  /** The longest entry starting at word token `i`, or null. */
  match(tokens: readonly TextToken[], i: number): UserMatch | null {
    const words: string[] = [];
    for (let j = i; j < tokens.length && words.length < this.longest; j++) {
      const t = tokens[j]!;
      if (t.kind !== 'word') break;
      words.push(t.text);
      if (!t.spaceAfter) break;
    }
    for (let n = words.length; n >= 1; n--) {
      const span = words.slice(0, n);
      const found = this.lookup(span);
      if (found) return { entry: found, end: i + n, possessive: false };
      const last = span[n - 1]!;
      if (/'s$/i.test(last) && last.length > 2) {
        const base = this.lookup([...span.slice(0, -1), last.slice(0, -2)]);
        if (base) return { entry: base, end: i + n, possessive: true };
      }
    }
    return null;
  }

  private lookup(words: readonly string[]): UserEntry | null {
    const key = keyOf(words);
    const exact = words.join(' ');
    for (const map of this.maps) {
      const list = map.get(key);
      if (!list) continue;
      return (list.find((c) => c.exact === exact) ?? list[0]!).entry;
    }
    return null;
  }
}
