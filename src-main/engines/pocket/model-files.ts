// Where the Pocket TTS files live under the models folder: the npm / Hugging Face layout, one folder
// per language, so a download, an import of the folder the npm runtime caches, and
// `npm run fixtures` all produce the same tree:
//   pocket/<lang>/manifest.json  model.onnx  encoder.onnx  assets.json
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelResolver } from '../onnx/model-resolver';
import { parsePocketManifest } from './manifest';

export const POCKET_DIR = 'pocket';

/** The language folders the export offers (ENGINES.md 2.2), with Koe's tag and name for each. */
export const POCKET_LANGUAGES = [
  { folder: 'en', tag: 'en', name: 'English' },
  { folder: 'es', tag: 'es', name: 'Spanish' },
  { folder: 'fr', tag: 'fr', name: 'French' },
  { folder: 'de', tag: 'de', name: 'German' },
  { folder: 'it', tag: 'it', name: 'Italian' },
  { folder: 'pt', tag: 'pt', name: 'Portuguese' },
] as const;

export type PocketLanguage = (typeof POCKET_LANGUAGES)[number];

export function pocketLanguage(folder: string): PocketLanguage | undefined {
  return POCKET_LANGUAGES.find((l) => l.folder === folder);
}

export function pocketPaths(modelsDir: string, lang = 'en') {
  const dir = join(modelsDir, POCKET_DIR, lang);
  return {
    dir,
    manifest: join(dir, 'manifest.json'),
    model: join(dir, 'model.onnx'),
    encoder: join(dir, 'encoder.onnx'),
    assets: join(dir, 'assets.json'),
  };
}

/** The files a language needs to speak (and, with the encoder, to clone), as catalog paths. */
export const pocketRel = (lang: string, file: 'manifest.json' | 'model.onnx' | 'assets.json' | 'encoder.onnx'): string => `${POCKET_DIR}/${lang}/${file}`;

/** Languages whose manifest, step graph and assets all resolve (verified, in the app). */
export function resolvedPocketLanguages(resolve: ModelResolver): PocketLanguage[] {
  return POCKET_LANGUAGES.filter((l) => (['manifest.json', 'model.onnx', 'assets.json'] as const).every((f) => resolve(pocketRel(l.folder, f)) !== null));
}

/** Whether `lang` can speak its preset voices (step graph, assets and manifest present). */
export function pocketInstalled(modelsDir: string, lang = 'en'): boolean {
  const p = pocketPaths(modelsDir, lang);
  return existsSync(p.manifest) && existsSync(p.model) && existsSync(p.assets);
}

/** Whether `lang` can also clone (needs the encoder graph). */
export function pocketCanClone(modelsDir: string, lang = 'en'): boolean {
  return pocketInstalled(modelsDir, lang) && existsSync(pocketPaths(modelsDir, lang).encoder);
}

export function installedPocketLanguages(modelsDir: string): PocketLanguage[] {
  return POCKET_LANGUAGES.filter((l) => pocketInstalled(modelsDir, l.folder));
}

const fileStamp = (path: string): string => {
  const s = statSync(path);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
};

/**
 * Identifies the installed build in audio-cache keys: a replaced step graph or assets file must
 * never serve audio rendered by the old one (size and mtime notice a replacement without hashing).
 */
export function pocketModelVersion(modelsDir: string, lang = 'en'): string {
  if (!pocketInstalled(modelsDir, lang)) return `pocket-${lang}-missing`;
  const p = pocketPaths(modelsDir, lang);
  return `pocket-${lang}:${fileStamp(p.model)}:${fileStamp(p.assets)}`;
}

/**
 * Identifies what a clone's conditioning was computed with: the encoder and step graph named by
 * the manifest's digests. Content-based, so downloading the same files again does not call for a
 * re-encode, while a new export does.
 */
export function pocketEncoderVersion(modelsDir: string, lang = 'en'): string | null {
  const p = pocketPaths(modelsDir, lang);
  if (!existsSync(p.manifest) || !existsSync(p.encoder)) return null;
  try {
    const m = parsePocketManifest(readFileSync(p.manifest, 'utf8'));
    return `pocket-${lang}:${m.encoder?.sha256 ?? fileStamp(p.encoder)}:${m.model.sha256}`;
  } catch {
    return `pocket-${lang}:${fileStamp(p.encoder)}:${fileStamp(p.model)}`;
  }
}
