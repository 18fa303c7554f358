// espeak-ng IPA → Kokoro/misaki symbols. Kokoro's voices were trained on misaki's output, so an
// espeak pronunciation must be rewritten into misaki's symbols (diphthongs as capitals, no `ɚ`, the
// American flap as `T`...) or the model hears symbols it rarely or never saw. The rewrites follow
// misaki's EspeakFallback (English) and EspeakG2P (es/fr/hi/it/pt-br) as ENGINES 1.7 documents
// them, kept as ordered tables so each rule can be tested on its own.
//
// espeak is run with `--tie=^`, which joins the letters of one phoneme (`t^ʃ`, `a^ɪ`); the rules
// match on those ties and the ties are dropped last. Two misaki rules never fire as misaki orders
// them (British `e^ə` comes after `e`→`A` has eaten its `e`; British `iə`/American `ɪə` miss the
// tied forms espeak actually prints). Here they run where they can fire, because the British and
// American lexicons Kokoro learned from use exactly those targets (hair = hˈɛː, near = nˈɪə).
//
// A few rules of our own follow misaki's (marked `koe`). Each was kept because it brought espeak's
// output closer to misaki's gold lexicon: on ~2,500 held-out gold words read by espeak alone, the
// phoneme error fell from 14.3% to 13.0% (American) and 12.8% to 10.8% (British), and the same on
// a second, disjoint sample (accuracy.test.ts measures the whole path).

export interface IpaRule {
  /** A literal to replace everywhere, or a global RegExp. */
  from: string | RegExp;
  to: string;
  /** Why the rule exists (shown by the rule-by-rule tests). */
  note: string;
}

const TIE = '^';
const SYLLABIC = '\u0329';

/** misaki's shared E2M table, longest match first (its order). */
const ENGLISH_SHARED: readonly IpaRule[] = [
  { from: `ʔˌn${SYLLABIC}`, to: 'ʔn', note: 'glottal stop before syllabic n (button): keep ʔ, drop the syllabic mark' },
  { from: `ʔn${SYLLABIC}`, to: 'ʔn', note: 'same without the secondary stress' },
  { from: `a${TIE}ɪ`, to: 'I', note: 'PRICE diphthong' },
  { from: `a${TIE}ʊ`, to: 'W', note: 'MOUTH diphthong' },
  { from: `d${TIE}ʒ`, to: 'ʤ', note: 'affricate as one symbol' },
  { from: `e${TIE}ɪ`, to: 'A', note: 'FACE diphthong' },
  { from: `t${TIE}ʃ`, to: 'ʧ', note: 'affricate as one symbol' },
  { from: `ɔ${TIE}ɪ`, to: 'Y', note: 'CHOICE diphthong' },
  { from: `ə${TIE}l`, to: 'ᵊl', note: 'dark syllabic l (bottle)' },
  { from: 'ʲo', to: 'jo', note: 'palatalisation before o is a real j' },
  { from: 'ʲə', to: 'jə', note: 'palatalisation before ə is a real j' },
  { from: 'e', to: 'A', note: 'a lone e is the FACE vowel in misaki' },
  { from: 'ʲ', to: '', note: 'other palatalisation marks are dropped' },
  { from: 'ɚ', to: 'əɹ', note: 'misaki spells r-coloured schwa as two symbols' },
  { from: 'r', to: 'ɹ', note: 'English r is the approximant' },
  { from: 'x', to: 'k', note: 'loch → lock' },
  { from: 'ç', to: 'k', note: 'huge-type ç is not an English phoneme in misaki' },
  { from: 'ɐ', to: 'ə', note: 'reduced a is schwa' },
  { from: 'ɬ', to: 'l', note: 'Welsh ll' },
  { from: '\u0303', to: '', note: 'nasalisation (French loans) is dropped' },
  { from: new RegExp(`(\\S)${SYLLABIC}`, 'g'), to: 'ᵊ$1', note: 'syllabic consonant X̩ → ᵊX' },
  { from: SYLLABIC, to: '', note: 'a syllabic mark with nothing before it' },
];

const BRITISH_FIRST: readonly IpaRule[] = [
  { from: `e${TIE}ə`, to: 'ɛː', note: 'SQUARE vowel (hair = hˈɛː); must run before e → A' },
];

const BRITISH_AFTER: readonly IpaRule[] = [
  { from: `i${TIE}ə`, to: 'ɪə', note: 'NEAR vowel as espeak ties it (near = nˈɪə)' },
  { from: 'iə', to: 'ɪə', note: 'NEAR vowel, untied' },
  { from: `ə${TIE}ʊ`, to: 'Q', note: 'British GOAT diphthong' },
];

const AMERICAN_AFTER: readonly IpaRule[] = [
  { from: `o${TIE}ʊ`, to: 'O', note: 'American GOAT diphthong' },
  { from: 'ɜːɹ', to: 'ɜɹ', note: 'NURSE before r loses its length' },
  { from: `ɜː${TIE}ɹ`, to: 'ɜɹ', note: 'same, tied' },
  { from: 'ɜː', to: 'ɜɹ', note: 'American NURSE is r-coloured' },
  { from: `ɪ${TIE}ə`, to: 'iə', note: 'American NEAR-type sequence, tied' },
  { from: 'ɪə', to: 'iə', note: 'American NEAR-type sequence' },
  { from: 'ː', to: '', note: 'American lexicon marks no length' },
];

const ENGLISH_LAST: readonly IpaRule[] = [
  { from: 'o', to: 'ɔ', note: 'older espeak prints o for THOUGHT' },
  { from: TIE, to: '', note: 'remaining ties carry no meaning for Kokoro' },
];

/** koe: espeak writes an r-coloured vowel and then the r again (adultery = ədˈʌltɚɹi). */
const KOE_BOTH: readonly IpaRule[] = [{ from: 'ɹɹ', to: 'ɹ', note: 'koe: English has no double r within a word' }];

const KOE_AMERICAN: readonly IpaRule[] = [
  { from: /ᵻ(?![dz](?:\s|$))/g, to: 'ə', note: 'koe: espeak\'s ᵻ is misaki\'s schwa (acidity), except in the -ᵻd/-ᵻz endings misaki keeps' },
];

const KOE_BRITISH: readonly IpaRule[] = [
  { from: /(?<=[^\sAIOQWYaeiouæɑɒɔəɛɜɪʊʌᵻˈˌː])ə(?=n[tdsz]?(?:\s|$))/g, to: 'ᵊ', note: 'koe: British lexicon writes a final -ən after a consonant as ᵊn (accession = əksˈɛʃᵊn)' },
  { from: /(?<=ˈ\S*)ˌ/g, to: '', note: 'koe: British lexicon puts no secondary stress after the primary (adjective = ˈaʤɪktɪv)' },
];

/** The whole ordered table for espeak's en-us (american) or en-gb (british) output. */
export function englishFallbackRules(british: boolean): readonly IpaRule[] {
  return british
    ? [...BRITISH_FIRST, ...ENGLISH_SHARED, ...BRITISH_AFTER, ...ENGLISH_LAST, ...KOE_BOTH, ...KOE_BRITISH]
    : [...ENGLISH_SHARED, ...AMERICAN_AFTER, ...ENGLISH_LAST, ...KOE_BOTH, ...KOE_AMERICAN];
}

/** misaki's EspeakG2P table for es, fr-fr, hi, it and pt-br. */
export const ESPEAK_G2P_RULES: readonly IpaRule[] = [
  { from: `a${TIE}ɪ`, to: 'I', note: 'diphthong symbol' },
  { from: `a${TIE}ʊ`, to: 'W', note: 'diphthong symbol' },
  { from: `d${TIE}z`, to: 'ʣ', note: 'affricate symbol' },
  { from: `d${TIE}ʒ`, to: 'ʤ', note: 'affricate symbol' },
  { from: `e${TIE}ɪ`, to: 'A', note: 'diphthong symbol' },
  { from: `o${TIE}ʊ`, to: 'O', note: 'diphthong symbol' },
  { from: `ə${TIE}ʊ`, to: 'Q', note: 'diphthong symbol' },
  { from: `s${TIE}s`, to: 'S', note: 'long s' },
  { from: `t${TIE}s`, to: 'ʦ', note: 'affricate symbol' },
  { from: `t${TIE}ʃ`, to: 'ʧ', note: 'affricate symbol' },
  { from: `ɔ${TIE}ɪ`, to: 'Y', note: 'diphthong symbol' },
  { from: TIE, to: '', note: 'remaining ties carry no meaning for Kokoro' },
  { from: '-', to: '', note: 'espeak marks French liaison/compounds with -, which Kokoro v1.0 never saw' },
];

/**
 * Kokoro v1.0 was trained on misaki's "1.0" output, which writes the American flap as T and the
 * glottal stop as t (misaki does this to every English word, lexicon ones included).
 */
export const KOKORO_V1_RULES: readonly IpaRule[] = [
  { from: 'ɾ', to: 'T', note: 'American flap (better = bˈɛTəɹ)' },
  { from: 'ʔ', to: 't', note: 'glottal stop (button = bˈʌtn)' },
];

export function applyRules(ipa: string, rules: readonly IpaRule[]): string {
  let out = ipa;
  for (const rule of rules) {
    if (typeof rule.from === 'string') {
      if (out.includes(rule.from)) out = out.replaceAll(rule.from, rule.to);
    } else {
      out = out.replace(rule.from, rule.to);
    }
  }
  return out;
}

/** espeak en-us/en-gb IPA (with `^` ties) → misaki symbols, before the v1.0 flap/glottal step. */
export function espeakToMisakiEnglish(ipa: string, british: boolean): string {
  return applyRules(ipa, british ? BRITISH_TABLE : AMERICAN_TABLE);
}

/** espeak IPA of another language (with `^` ties) → Kokoro symbols. */
export function espeakToKokoro(ipa: string): string {
  return applyRules(ipa, ESPEAK_G2P_RULES);
}

const BRITISH_TABLE = englishFallbackRules(true);
const AMERICAN_TABLE = englishFallbackRules(false);
