import { describe, expect, it } from 'vitest';
import { devLexicons, misakiDir } from '../../../test-support/text/misaki';
import { EnglishG2P } from './english';
import { EspeakBatcher } from './espeak-batch';
import { applyRules, KOKORO_V1_RULES } from './espeak-rules';
import { Lexicon } from './lexicon';
import { addEd, addIng, addS, inflect, type StemLookup } from './morphology';

describe('suffix sounds follow the stem’s last sound', () => {
  it('-s: s after voiceless, ᵻz/ɪz after sibilants, z elsewhere', () => {
    expect(addS('kˈæt', false)).toBe('kˈæts');
    expect(addS('dˈɔɡ', false)).toBe('dˈɔɡz');
    expect(addS('bˈʌs', false)).toBe('bˈʌsᵻz');
    expect(addS('bˈʌs', true)).toBe('bˈʌsɪz');
    expect(addS('wˈɑʧ', false)).toBe('wˈɑʧᵻz');
    expect(addS('plˈA', false)).toBe('plˈAz');
  });

  it('-ed: t after voiceless, ᵻd after d or t (flapped after an American vowel), d elsewhere', () => {
    expect(addEd('wˈɔk', false)).toBe('wˈɔkt');
    expect(addEd('nˈid', false)).toBe('nˈidᵻd');
    expect(addEd('nˈiːd', true)).toBe('nˈiːdɪd');
    expect(addEd('wˈAt', false)).toBe('wˈAɾᵻd');
    expect(addEd('stˈɑɹt', false)).toBe('stˈɑɹɾᵻd');
    expect(addEd('wˈɑnt', false)).toBe('wˈɑntᵻd');
    expect(addEd('wˈAt', true)).toBe('wˈAtɪd');
    expect(addEd('plˈA', false)).toBe('plˈAd');
  });

  it('-ing: ɪŋ, with the American flap after a vowel and t, none for a British final schwa', () => {
    expect(addIng('ɹˈid', false)).toBe('ɹˈidɪŋ');
    expect(addIng('sˈɪt', false)).toBe('sˈɪɾɪŋ');
    expect(addIng('sˈɪt', true)).toBe('sˈɪtɪŋ');
    expect(addIng('hˈɪə', true)).toBeNull();
  });
});

describe('inflect (with a stand-in lexicon)', () => {
  const words: Record<string, string> = { walk: 'wˈɔk', stop: 'stˈɑp', carry: 'kˈɛɹi', make: 'mˈAk', happy: 'hˈæpi', capable: 'kˈApəbᵊl', kind: 'kˈInd', john: 'ʤˈɑn', get: 'ɡɛt' };
  const lk: StemLookup = { known: (w) => w in words, phonemes: (w) => words[w] ?? null };
  it('finds the stem behind the spelling changes', () => {
    expect(inflect('walked', lk, false)).toBe('wˈɔkt');
    expect(inflect('stopped', lk, false)).toBe('stˈɑpt');
    expect(inflect('stopping', lk, false)).toBe('stˈɑpɪŋ');
    expect(inflect('carried', lk, false)).toBe('kˈɛɹid');
    expect(inflect('carries', lk, false)).toBe('kˈɛɹiz');
    expect(inflect('making', lk, false)).toBe('mˈAkɪŋ');
    expect(inflect('happily', lk, false)).toBe('hˈæpəli');
    expect(inflect('capably', lk, false)).toBe('kˈApəbli');
    expect(inflect('kindness', lk, false)).toBe('kˈIndnəs');
    expect(inflect("john's", lk, false)).toBe('ʤˈɑnz');
    expect(inflect("john'll", lk, false)).toBe('ʤˈɑnl');
    expect(inflect('walker', lk, true)).toBe('wˈɔkə');
    expect(inflect('getting', lk, false)).toBe('ɡˌɛɾɪŋ');
    expect(inflect('xyzzy', lk, false)).toBeNull();
    expect(inflect('glass', lk, false)).toBeNull();
  });
});

const files = devLexicons();
const noEspeak = new EspeakBatcher({ ipa: () => Promise.reject(new Error('espeak must not be needed here')) });

describe.skipIf(!files)(`morphology on words removed from misaki's lexicons${files ? '' : ` (skipped: lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`}`, () => {
  // Words whose own lexicon entry the stem + suffix reproduces exactly, once they are held out.
  const AMERICAN = ['walked', 'cats', 'buses', 'stopped', 'carried', 'needed', 'happily', 'kindness', 'quickly', 'workers', 'watches', 'loved', 'hoped', 'hugged', 'kisses', 'capably', 'darker', 'fixed', 'started', 'sitting'];
  const BRITISH = ['walked', 'dogs', 'cats', 'buses', 'carried', 'wanted', 'needed', 'waited', 'quickly', 'workers', 'sitting', 'watches', 'loved', 'hoped', 'kisses', 'capably', 'darker', 'darkest', 'fixed', 'started'];

  for (const [british, held] of [[false, AMERICAN], [true, BRITISH]] as const) {
    it(`rebuilds ${british ? 'British' : 'American'} inflections from their stems, without espeak`, async () => {
      const full = await Lexicon.load(british ? files!.gbGold : files!.usGold, british ? files!.gbSilver : files!.usSilver, british);
      const g2p = new EnglishG2P(full.without(held), noEspeak, british);
      for (const w of held) {
        const entry = full.find(w);
        expect(typeof entry?.pron, w).toBe('string');
        const r = await g2p.phonemize(w, { user: null });
        expect(r.words[0]!.source, w).toBe('morphology');
        expect(r.phonemes, w).toBe(applyRules(entry!.pron as string, KOKORO_V1_RULES));
      }
    });
  }

  it('adds the possessive to a name the lexicon has', async () => {
    const full = await Lexicon.load(files!.usGold, files!.usSilver, false);
    const r = await new EnglishG2P(full, noEspeak, false).phonemize("John's and Wilson's", { user: null });
    expect(r.phonemes).toBe('ʤˈɑnz ænd wˈɪlsᵊnz');
    expect(r.words.filter((w) => w.source === 'morphology').map((w) => w.text)).toEqual(["John's", "Wilson's"]);
  });
});
