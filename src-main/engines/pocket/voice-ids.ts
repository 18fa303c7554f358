// Pocket voice ids, engine-local (the library id is `pocket:<id>`):
//   <lang>-<name>   a preset from that language's assets.json, e.g. `en-alba`. The language is part
//                   of the id because exports reuse names (alba is in the English, German, Italian
//                   and Portuguese sets, each encoded by its own model).
//   clone-<id>      a cloned voice; its conditioning comes from the library (clone-conds.ts).
import { KoeError } from '../../contract/errors';
import type { Gender } from '../../contract/schemas';
import { CLONE_ID } from './clone-conds';

export type PocketVoiceRef = { kind: 'preset'; lang: string; name: string } | { kind: 'clone'; cloneId: string };

export function parsePocketVoiceId(id: string): PocketVoiceRef {
  const clone = /^clone-(.+)$/.exec(id);
  if (clone) {
    if (!CLONE_ID.test(clone[1]!)) throw new KoeError('not_found', `Unknown Pocket TTS voice "${id}".`);
    return { kind: 'clone', cloneId: clone[1]! };
  }
  const preset = /^([a-z]{2,3})-([A-Za-z0-9_]{1,64})$/.exec(id);
  if (!preset) throw new KoeError('not_found', `Unknown Pocket TTS voice "${id}": ids look like "en-alba" or "clone-…".`);
  return { kind: 'preset', lang: preset[1]!, name: preset[2]! };
}

export const presetVoiceId = (lang: string, name: string): string => `${lang}-${name}`;
export const cloneVoiceId = (cloneId: string): string => `clone-${cloneId}`;

/**
 * The English set's voices as its published recipe lists them (ENGINES.md 2.2; UNVERIFIED until a
 * download's manifest.json says otherwise, which then wins): shown, greyed, before the download.
 */
export const DOCUMENTED_PRESETS: Record<string, readonly string[]> = { en: ['alba', 'anna', 'liat', 'michael', 'omer'] };

/** Genders of the named Kyutai voices (by the names' usual reading); anything else is unknown. */
const GENDERS: Record<string, Gender> = {
  alba: 'female', anna: 'female', cosette: 'female', liat: 'female', lola: 'female', estelle: 'female',
  michael: 'male', marius: 'male', javert: 'male', omer: 'male', juergen: 'male', giovanni: 'male', rafael: 'male',
};

export function presetGender(name: string): Gender {
  return GENDERS[name.toLowerCase()] ?? 'unknown';
}

export function presetDisplayName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
