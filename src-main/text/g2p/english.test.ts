import { describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { BENCH_SENTENCES } from '../../../bench/g2p';
import { devLexicons, misakiDir } from '../../../test-support/text/misaki';
import { chunkForKokoro, createG2P, tokenize, type EspeakIpa, type G2PResult, type UserEntry } from './index';

/** A stand-in espeak that answers every piece with a fixed IPA and records what it was asked. */
function fakeEspeak(answer = 't^ʃˈo^ʊ'): EspeakIpa & { calls: { text: string; voice: string; tie?: string }[] } {
  const calls: { text: string; voice: string; tie?: string }[] = [];
  return {
    calls,
    async ipa(text, voice, opts) {
      calls.push({ text, voice, tie: opts?.tie });
      return text
        .split('\n\n')
        .map(() => answer)
        .join('\n');
    },
  };
}

const files = devLexicons();
const skipped = files ? '' : ` (skipped: misaki lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`;

describe.skipIf(!files)(`English G2P with misaki's lexicons${skipped}`, () => {
  const espeak = fakeEspeak();
  const g2p = createG2P({ lexicons: files, espeak });
  const us = async (text: string, user?: UserEntry[][]): Promise<string> => (await g2p.phonemize(text, 'a', { user })).phonemes;
  const gb = async (text: string): Promise<string> => (await g2p.phonemize(text, 'b')).phonemes;

  it('reads lexicon words with stress, keeps punctuation and single spaces', async () => {
    expect(await us('Hello, world!')).toBe('həlˈO, wˈɜɹld!');
    expect(await gb('Hello, world!')).toBe('həlˈQ, wˈɜːld!');
    expect(await us('Wait; then: go… (now) — “yes”?')).toBe('wˈAt; ðˈɛn: ɡˌO… (nˈW) — “jˈɛs”?');
    expect(await us('  spaced   out  ')).toBe('spˈAst ˈWt');
  });

  it('writes the American flap and glottal stop as Kokoro v1.0 expects (T, t)', async () => {
    expect(await us('better water button')).toBe('bˈɛTəɹ wˈɔTəɹ bˈʌtn');
    expect(await gb('better water')).toBe('bˈɛtə wˈɔːtə');
  });

  it('turns straight quotes into curly ones and drops marks Kokoro cannot voice', async () => {
    expect(await us('"Stop," she said.')).toBe('“stˈɑp,” ʃi sˈɛd.');
    expect(await us('cats & dogs / birds')).toBe('kˈæts dˈɔɡz bˈɜɹdz');
    expect(tokenize(await us('"Stop," she said... (ok) [yes] «no» – maybe!')).dropped).toEqual([]);
  });

  describe('heteronyms, by a light tagger', () => {
    const cases: [string, string][] = [
      ['I will read it.', 'ɹˈid'],
      ['I have read it.', 'ɹˈɛd'],
      ['He read it yesterday.', 'ɹˈɛd'],
      ['They live here.', 'lˈɪv'],
      ['a live show', 'lˈIv'],
      ['We record music.', 'ɹəkˈɔɹd'],
      ['The record is old.', 'ɹˈɛkəɹd'],
      ['The wind is cold.', 'wˈɪnd'],
      ['Wind the clock.', 'wˈInd'],
      ['Close the door.', 'klˈOz'],
      ['It is very close.', 'klˈOs'],
      ['the close of day', 'klˈOz'],
      ['The use of force', 'jˈus'],
      ['I use it.', 'jˈuz'],
      ['The present is here.', 'pɹˈɛzᵊnt'],
      ['I want to present it.', 'pɹizˈɛnt'],
      ['An object fell.', 'ˈɑbʤəkt'],
      ['I object to that.', 'əbʤˈɛkt'],
      ['The wound healed.', 'wˈund'],
      ['He wound the rope.', 'wˈWnd'],
      ['I used to go.', 'jˈust'],
      ['It is used to cut.', 'jˈuzd'],
      ['a minute ago', 'mˈɪnət'],
      ['a minute detail', 'mInˈut'],
      ['The tear fell.', 'tˈɪɹ'],
      ["Don't tear it.", 'tˈɛɹ'],
      ['The project is late.', 'pɹˈɑʤˌɛkt'],
      ['We project growth.', 'pɹəʤˈɛkt'],
    ];
    for (const [text, reading] of cases) {
      it(`${text} → ${reading}`, async () => {
        expect((await us(text)).split(/[\s.,!?;:]+/)).toContain(reading);
      });
    }

    it('lead has one reading in the data, so it is not guessed', async () => {
      expect(await us('Lead the way with lead pipes.')).toBe('lˈid ðə wˈA wɪð lˈid pˈIps.');
    });

    it('stresses function words before a pause (misaki’s None reading)', async () => {
      expect(await us('I can.')).toBe('ˌI kˈæn.');
      expect(await us('I can go.')).toBe('ˌI kæn ɡˌO.');
      expect(await us('I like that.')).toBe('ˌI lˈIk ðˈæt.');
      expect(await us('so that he')).toBe('sˌO ðæt hi');
    });
  });

  it('chooses weak forms from the next sound (the, a, an, to, in, am)', async () => {
    expect(await us('the apple and the dog')).toBe('ði ˈæpᵊl ænd ðə dˈɔɡ');
    expect(await us('to eat, to go, where to?')).toBe('tʊ ˈit, tə ɡˌO, wˌɛɹ tu?');
    expect(await us('an hour, a dog')).toBe('ɐn ˈWəɹ, ɐ dˈɔɡ');
    expect(await us('I am here. Here I am.')).toBe('ˌI ɐm hˈɪɹ. hˈɪɹ ˌI æm.');
    expect(await us('come in. in the house')).toBe('kˈʌm ˈɪn. ɪn ðə hˈWs');
    // Quotes and brackets are not pauses: "the" still sees the vowel behind them.
    expect(await us('the “apple”')).toBe('ði “ˈæpᵊl”');
    expect(await us('the (apple) to (eat)')).toBe('ði (ˈæpᵊl) tʊ (ˈit)');
  });

  it('spells initialisms, reads emphasised and shouted words as words', async () => {
    // "the" sees the vowel the spelled letters start with.
    expect(await us('The FBI met HTML fans.')).toBe('ði ˌɛfbˌiˈI mˈɛt ˌAʧtˌiˌɛmˈɛl fˈænz.');
    expect(await us('the US and the U.S.A.')).toBe('ðə jˌuˈɛs ænd ðə jˌuˌɛsˈA');
    expect(await us('I did NOT say that.')).toBe('ˌI dˈɪd nˈɑt sˈA ðˈæt.');
    expect(await us('I SAID NO')).toBe('ˌI sˈɛd nˈO');
    expect(await us('PEANUT BUTTER!')).toBe('pˈinˌʌt bˈʌTəɹ!');
    // A capitalised unstressed word gains a secondary stress, as in misaki.
    expect(await us('And so it goes')).toBe('ˌænd sˌO ɪt ɡˈOz');
    // A lone letter is its name.
    expect(await us('p m')).toBe('pˈi ˈɛm');
  });

  it('reads hyphenated compounds from their parts, demoting the lighter stress', async () => {
    expect(await us('cat-dog')).toBe('kˌætdˈɔɡ');
    expect(await us('Q-word')).toBe('kjˈuwˌɜɹd');
    expect(await us('well-known')).toBe('wˌɛlnˈOn');
  });

  it('handles apostrophes: contractions, elisions, possessives', async () => {
    expect(await us("don't 'cause dogs' John's")).toBe('dˈOnt kˈʌz dˈɔɡz ʤˈɑnz');
    expect(await us('café naïve')).toBe('kæfˈA nɑˈiv');
  });

  it('asks espeak once per text for all the unknown words, tied, in the accent’s voice', async () => {
    const e = fakeEspeak('t^ʃˈo^ʊ');
    const g = createG2P({ lexicons: files, espeak: e });
    const r = await g.phonemize('Zork met Blorf and Quux, then Zork left.', 'a');
    expect(e.calls).toEqual([{ text: 'zork\n\nblorf\n\nquux', voice: 'en-us', tie: '^' }]);
    expect(r.phonemes).toBe('ʧˈO mˈɛt ʧˈO ænd ʧˈO, ðˈɛn ʧˈO lˈɛft.');
    expect(r.words.map((w) => w.source)).toEqual(['espeak', 'gold', 'espeak', 'gold', 'espeak', 'punctuation', 'gold', 'espeak', 'gold', 'punctuation']);
    // Cached afterwards.
    await g.phonemize('Blorf again', 'a');
    expect(e.calls).toHaveLength(1);
    await g.phonemize('Blorf again', 'b');
    expect(e.calls.at(-1)).toEqual({ text: 'blorf', voice: 'en-gb', tie: '^' });
    expect((await g.phonemize('Blorf', 'b')).phonemes).toBe('ʧˈɔʊ');
  });

  it('reports each word’s source', async () => {
    const r: G2PResult = await g2p.phonemize('The jumps, parens and Koe.', 'a', { user: [[{ word: 'Koe', phonemes: 'kˈOA' }]] });
    expect(r.words.map((w) => [w.text, w.source])).toEqual([
      ['The', 'gold'],
      ['jumps', 'silver'],
      [',', 'punctuation'],
      ['parens', 'morphology'],
      ['and', 'gold'],
      ['Koe', 'user'],
      ['.', 'punctuation'],
    ]);
  });

  it('gives chunkForKokoro whole words: a long text cuts into ≤ 510-token pieces at sentence ends', async () => {
    const text = Array.from({ length: 60 }, (_, i) => BENCH_SENTENCES[i % BENCH_SENTENCES.length]).join(' ');
    const r = await g2p.phonemize(text, 'a');
    const chunks = chunkForKokoro(r, { firstChunkMaxTokens: 60 });
    expect(chunks.join(' ')).toBe(r.phonemes);
    expect(tokenize(chunks[0]!).ids.length).toBeLessThanOrEqual(60);
    for (const c of chunks) {
      expect(tokenize(c).ids.length).toBeLessThanOrEqual(510);
      expect(c).toMatch(/[.,]$/);
    }
  });

  it('gives Kokoro chunk boundaries where the reference pipelines would cut, on real phonemes', async () => {
    // The engine's default limits; the reference cuts only past 510 tokens (text/g2p/chunk.test.ts).
    const plan = async (text: string): Promise<string[]> => chunkForKokoro(await g2p.phonemize(text, 'a'), { maxTokens: 510, firstChunkMaxTokens: 32 });
    // Was "ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps" / "ˌOvəɹ ðə lˈAzi dˈɔɡ. …": a 32-token first chunk cut at a word.
    expect(await plan('The quick brown fox jumps over the lazy dog. Then it sleeps.')).toEqual(['ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɔɡ.', 'ðˈɛn ɪt slˈips.']);
    // No punctuation: one sentence, one call.
    expect(await plan('the quick brown fox jumps over the lazy dog')).toEqual(['ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɔɡ']);
    // A long opening sentence with a comma: its first clause goes first, the rest packs with what follows.
    expect(await plan('The morning train was late again, so we walked along the river instead. It rained all day.')).toEqual([
      'ðə mˈɔɹnɪŋ tɹˈAn wʌz lˈAt əɡˈɛn,',
      'sˌO wi wˈɔkt əlˈɔŋ ðə ɹˈɪvəɹ ɪnstˈɛd. ˌɪt ɹˈAnd ˈɔl dˈA.',
    ]);
    // A long opening sentence without one: whole.
    expect(await plan('Please remember to water the tomatoes before you leave for the weekend. Thank you!')).toEqual(['plˈiz ɹəmˈɛmbəɹ tə wˈɔTəɹ ðə təmˈATOz bəfˈɔɹ ju lˈiv fɔɹ ðə wˈikˌɛnd.', 'θˈæŋk ju!']);
  });

  it('reads the benchmark sentences from the lexicon alone', async () => {
    for (const s of BENCH_SENTENCES) {
      const r = await g2p.phonemize(s, 'a');
      expect(r.words.filter((w) => w.source === 'espeak'), s).toEqual([]);
    }
  });

  describe('user dictionaries', () => {
    it('override the lexicon, in misaki symbols or IPA', async () => {
      expect(await us('Read the tomato.', [[{ word: 'tomato', phonemes: 'təmˈɑTO' }]])).toBe('ɹˈid ðə təmˈɑTO.');
      expect(await us('Read the tomato.', [[{ word: 'tomato', phonemes: '/təˈmɑːtoʊ/' }]])).toBe('ɹˈid ðə təˈmɑtO.');
      // English IPA r becomes the approximant the English voices know.
      expect(await us('a red car', [[{ word: 'red', phonemes: 'rɛd' }]])).toBe('ɐ ɹɛd kˈɑɹ');
    });

    it('accept a respelling, read by the normal path', async () => {
      expect(await us('Koe Studio', [[{ word: 'Koe', respelling: 'toe-way' }]])).toBe('tˌOwˈA stˈudiO');
    });

    it('match ignoring case but prefer the exact case, and honour dictionary priority', async () => {
      const project: UserEntry[] = [{ word: 'nice', phonemes: 'nˈis' }, { word: 'Nice', phonemes: 'nˈIs' }];
      const global: UserEntry[] = [{ word: 'NICE', phonemes: 'nˈAs' }, { word: 'gif', phonemes: 'ʤˈɪf' }];
      expect(await us('Nice nice NICE gif', [project, global])).toBe('nˈIs nˈis nˈis ʤˈɪf');
      expect(await us('NICE', [global, project])).toBe('nˈAs');
    });

    it('match several words, the longest first, and a possessive of an entry', async () => {
      const dict: UserEntry[] = [
        { word: 'Koe Studio', phonemes: 'kˈO stˈudiO' },
        { word: 'Koe', phonemes: 'kˈOA' },
      ];
      expect(await us('Koe Studio and Koe’s voice', [dict])).toBe('kˈO stˈudiO ænd kˈOAz vˈYs');
    });

    it('let the next word’s weak form follow the user’s sound', async () => {
      expect(await us('the Xyz', [[{ word: 'Xyz', phonemes: 'ˈɛksɪz' }]])).toBe('ði ˈɛksɪz');
    });

    it('refuse phonemes Kokoro lacks, naming the symbols', async () => {
      const bad = us('hello', [[{ word: 'hello', phonemes: 'hɛˈlɵʊ' }]]);
      await expect(bad).rejects.toBeInstanceOf(KoeError);
      await expect(bad).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringContaining('“ɵ” (U+0275)') });
      await expect(bad).rejects.toMatchObject({ message: expect.stringContaining('“hello”') });
    });
  });
});

describe('English G2P without lexicons', () => {
  it('falls back to espeak for every word and says so', async () => {
    const e = fakeEspeak('hˈɛlo^ʊ');
    const g = createG2P({ lexicons: null, espeak: e });
    expect(g.availability('a')).toEqual({ available: true, reason: expect.stringContaining('eSpeak alone') });
    const r = await g.phonemize('Hello, hello the end.', 'a');
    expect(r.phonemes).toBe('hˈɛlO, hˈɛlO hˈɛlO hˈɛlO.');
    expect(e.calls).toEqual([{ text: 'hello\n\nthe\n\nend', voice: 'en-us', tie: '^' }]);
  });

  it('reports missing lexicon files as unavailable and fails phonemize with a clear error', async () => {
    const g = createG2P({ lexicons: { usGold: '/nope/us_gold.json', usSilver: '/nope/us_silver.json', gbGold: '/nope/gb_gold.json', gbSilver: '/nope/gb_silver.json' }, espeak: fakeEspeak() });
    expect(g.availability('b')).toMatchObject({ available: false, reason: expect.stringContaining('/nope/gb_gold.json') });
    await expect(g.phonemize('hi', 'a')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('/nope/us_gold.json') });
  });

  it('honours an aborted signal', async () => {
    const g = createG2P({ lexicons: null, espeak: fakeEspeak() });
    const ac = new AbortController();
    ac.abort();
    await expect(g.phonemize('hi', 'a', { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
