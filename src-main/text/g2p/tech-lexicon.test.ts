// The technical word list's hand-written phonemes checked against misaki's own lexicons
// (github.com/hexgrad/misaki, misaki/data/{us,gb}_{gold,silver}.json at commit fba1236595f2d2bf21d414ba6e57d25256afada3,
// Apache-2.0; the workplace's copy is found by test-support/text/misaki.ts). A word the gold lexicon
// lists must read exactly as there. A compound or a name that sounds like words the lexicons list
// (backend = back + end, JSON = Jason) must have the same sounds in the same order; stress is the
// list's own there (a compound's second part is demoted to secondary stress, as misaki's compounds
// are), so it is compared without stress marks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devLexicons, misakiDir } from '../../../test-support/text/misaki';
import { techEntries } from './tech-lexicon';

const files = devLexicons();
const skipped = files ? '' : ` (skipped: misaki lexicons not found in ${misakiDir()}; set KOE_MISAKI_DIR)`;

type Dict = Record<string, string | Record<string, string | null>>;

/** Words the lexicons list that each entry is made of, or sounds like, in order. */
const PARTS: Readonly<Record<string, string[]>> = {
  json: ['Jason'],
  onnx: ['onyx'],
  espeak: ['e', 'speak'],
  epub: ['e', 'pub'],
  prebuilt: ['pre', 'built'],
  pytorch: ['pie', 'torch'],
  nginx: ['engine', 'x'],
  localhost: ['local', 'host'],
  backend: ['back', 'end'],
  frontend: ['front', 'end'],
  bitrate: ['bit', 'rate'],
  namespace: ['name', 'space'],
  playhead: ['play', 'head'],
  autosave: ['auto', 'save'],
  crossfade: ['cross', 'fade'],
  downmix: ['down', 'mix'],
  downmixed: ['down', 'mixed'],
  toolchain: ['tool', 'chain'],
  tokenizer: ['tokenize', 'er'],
  github: ['git', 'hub'],
  dropbox: ['drop', 'box'],
  webhook: ['web', 'hook'],
  codecs: ['codec', 's'],
};

/**
 * Entries that disagree with a lexicon on purpose (the list is read before silver, so these win).
 * async: only silver (misaki's low-confidence, generated list) has it, as "uh-SINK"; programmers
 * say "AY-sink".
 */
const DIVERGES: Readonly<Record<string, string>> = { async: 'silver' };

const bare = (ps: string): string => ps.replace(/[ˈˌ]/g, '');

describe.skipIf(!files)(`the technical word list against misaki's lexicons${skipped}`, () => {
  const load = (path: string): Dict => JSON.parse(readFileSync(path, 'utf8')) as Dict;
  const dicts = files ? { us: [load(files.usGold), load(files.usSilver)], gb: [load(files.gbGold), load(files.gbSilver)] } : null;
  /** A word as misaki looks it up: as written, lower case, capitalised; a heteronym's default reading. */
  const find = (accent: 'us' | 'gb', word: string, goldOnly = false): string | null => {
    for (const d of goldOnly ? dicts![accent].slice(0, 1) : dicts![accent]) {
      for (const k of [word, word.toLowerCase(), word[0]!.toUpperCase() + word.slice(1).toLowerCase()]) {
        const v = d[k];
        if (typeof v === 'string') return v;
        if (v && typeof v.DEFAULT === 'string') return v.DEFAULT;
      }
    }
    return null;
  };
  // "-er" and "-s" are endings, not words: their sounds as misaki's morphology adds them.
  const ENDINGS: Record<string, { us: string; gb: string }> = { er: { us: 'əɹ', gb: 'ə' }, s: { us: 's', gb: 's' } };

  it('agrees with the gold lexicon wherever it lists the word', () => {
    let checked = 0;
    for (const [word, usPs, gbPs] of techEntries()) {
      for (const [accent, ps] of [['us', usPs], ['gb', gbPs]] as const) {
        const gold = find(accent, word, true);
        if (gold === null) continue;
        checked++;
        expect(ps, `${word} (${accent}) in ${accent}_gold.json`).toBe(gold);
      }
    }
    // ubuntu, nvidia, co, gui and codec in both accents; namespace and autosave in British.
    expect(checked).toBe(12);
  });

  it('has the sounds of the words a compound or a sound-alike is made of', () => {
    for (const [word, usPs, gbPs] of techEntries()) {
      const parts = PARTS[word];
      if (!parts) continue;
      for (const [accent, ps] of [['us', usPs], ['gb', gbPs]] as const) {
        const sounds = parts.map((p) => ENDINGS[p]?.[accent] ?? find(accent, p));
        expect(sounds.every((s) => s !== null), `${word}: ${parts.join(' + ')} in the ${accent} lexicons`).toBe(true);
        expect(bare(ps), `${word} (${accent}) = ${parts.join(' + ')}`).toBe(bare(sounds.join('')));
      }
    }
  });

  it('names each disagreement with a lexicon', () => {
    for (const [word, usPs] of techEntries()) {
      const listed = find('us', word);
      if (listed === null || listed === usPs) continue;
      expect(DIVERGES[word], `${word}: ${usPs} here, ${listed} in misaki`).toBeDefined();
    }
  });
});
