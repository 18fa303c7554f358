// The Pocket TTS presets as library rows, computed on the main side from the files alone (no model
// load, no worker): every verified language's voices from its manifest.json, and before anything
// is downloaded, the English set's documented voices greyed with the reason, so the voices screen
// shows what a download would bring. Cloned voices are the library's own rows (voice-clone/).
import { readFileSync } from 'node:fs';
import type { Voice } from '../../contract/schemas';
import { parsePocketManifest } from './manifest';
import { pocketPaths, POCKET_LANGUAGES } from './model-files';
import { DOCUMENTED_PRESETS, presetDisplayName, presetGender, presetVoiceId } from './voice-ids';

export const NO_POCKET_REASON = 'Download Pocket TTS in Models';

function row(lang: (typeof POCKET_LANGUAGES)[number], name: string, reason: string | null): Voice {
  return {
    id: `pocket:${presetVoiceId(lang.folder, name)}`,
    name: presetDisplayName(name),
    engine: 'pocket',
    kind: 'system',
    language: lang.tag,
    languageName: lang.name,
    gender: presetGender(name),
    tags: ['pocket', 'neural'],
    grade: null,
    available: reason === null,
    unavailableReason: reason,
  };
}

/** `installed`: the language folders whose files are verified (PocketService resolves them). */
export function pocketLibraryVoices(modelsDir: string, installed: readonly string[]): Voice[] {
  const out: Voice[] = [];
  for (const lang of POCKET_LANGUAGES) {
    if (installed.includes(lang.folder)) {
      let names: string[] = [];
      let reason: string | null = null;
      try {
        names = parsePocketManifest(readFileSync(pocketPaths(modelsDir, lang.folder).manifest, 'utf8')).voices;
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
        names = [...(DOCUMENTED_PRESETS[lang.folder] ?? [])];
      }
      for (const name of names) out.push(row(lang, name, reason));
    } else {
      for (const name of DOCUMENTED_PRESETS[lang.folder] ?? []) out.push(row(lang, name, NO_POCKET_REASON));
    }
  }
  return out;
}
