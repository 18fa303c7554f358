// misaki's pronunciation lexicons (gold = curated, silver = lower confidence) for one accent.
// Files are indexed, not parsed (lexicon-file.ts). misaki's capitalised/lower-case aliases are
// resolved at lookup time rather than materialised (that copy would double the load time), at the
// cost of one extra probe on a miss.
import { readFile } from 'node:fs/promises';
import { KoeError } from '../../contract/errors';
import { readLexiconTable, type LexiconTable, type Pronunciation } from './lexicon-file';

/** A plain pronunciation, or a heteronym keyed by part-of-speech tag with a DEFAULT. */
export type { Pronunciation } from './lexicon-file';
type Dict = LexiconTable;

export interface LexiconHit {
  pron: Pronunciation;
  source: 'gold' | 'silver';
}

function capitalize(lower: string): string {
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

async function readDict(path: string, what: string): Promise<Dict> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new KoeError('not_found', `The English pronunciation dictionary (${what}) is missing at ${path}. Download the Kokoro model files again.`);
  }
  try {
    return readLexiconTable(text);
  } catch (e) {
    throw new KoeError('io', `The English pronunciation dictionary (${what}) at ${path} is damaged (${(e as Error).message}). Download it again.`);
  }
}

export class Lexicon {
  /** Reads and indexes both files (~30–40 ms each on one core); call once per accent. */
  static async load(goldPath: string, silverPath: string, british: boolean): Promise<Lexicon> {
    const accent = british ? 'British' : 'American';
    // Read side by side, but a failure is reported in a fixed order (gold first): with both missing,
    // Promise.all would name whichever read happened to fail first.
    const [gold, silver] = await Promise.allSettled([readDict(goldPath, `${accent} gold`), readDict(silverPath, `${accent} silver`)]);
    if (gold.status === 'rejected') throw gold.reason;
    if (silver.status === 'rejected') throw silver.reason;
    return new Lexicon(gold.value, silver.value, british);
  }

  private constructor(
    private readonly goldDict: Dict,
    private readonly silverDict: Dict,
    readonly british: boolean,
    /** Lower-cased words hidden from lookup (accuracy tests hold words out this way). */
    private readonly hidden: ReadonlySet<string> | null = null,
  ) {}

  /** A lexicon from file texts already in memory (tests). */
  static fromText(gold: string, silver: string, british: boolean): Lexicon {
    return new Lexicon(readLexiconTable(gold), readLexiconTable(silver), british);
  }

  /** The same lexicon with these words (any case) removed, as if misaki had never listed them. */
  without(words: Iterable<string>): Lexicon {
    const hidden = new Set(this.hidden ?? []);
    for (const w of words) hidden.add(w.toLowerCase());
    return new Lexicon(this.goldDict, this.silverDict, this.british, hidden);
  }

  /** Every gold key and value, for tests that sample the lexicon. */
  goldEntries(): [string, Pronunciation][] {
    return [...this.goldDict.keys()].map((k) => [k, this.goldDict.get(k)!]);
  }

  gold(word: string): Pronunciation | undefined {
    return this.get(this.goldDict, word);
  }

  silver(word: string): Pronunciation | undefined {
    return this.get(this.silverDict, word);
  }

  find(word: string): LexiconHit | undefined {
    const g = this.gold(word);
    if (g !== undefined) return { pron: g, source: 'gold' };
    const s = this.silver(word);
    return s === undefined ? undefined : { pron: s, source: 'silver' };
  }

  has(word: string): boolean {
    return this.gold(word) !== undefined || this.silver(word) !== undefined;
  }

  /**
   * misaki also answers a lower-case word from its Capitalised entry and vice versa (for keys of two
   * letters or more); exact keys win.
   */
  private get(d: Dict, word: string): Pronunciation | undefined {
    if (this.hidden?.has(word.toLowerCase())) return undefined;
    const exact = d.get(word);
    if (exact !== undefined) return exact ?? undefined;
    if (word.length < 2) return undefined;
    const lower = word.toLowerCase();
    const alias = word === lower ? capitalize(lower) : word === capitalize(lower) ? lower : null;
    return alias !== null && alias !== word ? (d.get(alias) ?? undefined) : undefined;
  }
}
