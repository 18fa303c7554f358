// Inflected words the lexicon lacks, built from a stem it has (dogs, walked, making, John's).
// Cheaper and closer to the lexicon's own transcriptions than asking espeak: the stem keeps its
// lexicon stress, and only the suffix is derived, from the stem's last *sound* (cat+s = s,
// dog+s = z, bus+s = ᵻz), as misaki does. The extra suffixes (-ly, -ness, -er, -est, doubled
// consonants before -ed, -ied) were each kept only because they lowered the held-out phoneme error
// rate (see accuracy.test.ts). Splitting closed compounds (air+base) was tried and dropped: it
// raised that rate (12.1% → 12.7% American); a long word that happens to be two known words is
// often not their compound.
import { applyStress } from './stress';

export interface StemLookup {
  /** Whether the lexicon has the word (any reading). */
  known(word: string): boolean;
  /** The stem's default reading, or null. */
  phonemes(word: string): string | null;
}

/** Sounds after which American English flaps a t (misaki's US_TAUS: vowels and ɹ). */
const FLAP_BEFORE = new Set('AIOWYiuæɑəɛɪɹʊʌ');
const DOUBLED_BEFORE_SUFFIX = /([bcdgklmnprstvz])\1(?:ed|ing)$|cking$|cked$/;

export function addS(stem: string, british: boolean): string {
  const last = stem.at(-1) ?? '';
  if ('ptkfθ'.includes(last)) return `${stem}s`;
  if ('szʃʒʧʤ'.includes(last)) return `${stem}${british ? 'ɪ' : 'ᵻ'}z`;
  return `${stem}z`;
}

export function addEd(stem: string, british: boolean): string {
  const last = stem.at(-1) ?? '';
  if ('pkfθʃsʧ'.includes(last)) return `${stem}t`;
  if (last === 'd') return `${stem}${british ? 'ɪ' : 'ᵻ'}d`;
  if (last !== 't') return `${stem}d`;
  if (british || stem.length < 2) return `${stem}ɪd`;
  return FLAP_BEFORE.has(stem.at(-2)!) ? `${stem.slice(0, -1)}ɾᵻd` : `${stem}ᵻd`;
}

/** null where British -ing after a final schwa or length mark would need an r misaki leaves out. */
export function addIng(stem: string, british: boolean): string | null {
  const last = stem.at(-1) ?? '';
  if (british) return 'əː'.includes(last) ? null : `${stem}ɪŋ`;
  if (last === 't' && stem.length > 1 && FLAP_BEFORE.has(stem.at(-2)!)) return `${stem.slice(0, -1)}ɾɪŋ`;
  return `${stem}ɪŋ`;
}

type Rule = (word: string, lk: StemLookup, british: boolean) => string | null;

function firstKnown(lk: StemLookup, candidates: (string | false)[]): string | null {
  for (const c of candidates) if (c && lk.known(c)) return lk.phonemes(c);
  return null;
}

const plural: Rule = (w, lk, br) => {
  if (w.length < 3 || !w.endsWith('s')) return null;
  const stem = firstKnown(lk, [
    !w.endsWith('ss') && w.slice(0, -1),
    (w.endsWith("'s") || (w.length > 4 && w.endsWith('es') && !w.endsWith('ies'))) && w.slice(0, -2),
    w.length > 4 && w.endsWith('ies') && `${w.slice(0, -3)}y`,
  ]);
  return stem === null ? null : addS(stem, br);
};

const past: Rule = (w, lk, br) => {
  if (w.length < 4 || !w.endsWith('d')) return null;
  const stem = firstKnown(lk, [
    !w.endsWith('dd') && w.slice(0, -1),
    w.length > 4 && w.endsWith('ed') && !w.endsWith('eed') && w.slice(0, -2),
    w.length > 4 && w.endsWith('ied') && `${w.slice(0, -3)}y`,
    w.length > 5 && DOUBLED_BEFORE_SUFFIX.test(w) && w.slice(0, -3),
  ]);
  return stem === null ? null : addEd(stem, br);
};

const progressive: Rule = (w, lk, br) => {
  if (w.length < 5 || !w.endsWith('ing')) return null;
  const stem = firstKnown(lk, [
    w.length > 5 && w.slice(0, -3),
    `${w.slice(0, -3)}e`,
    w.length > 5 && DOUBLED_BEFORE_SUFFIX.test(w) && w.slice(0, -4),
  ]);
  // misaki gives an unstressed stem a secondary stress before -ing (get → ɡˌɛɾɪŋ).
  return stem === null ? null : addIng(applyStress(stem, 0.5), br);
};

/** Derivational endings whose sound does not depend on the stem. */
function suffixRule(spelling: string, sound: (british: boolean) => string, stems: (w: string) => string[]): Rule {
  return (w, lk, br) => {
    if (w.length < spelling.length + 3 || !w.endsWith(spelling)) return null;
    const stem = firstKnown(lk, stems(w));
    return stem === null ? null : stem + sound(br);
  };
}

const cut = (w: string, n: number): string => w.slice(0, w.length - n);

/** -ly: quick+ly; happy → happily (the stem's final i weakens to ə); capable → capably (bᵊl → bli). */
const ly: Rule = (w, lk) => {
  if (w.length < 5 || !w.endsWith('ly')) return null;
  if (w.endsWith('bly')) {
    const stem = firstKnown(lk, [`${cut(w, 1)}e`]);
    if (stem !== null && stem.endsWith('bᵊl')) return `${stem.slice(0, -2)}li`;
  }
  if (w.endsWith('ily')) {
    const stem = firstKnown(lk, [`${cut(w, 3)}y`]);
    if (stem !== null) return stem.endsWith('i') ? `${stem.slice(0, -1)}əli` : `${stem}li`;
  }
  const stem = firstKnown(lk, [cut(w, 2), `${cut(w, 2)}e`]);
  return stem === null ? null : `${stem}li`;
};
const ness = suffixRule('ness', () => 'nəs', (w) => [cut(w, 4), `${cut(w, 5)}y`]);
const er = suffixRule('er', (br) => (br ? 'ə' : 'əɹ'), (w) => [cut(w, 2), cut(w, 1), `${cut(w, 3)}y`]);
const est = suffixRule('est', (br) => (br ? 'ɪst' : 'ᵻst'), (w) => [cut(w, 3), cut(w, 2), `${cut(w, 4)}y`]);

/** Clitics after a known word: John'll, Mary've, they'd (the lexicon has the clitic's own sound). */
const CLITICS: Readonly<Record<string, string>> = { "'ll": 'l', "'ve": 'v', "'re": 'ɹ', "'d": 'd' };
const clitic: Rule = (w, lk, br) => {
  const at = w.lastIndexOf("'");
  if (at < 1) return null;
  const sound = CLITICS[w.slice(at)];
  if (sound === undefined) return null;
  const stem = firstKnown(lk, [w.slice(0, at)]);
  return stem === null ? null : stem + (br && sound === 'ɹ' ? 'ə' : sound);
};

/** misaki's three inflection rules first (its order), then the cheap extras. */
export const MORPHOLOGY_RULES: readonly (readonly [string, Rule])[] = [
  ['-s', plural],
  ['-ed', past],
  ['-ing', progressive],
  ['clitic', clitic],
  ['-ly', ly],
  ['-ness', ness],
  ['-er', er],
  ['-est', est],
];

/** The word built from a known stem, or null. `word` is lower-case. */
export function inflect(word: string, lk: StemLookup, british: boolean): string | null {
  for (const [, rule] of MORPHOLOGY_RULES) {
    const ps = rule(word, lk, british);
    if (ps !== null) return ps;
  }
  return null;
}
