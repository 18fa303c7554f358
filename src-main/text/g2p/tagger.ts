// A few-rules part-of-speech guess, used only to pick a heteronym's reading (record the record,
// read / have read). misaki asks spaCy for a full tagger; loading one here would cost more than the
// whole rest of the text path, and the lexicon only distinguishes a handful of tags (NOUN, VERB,
// ADJ, ADV, VBD, VBN, VBP, DT, and `None` for a word before a pause). The neighbouring words
// settle most cases: a determiner before means noun, a modal or `to` before means verb, and so on.
// When nothing decides, the entry's DEFAULT stands, which is what the lexicon authors chose as the
// most common reading.

/** Penn-style tags, as the lexicon keys use them (parents: VERB, NOUN, ADJ, ADV). */
export type Tag = 'VB' | 'VBD' | 'VBN' | 'VBP' | 'NN' | 'JJ' | 'RB' | 'DT';

export interface Neighbours {
  /** Previous word, lower-cased; undefined at the start of a clause. */
  prev?: string;
  /** Next word, lower-cased; undefined before punctuation or the end. */
  next?: string;
}

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

const DETERMINERS = words(
  'a an the my your his her its our their this these those some any no every each another either neither whose what which such many few several both',
);
const PREPOSITIONS = words(
  'of in on at for with from into onto over under through between among against during without within upon toward towards across behind beyond about around near by',
);
const MODALS = words(
  "will would shall should can could may might must i'll you'll we'll they'll he'll she'll it'll i'd you'd we'd they'd he'd she'd won't wouldn't can't cannot couldn't shouldn't mustn't mightn't",
);
const DO = words("do does did don't doesn't didn't please let's");
const SUBJECTS = words('i you we they');
const THIRD_PERSON = words('he she it');
const HAVE = words("have has had having i've you've we've they've");
const BE = words("is am are was were be been being i'm you're we're they're he's she's it's");
const INTENSIFIERS = words('very so too quite rather really more most less least pretty fairly extremely');
const PRE_VERB_ADVERBS = words('never always often also just still usually sometimes rarely not');
const OBJECTS = words('the a an my your his her their our its this that these those him them me us it some all');
/** Words after which a heteronym reads as an attributive adjective (a close call, a minute detail). */
const ATTRIBUTIVE_FIRST = words('close minute live bass');
/** Words that do not make the previous one a modifier (a minute ago, a close to the day). */
const FUNCTION_WORDS = words(
  'ago later and or but nor to of in on at for with from by as than that which who is was are were be has have had',
);

export function parentTag(tag: string): string {
  if (tag.startsWith('VB')) return 'VERB';
  if (tag.startsWith('NN')) return 'NOUN';
  if (tag.startsWith('RB') || tag.startsWith('ADV')) return 'ADV';
  if (tag.startsWith('JJ') || tag.startsWith('ADJ')) return 'ADJ';
  return tag;
}

/** The likeliest tag of `word` (lower-cased) between its neighbours, or null when nothing decides. */
export function guessTag(word: string, n: Neighbours): Tag | null {
  const { prev, next } = n;
  // "used to" (habit) is the past tense jˈust; "is used to" (accustomed) keeps the default.
  if (word === 'used') return next === 'to' && !(prev !== undefined && (BE.has(prev) || HAVE.has(prev))) ? 'VBD' : null;
  if (word === 'that') return prev === undefined || next === undefined || PREPOSITIONS.has(prev) ? 'DT' : null;
  if (prev !== undefined) {
    if (DETERMINERS.has(prev) || prev.endsWith("'s")) {
      return ATTRIBUTIVE_FIRST.has(word) && next !== undefined && !FUNCTION_WORDS.has(next) ? 'JJ' : 'NN';
    }
    if (prev === 'to' || MODALS.has(prev) || DO.has(prev) || PRE_VERB_ADVERBS.has(prev)) return 'VB';
    if (SUBJECTS.has(prev)) return 'VBP';
    if (THIRD_PERSON.has(prev)) return 'VBD';
    if (HAVE.has(prev)) return 'VBN';
    if (BE.has(prev)) return 'JJ';
    if (INTENSIFIERS.has(prev)) return 'JJ';
    if (PREPOSITIONS.has(prev)) return 'NN';
  }
  if (next !== undefined) {
    if (next === 'of') return 'NN';
    if (next === 'by' && prev !== undefined) return 'VBN';
    if (OBJECTS.has(next)) return 'VB';
  }
  return null;
}

/**
 * The reading of a lexicon entry for a tag. `beforePause` (the next thing is punctuation or the end)
 * selects the `None` reading of function words, which misaki stresses there (I can. / I can go).
 */
export function chooseReading(pron: string | Readonly<Record<string, string | null>>, tag: Tag | null, beforePause: boolean): string | null {
  if (typeof pron === 'string') return pron;
  const own = (key: string): boolean => Object.prototype.hasOwnProperty.call(pron, key);
  if (beforePause && own('None')) return pron.None ?? null;
  if (tag !== null) {
    if (own(tag)) return pron[tag] ?? null;
    const parent = parentTag(tag);
    if (own(parent)) return pron[parent] ?? null;
  }
  return own('DEFAULT') ? (pron.DEFAULT ?? null) : null;
}
