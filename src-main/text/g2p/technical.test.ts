// Technical and creator words the lexicons lack: initialisms with endings, CamelCase names,
// vowel-less letters, hyphenated compounds and the small technical word list, all kept off espeak.
import { describe, expect, it } from 'vitest';
import { devLexicons, misakiDir } from '../../../test-support/text/misaki';
import { createG2P, type EspeakIpa } from './index';
import { Lexicon } from './lexicon';
import { techEntries, techRespellings } from './tech-lexicon';
import { isKokoroSymbol } from './vocab';
import { capsReadAsWord, hasNoVowelLetter, splitCamel } from './word-shape';

const files = devLexicons();
const skipped = files ? '' : ` (skipped: misaki lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`;

/** Records the words that reached espeak and answers each with a fixed sound. */
function recordingEspeak(): EspeakIpa & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async ipa(text) {
      const words = text.split('\n\n');
      asked.push(...words);
      return words.map(() => 'bˈɑ').join('\n');
    },
  };
}

describe('word shapes', () => {
  it('cuts CamelCase and PascalCase as misaki does', () => {
    expect(splitCamel('OpenWebUI')).toEqual(['Open', 'Web', 'UI']);
    expect(splitCamel('JSZip')).toEqual(['JS', 'Zip']);
    expect(splitCamel('iPhone')).toEqual(['i', 'Phone']);
    expect(splitCamel('macOS')).toEqual(['mac', 'OS']);
    expect(splitCamel('dBFS')).toEqual(['d', 'BFS']);
    expect(splitCamel('plain')).toEqual(['plain']);
    expect(splitCamel("it's")).toEqual(["it's"]);
  });

  it('reads capitals as a word only when they alternate vowels and consonants', () => {
    for (const w of ['SCUBA', 'CUDA', 'LUFS', 'FLAC', 'NASA']) expect(capsReadAsWord(w), w).toBe(true);
    for (const w of ['HTML', 'IEEE', 'GPU', 'CEO', 'FAQ', 'NVDA', 'ONNX', 'AI']) expect(capsReadAsWord(w), w).toBe(false);
  });

  it('spells letters with no vowel', () => {
    for (const w of ['npm', 'src', 'tmp', 'js', 'BFS']) expect(hasNoVowelLetter(w), w).toBe(true);
    for (const w of ['node', 'gym', 'a']) expect(hasNoVowelLetter(w), w).toBe(false);
  });
});

describe.skipIf(!files)(`technical English${skipped}`, () => {
  const espeak = recordingEspeak();
  const g2p = createG2P({ lexicons: files, espeak });
  const us = async (text: string): Promise<string> => (await g2p.phonemize(text, 'a')).phonemes;
  const gb = async (text: string): Promise<string> => (await g2p.phonemize(text, 'b')).phonemes;

  it('spells initialisms, then adds the plural or possessive ending by the last sound', async () => {
    // G P U = ʤi pi ju (the lexicon's letter names), then z after a vowel.
    expect(await us('GPUs')).toBe('ʤˌipˌijˈuz');
    expect(await us("CEO's")).toBe('sˌiˌiˈOz');
    expect(await us('URLs')).toBe('jˌuˌɑɹˈɛlz');
    expect(await us('FAQs')).toBe('ˌɛfˌAkjˈuz');
    expect(await us('APIs')).toBe('ˌApˌiˈIz');
    // After a voiceless sound the ending is s (misaki's _s): P D F s → ɛfs.
    expect(await us('PDFs')).toBe('pˌidˌiˈɛfs');
    expect(await gb('GPUs')).toBe('ʤˌiːpˌiːjˈuːz');
    // A plural possessive keeps one ending.
    expect(await us("GPUs'")).toBe('ʤˌipˌijˈuz');
  });

  it('spells unknown capitals without a vowel pattern, reads the others as words', async () => {
    espeak.asked.length = 0;
    expect(await us('HTML')).toBe('ˌAʧtˌiˌɛmˈɛl');
    expect(await us('IEEE')).toBe('ˌIˌiˌiˈi');
    await us('LUFS');
    expect(espeak.asked).toEqual(['lufs']);
    // In the lexicon: read as the word.
    expect(await us('NASA GIF')).toBe('nˈæsə ɡˈɪf');
  });

  it('splits CamelCase before lookup, and keeps what the lexicon has whole', async () => {
    const r = await g2p.phonemize('OpenWebUI JavaScript iPhone macOS eSpeak', 'a');
    expect(r.words.map((w) => w.source)).not.toContain('espeak');
    // Open + Web + U I, the lighter stresses demoted.
    expect(r.words[0]!.phonemes).toBe('ˈOpᵊnwˌɛbjˌuˈI');
    expect(r.words[1]!.phonemes).toBe('ʤˈɑvəskɹˌɪpt');
    expect(r.words[2]!.phonemes).toBe('ˈIfˌOn');
    expect(r.words[3]!.phonemes).toBe('mˌækˌOˈɛs');
  });

  it('looks up hyphenated compounds part by part, and spells vowel-less words', async () => {
    espeak.asked.length = 0;
    const r = await g2p.phonemize('Multi-language src-main npm CoreML-based', 'a');
    expect(espeak.asked).toEqual([]);
    expect(r.words.map((w) => w.text)).toEqual(['Multi-language', 'src-main', 'npm', 'CoreML-based']);
    expect(r.words[2]!.phonemes).toBe('ˌɛnpˌiˈɛm');
  });

  it('reads technical words and short key names from its own list', async () => {
    expect(await us('Ctrl')).toBe('kəntɹˈOl');
    expect(await us('README')).toBe('ɹˈidmˌi');
    expect(await us('JSON')).toBe('ʤˈAsᵊn');
    // Silver has async as "uh-SINK"; the list's reading wins over silver (not over gold).
    expect(await us('async')).toBe('ˈAsˌɪŋk');
    expect(await us('Ubuntu')).toBe('ubˈuntu');
    expect(await gb('Kokoro')).toBe('kˈQkəɹˌQ');
    expect(await us("Kokoro's")).toBe('kˈOkəɹˌOz');
  });

  it('the technical list uses only Kokoro symbols, one primary stress, and respellings the lexicons know', async () => {
    for (const [w, usPs, gbPs] of techEntries()) {
      for (const ps of [usPs, gbPs]) {
        expect([...ps].filter((c) => !isKokoroSymbol(c)), w).toEqual([]);
        expect(ps.split('ˈ').length - 1, w).toBe(1);
      }
    }
    for (const british of [false, true]) {
      const lex = await Lexicon.load(british ? files!.gbGold : files!.usGold, british ? files!.gbSilver : files!.usSilver, british);
      for (const [w, say] of techRespellings()) for (const part of say.split(' ')) expect(lex.has(part), `${w}: ${part}`).toBe(true);
    }
  });
});

describe.skipIf(!files)(`inline pronunciations in misaki's link form${skipped}`, () => {
  const g2p = createG2P({ lexicons: files, espeak: recordingEspeak() });

  it('reads [word](/phonemes/) with those phonemes, as a user entry, this time only', async () => {
    const r = await g2p.phonemize('Say [Koe](/kˈOA/) and Koe.', 'a');
    expect(r.words.map((w) => [w.text, w.phonemes, w.source])).toEqual([
      ['Say', 'sˈA', 'gold'],
      ['Koe', 'kˈOA', 'user'],
      ['and', 'ænd', 'gold'],
      ['Koe', 'kˈOˌA', 'gold'],
      ['.', '.', 'punctuation'],
    ]);
  });

  it('moves stress with [word](+1) and (-1)', async () => {
    expect((await g2p.phonemize('[and](+2)', 'a')).phonemes).toBe('ˈænd');
    expect((await g2p.phonemize('[record](-1)', 'a')).phonemes).not.toContain('ˈ');
  });

  it('refuses phonemes Kokoro lacks, naming the word', async () => {
    await expect(g2p.phonemize('[Koe](/kØ/)', 'a')).rejects.toThrow(/Koe/);
  });
});
