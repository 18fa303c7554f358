import { describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { devLexicons } from '../../../test-support/text/misaki';
import { wasmEspeakIpa } from './espeak-ipa';
import { createG2P, espeakEspeakVoiceFor, tokenize, type EspeakIpa, type KokoroLang } from './index';

/** The real embedded espeak, counting its runs. */
function countingEspeak(): EspeakIpa & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    ipa(text, voice, opts) {
      runs.push(text);
      return wasmEspeakIpa.ipa(text, voice, opts);
    },
  };
}

describe('languages', () => {
  it('maps Kokoro language codes to espeak voices', () => {
    const expected: Record<KokoroLang, string | null> = { a: 'en-us', b: 'en-gb', e: 'es', f: 'fr-fr', h: 'hi', i: 'it', p: 'pt-br', j: null, z: null };
    for (const [lang, voice] of Object.entries(expected)) expect(espeakEspeakVoiceFor(lang as KokoroLang)).toBe(voice);
  });

  it('reads every Kokoro language, Japanese and Mandarin with their own analyzers, and refuses an unknown code', async () => {
    const g = createG2P({ lexicons: null, espeak: countingEspeak() });
    for (const lang of ['e', 'f', 'h', 'i', 'p', 'j', 'z'] as const) expect(g.availability(lang)).toEqual({ available: true, reason: null });
    await expect(g.phonemize('x', 'q' as KokoroLang)).rejects.toBeInstanceOf(KoeError);
    await expect(g.phonemize('x', 'q' as KokoroLang)).rejects.toMatchObject({ code: 'invalid_args' });
  });
});

describe('espeak languages (misaki EspeakG2P), with the embedded espeak-ng', () => {
  const espeak = countingEspeak();
  const g2p = createG2P({ lexicons: null, espeak });
  const cases: [KokoroLang, string, string][] = [
    ['e', 'Hola, ¿qué tal? Tengo 3 perros.', 'ˈola, kˈe tˈal? tˈɛŋɡo tɾˈes pˈeros.'],
    ['f', "Les enfants sont allés à l'école.", 'lez ɑ̃fˈɑ̃ sˈɔ̃t alˈez a lekˈɔl.'],
    ['h', 'नमस्ते, आप कैसे हैं।', 'nəmˈʌsteː, ˌaːp kˈɛːseː hɛ̃.'],
    ['i', 'Ciao, come stai?', 'ʧˈao, kˌome stˈaj?'],
    ['p', 'Olá, tudo bem?', 'olˈa, tˈudʊ bˈAŋ?'],
  ];
  for (const [lang, text, expected] of cases) {
    it(`${lang}: ${text}`, async () => {
      const before = espeak.runs.length;
      const r = await g2p.phonemize(text, lang);
      expect(r.phonemes).toBe(expected);
      expect(tokenize(r.phonemes).dropped).toEqual([]);
      // One espeak run for the whole text; punctuation put back between the runs of words.
      expect(espeak.runs.length - before).toBe(1);
      expect(r.words.filter((w) => w.source === 'punctuation').map((w) => w.text).join('')).toBe(expected.replace(/[^.,?!]/g, ''));
    });
  }

  it('keeps French liaison inside a run and applies user entries, cutting the run there', async () => {
    const r = await g2p.phonemize('Les enfants de Koe sont là.', 'f', { user: [[{ word: 'Koe', phonemes: 'ko.e' }]] });
    expect(r.phonemes).toBe('lez ɑ̃fˈɑ̃ də koe sˈɔ̃ lˈa.');
    expect(r.words.map((w) => [w.text, w.source])).toEqual([
      ['Les enfants de', 'espeak'],
      ['Koe', 'user'],
      ['sont là', 'espeak'],
      ['.', 'punctuation'],
    ]);
    const spelled = await g2p.phonemize('Koe', 'e', { user: [[{ word: 'Koe', respelling: 'coe' }]] });
    expect(spelled.phonemes).toBe('kˈoe');
    expect(spelled.words[0]!.source).toBe('user');
  });
});

const files = devLexicons();
describe.skipIf(!files)(`English out-of-lexicon words through the embedded espeak-ng${files ? '' : ' (skipped: misaki lexicons not found; set KOE_MISAKI_DIR)'}`, () => {
  it('reads unknown words in one espeak run and maps them to misaki symbols (US and GB)', async () => {
    const espeak = countingEspeak();
    const g2p = createG2P({ lexicons: files, espeak });
    const us = await g2p.phonemize('Zorblax and Quibbleton met Fenwickshire.', 'a');
    expect(espeak.runs).toEqual(['zorblax\n\nquibbleton\n\nfenwickshire']);
    expect(us.words.filter((w) => w.source === 'espeak').map((w) => w.text)).toEqual(['Zorblax', 'Quibbleton', 'Fenwickshire']);
    expect(tokenize(us.phonemes).dropped).toEqual([]);
    // American: no length marks, r-coloured vowels spelled out, T for the flap; British keeps ː.
    expect(us.phonemes).not.toMatch(/[ːɚ^]/);
    const gb = await g2p.phonemize('Zorblax and Quibbleton met Fenwickshire.', 'b');
    expect(gb.phonemes).toMatch(/ː/);
    expect(tokenize(gb.phonemes).dropped).toEqual([]);
  });
});
