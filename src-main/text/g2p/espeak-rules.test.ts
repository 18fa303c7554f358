import { describe, expect, it } from 'vitest';
import { applyRules, englishFallbackRules, ESPEAK_G2P_RULES, espeakToKokoro, espeakToMisakiEnglish, KOKORO_V1_RULES, type IpaRule } from './espeak-rules';

/** One case per rule: the rule alone turns `alone[0]` into `alone[1]`; the whole table turns `full[0]` into `full[1]`. */
interface Case {
  from: string;
  alone: [string, string];
  full?: [string, string];
}

const SYL = '\u0329';

const SHARED: Case[] = [
  { from: `ʔˌn${SYL}`, alone: [`bˈʌʔˌn${SYL}`, 'bˈʌʔn'], full: [`bˈʌʔˌn${SYL}`, 'bˈʌʔn'] },
  { from: `ʔn${SYL}`, alone: [`kˈɪʔn${SYL}`, 'kˈɪʔn'], full: [`kˈɪʔn${SYL}`, 'kˈɪʔn'] },
  { from: 'a^ɪ', alone: ['bˈa^ɪ', 'bˈI'], full: ['bˈa^ɪ', 'bˈI'] },
  { from: 'a^ʊ', alone: ['nˈa^ʊ', 'nˈW'], full: ['bɹˈa^ʊn', 'bɹˈWn'] },
  { from: 'd^ʒ', alone: ['d^ʒˈʌmp', 'ʤˈʌmp'], full: ['d^ʒˈʌmps', 'ʤˈʌmps'] },
  { from: 'e^ɪ', alone: ['dˈe^ɪ', 'dˈA'], full: ['lˈe^ɪzi', 'lˈAzi'] },
  { from: 't^ʃ', alone: ['t^ʃˈɪn', 'ʧˈɪn'], full: ['t^ʃˈɪn', 'ʧˈɪn'] },
  { from: 'ɔ^ɪ', alone: ['bˈɔ^ɪ', 'bˈY'], full: ['bˈɔ^ɪ', 'bˈY'] },
  { from: 'ə^l', alone: ['lˈɪɾə^l', 'lˈɪɾᵊl'], full: ['lˈɪɾə^l', 'lˈɪɾᵊl'] },
  { from: 'ʲo', alone: ['mʲo', 'mjo'], full: ['mʲˈu', 'mˈu'] },
  { from: 'ʲə', alone: ['nʲə', 'njə'], full: ['nʲə', 'njə'] },
  { from: 'e', alone: ['bˈed', 'bˈAd'], full: ['bˈed', 'bˈAd'] },
  { from: 'ʲ', alone: ['nʲi', 'ni'], full: ['nʲi', 'ni'] },
  { from: 'ɚ', alone: ['kˈʌlɚ', 'kˈʌləɹ'], full: ['kˈʌlɚ', 'kˈʌləɹ'] },
  { from: 'r', alone: ['rˈʌn', 'ɹˈʌn'], full: ['rˈʌn', 'ɹˈʌn'] },
  { from: 'x', alone: ['lˈɔx', 'lˈɔk'], full: ['lˈɔx', 'lˈɔk'] },
  { from: 'ç', alone: ['hˈuç', 'hˈuk'], full: ['hˈuç', 'hˈuk'] },
  { from: 'ɐ', alone: ['ɐwˈe^ɪ', 'əwˈe^ɪ'], full: ['ɐwˈe^ɪ', 'əwˈA'] },
  { from: 'ɬ', alone: ['ɬˈan', 'lˈan'], full: ['ɬˈan', 'lˈan'] },
  { from: '\u0303', alone: ['ɑ\u0303', 'ɑ'], full: ['ʒˈɑ\u0303', 'ʒˈɑ'] },
  { from: '/(\\S)\u0329/g', alone: [`bˈɑtl${SYL}`, 'bˈɑtᵊl'], full: [`bˈɑtl${SYL}`, 'bˈɑtᵊl'] },
  { from: SYL, alone: [`${SYL}l`, 'l'] },
];

const AMERICAN: Case[] = [
  ...SHARED,
  { from: 'o^ʊ', alone: ['ɡˈo^ʊ', 'ɡˈO'], full: ['həlˈo^ʊ', 'həlˈO'] },
  { from: 'ɜːɹ', alone: ['fˈɜːɹi', 'fˈɜɹi'], full: ['fˈɜːɹi', 'fˈɜɹi'] },
  { from: 'ɜː^ɹ', alone: ['fˈɜː^ɹi', 'fˈɜɹi'], full: ['fˈɜː^ɹi', 'fˈɜɹi'] },
  { from: 'ɜː', alone: ['wˈɜːld', 'wˈɜɹld'], full: ['wˈɜːld', 'wˈɜɹld'] },
  { from: 'ɪ^ə', alone: ['ˈɪ^ə', 'ˈiə'], full: ['ˈɪ^ə', 'ˈiə'] },
  { from: 'ɪə', alone: ['dˈɪə', 'dˈiə'], full: ['a^ɪdˈɪə', 'Idˈiə'] },
  { from: 'ː', alone: ['fˈɑːðɚ', 'fˈɑðɚ'], full: ['fˈɑːðɚ', 'fˈɑðəɹ'] },
  { from: 'o', alone: ['θˈot', 'θˈɔt'], full: ['θˈot', 'θˈɔt'] },
  { from: '^', alone: ['ʃˈɛ^ɹ', 'ʃˈɛɹ'], full: ['t^ʃˈɛ^ɹ', 'ʧˈɛɹ'] },
  { from: 'ɹɹ', alone: ['əˈɹɹi', 'əˈɹi'], full: ['ədˈʌltɚɹi', 'ədˈʌltəɹi'] },
  { from: '/ᵻ(?![dz](?:\\s|$))/g', alone: ['æsˈɪdᵻɾi', 'æsˈɪdəɾi'], full: ['wˈɑːntᵻd', 'wˈɑntᵻd'] },
];

const BRITISH: Case[] = [
  ...SHARED,
  { from: 'e^ə', alone: ['hˈe^ə', 'hˈɛː'], full: ['skwˈe^ə', 'skwˈɛː'] },
  { from: 'i^ə', alone: ['nˈi^ə', 'nˈɪə'], full: ['nˈi^ə', 'nˈɪə'] },
  { from: 'iə', alone: ['dˈiə', 'dˈɪə'], full: ['a^ɪdˈiə', 'Idˈɪə'] },
  { from: 'ə^ʊ', alone: ['ɡˈə^ʊ', 'ɡˈQ'], full: ['həlˈə^ʊ', 'həlˈQ'] },
  { from: 'o', alone: ['θˈot', 'θˈɔt'], full: ['wˈɜːld', 'wˈɜːld'] },
  { from: '^', alone: ['kjˈʊ^ə', 'kjˈʊə'], full: ['kjˈʊ^əɹi^əs', 'kjˈʊəɹɪəs'] },
  { from: 'ɹɹ', alone: ['əˈɹɹi', 'əˈɹi'], full: ['ɐlˈɑːɹɹəm', 'əlˈɑːɹəm'] },
  { from: '/(?<=[^\\sAIOQWYaeiouæɑɒɔəɛɜɪʊʌᵻˈˌː])ə(?=n[tdsz]?(?:\\s|$))/g', alone: ['əksˈɛʃən', 'əksˈɛʃᵊn'], full: ['ˈaktənt bˈiːən', 'ˈaktᵊnt bˈiːən'] },
  { from: '/(?<=ˈ\\S*)ˌ/g', alone: ['ˈaʤɪktˌɪv', 'ˈaʤɪktɪv'], full: ['ˌakɹəmˈatɪk ˈaʤɪktˌɪv', 'ˌakɹəmˈatɪk ˈaʤɪktɪv'] },
];

const key = (r: IpaRule): string => (typeof r.from === 'string' ? r.from : String(r.from));

function checkTable(name: string, rules: readonly IpaRule[], cases: Case[], map: (s: string) => string): void {
  describe(name, () => {
    it('has a case for every rule in its table (a new rule needs a test)', () => {
      const covered = new Set(cases.map((c) => c.from));
      expect(rules.map(key).filter((k) => !covered.has(k))).toEqual([]);
    });
    for (const c of cases) {
      const rule = rules.find((r) => key(r) === c.from);
      it(`${JSON.stringify(c.from)}: ${rule?.note ?? 'missing rule'}`, () => {
        expect(rule, 'rule in table').toBeDefined();
        expect(applyRules(c.alone[0], [rule!])).toBe(c.alone[1]);
        if (c.full) expect(map(c.full[0])).toBe(c.full[1]);
      });
    }
  });
}

checkTable('espeak → misaki, American (EspeakFallback british=False)', englishFallbackRules(false), AMERICAN, (s) => espeakToMisakiEnglish(s, false));
checkTable('espeak → misaki, British (EspeakFallback british=True)', englishFallbackRules(true), BRITISH, (s) => espeakToMisakiEnglish(s, true));

describe('espeak → misaki, order matters', () => {
  it('maps the British SQUARE vowel before a lone e becomes A (misaki orders it after, where it never fires)', () => {
    expect(espeakToMisakiEnglish('hˈe^ə', true)).toBe('hˈɛː');
    expect(espeakToMisakiEnglish('hˈe^ə', false)).toBe('hˈAə');
  });
  it('keeps British length marks and removes American ones', () => {
    expect(espeakToMisakiEnglish('sˈiː', true)).toBe('sˈiː');
    expect(espeakToMisakiEnglish('sˈiː', false)).toBe('sˈi');
  });
  it('turns a tied diphthong into its capital but leaves the untied pair alone', () => {
    expect(espeakToMisakiEnglish('ˈa^ɪ', false)).toBe('ˈI');
    expect(espeakToMisakiEnglish('nˈaɪv', false)).toBe('nˈaɪv');
  });
});

describe('espeak → Kokoro for es/fr/hi/it/pt-br (EspeakG2P)', () => {
  const cases: [string, string, string][] = [
    ['a^ɪ', 'bˈa^ɪle', 'bˈIle'],
    ['a^ʊ', 'kˈa^ʊsa', 'kˈWsa'],
    ['d^z', 'd^zˈɛta', 'ʣˈɛta'],
    ['d^ʒ', 'd^ʒˈɛnte', 'ʤˈɛnte'],
    ['e^ɪ', 'sˈe^ɪ', 'sˈA'],
    ['o^ʊ', 'ʃˈo^ʊ', 'ʃˈO'],
    ['ə^ʊ', 'ɡˈə^ʊ', 'ɡˈQ'],
    ['s^s', 'ˈas^sa', 'ˈaSa'],
    ['t^s', 'pˈit^sa', 'pˈiʦa'],
    ['t^ʃ', 't^ʃˈao', 'ʧˈao'],
    ['ɔ^ɪ', 'ˈɔ^ɪ', 'ˈY'],
    ['^', 'nˌɐ\u0303^ʊ\u0303', 'nˌɐ\u0303ʊ\u0303'],
    ['-', 'le-z ɑ\u0303fˈɑ\u0303', 'lez ɑ\u0303fˈɑ\u0303'],
  ];
  it('has a case for every rule', () => {
    expect(ESPEAK_G2P_RULES.map(key).sort()).toEqual(cases.map((c) => c[0]).sort());
  });
  for (const [from, input, out] of cases) {
    it(`${from} → ${ESPEAK_G2P_RULES.find((r) => key(r) === from)?.to ?? '?'}`, () => {
      expect(applyRules(input, ESPEAK_G2P_RULES.filter((r) => key(r) === from))).toBe(out);
      expect(espeakToKokoro(input)).toBe(out);
    });
  }
  it('keeps what the English rules would change (r, e, ː, ɾ are Spanish/Italian phonemes)', () => {
    expect(espeakToKokoro('pˈeroː tɾˈes')).toBe('pˈeroː tɾˈes');
  });
});

describe('Kokoro v1.0 symbols for every English word', () => {
  it('writes the flap as T and the glottal stop as t', () => {
    expect(applyRules('bˈɛɾəɹ', KOKORO_V1_RULES)).toBe('bˈɛTəɹ');
    expect(applyRules('bˈʌʔn', KOKORO_V1_RULES)).toBe('bˈʌtn');
    expect(KOKORO_V1_RULES).toHaveLength(2);
  });
});
