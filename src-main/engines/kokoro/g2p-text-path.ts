// The production text path: the G2P of src-main/text/g2p with misaki's lexicons from the models
// folder (misaki/*.json, downloaded with the model) and espeak-ng for everything else. The
// lexicons may arrive after the engine starts, so their presence is checked per request and the
// G2P rebuilt when it changes, rather than leaving English on espeak alone until a restart. In the
// app "present" means verified by the model manager (`lexiconsVerified`), not merely on disk.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chunkForKokoro, createG2P, tokenize, wasmEspeakIpa, type CjkAnalyzers, type EspeakIpa, type G2P, type LexiconFiles } from '../../text/g2p/index';
import type { KokoroTextPath } from './text-path';

/** misaki's lexicons as the model manager installs them (`<modelsDir>/misaki/*.json`). */
export function misakiLexicons(modelsDir: string, dir = join(modelsDir, 'misaki')): LexiconFiles {
  return {
    usGold: join(dir, 'us_gold.json'),
    usSilver: join(dir, 'us_silver.json'),
    gbGold: join(dir, 'gb_gold.json'),
    gbSilver: join(dir, 'gb_silver.json'),
  };
}

/** `cjk`: the Japanese and Mandarin analyzers, when they must not load on this thread (cjk-thread.ts). */
export function g2pTextPath(modelsDir: string, opts: { espeak?: EspeakIpa; lexiconDir?: string; lexiconsVerified?: () => boolean; cjk?: CjkAnalyzers } = {}): KokoroTextPath {
  const files = misakiLexicons(modelsDir, opts.lexiconDir);
  const espeak = opts.espeak ?? wasmEspeakIpa;
  let built: { complete: boolean; g2p: G2P } | null = null;
  // With every lexicon present English follows misaki; with none (or a partial set) it is read by
  // espeak alone and availability says so, instead of refusing English outright.
  const current = (): G2P => {
    const complete = opts.lexiconsVerified ? opts.lexiconsVerified() : Object.values(files).every((f) => existsSync(f));
    if (!built || built.complete !== complete) built = { complete, g2p: createG2P({ lexicons: complete ? files : null, espeak, ...(opts.cjk ? { cjk: opts.cjk } : {}) }) };
    return built.g2p;
  };
  return {
    g2p: {
      phonemize: (text, lang, opts) => current().phonemize(text, lang, opts),
      availability: (lang) => current().availability(lang),
    },
    tokenize,
    chunk: (result, limits) => chunkForKokoro(result, limits),
  };
}
