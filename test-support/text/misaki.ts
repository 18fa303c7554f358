// Where tests and benchmarks find misaki's lexicons in a development checkout: $KOE_MISAKI_DIR, else
// the workplace's shared copy beside the repository (../shared/data/misaki). The app itself gets
// the files from its model downloads and never looks here.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LexiconFiles } from '../../src-main/text/g2p/types';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function misakiDir(): string {
  return process.env.KOE_MISAKI_DIR || join(REPO_ROOT, '..', 'shared', 'data', 'misaki');
}

/** The four files, or null when any is missing (callers skip with a reason naming the folder). */
export function devLexicons(): LexiconFiles | null {
  const dir = misakiDir();
  const files: LexiconFiles = {
    usGold: join(dir, 'us_gold.json'),
    usSilver: join(dir, 'us_silver.json'),
    gbGold: join(dir, 'gb_gold.json'),
    gbSilver: join(dir, 'gb_silver.json'),
  };
  return Object.values(files).every((f) => existsSync(f)) ? files : null;
}
