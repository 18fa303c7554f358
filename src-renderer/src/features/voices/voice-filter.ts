// Voice search and grouping shared by the Voices screen and the speaker voice pickers: one notion of
// "matches" everywhere, so a voice found on one screen is found on the other.
import type { Gender, Voice } from '../../../../src-main/contract/schemas';

export interface VoiceFilter {
  query: string;
  language: string;
  gender: Gender | '';
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query must appear in the voice's name, language, id, engine or tags. */
export function matchesQuery(v: Voice, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold([v.name, v.languageName, v.language, v.id, v.engine, v.kind, v.gender, ...v.tags].join(' '));
  return words.every((w) => hay.includes(w));
}

const KIND_ORDER: Record<Voice['kind'], number> = { clone: 0, blend: 1, preset: 2, system: 3 };

/**
 * The user's own voices first (clones, blends), then by language as the user reads it (Bengali
 * before Bulgarian, which sorting by code gets wrong), then by name.
 */
export function compareVoices(a: Voice, b: Voice): number {
  return (
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    (a.languageName || a.language).localeCompare(b.languageName || b.language) ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id)
  );
}

export function filterVoices(voices: readonly Voice[], f: VoiceFilter): Voice[] {
  return voices
    .filter((v) => (!f.language || v.language === f.language) && (!f.gender || v.gender === f.gender) && matchesQuery(v, f.query))
    .sort(compareVoices);
}

/** Languages present, by display name, for the language filter. */
export function languagesOf(voices: readonly Voice[]): { code: string; name: string; count: number }[] {
  const map = new Map<string, { code: string; name: string; count: number }>();
  for (const v of voices) {
    const e = map.get(v.language);
    if (e) e.count += 1;
    else map.set(v.language, { code: v.language, name: v.languageName || v.language, count: 1 });
  }
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}

/** Voices grouped by language name, groups and voices sorted, for <optgroup>s. */
export function groupByLanguage(voices: readonly Voice[]): { label: string; voices: Voice[] }[] {
  const groups = new Map<string, Voice[]>();
  for (const v of voices) {
    const label = v.languageName || v.language;
    const g = groups.get(label);
    if (g) g.push(v);
    else groups.set(label, [v]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, vs]) => ({ label, voices: vs.sort((a, b) => a.name.localeCompare(b.name)) }));
}
