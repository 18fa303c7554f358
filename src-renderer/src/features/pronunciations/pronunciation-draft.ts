// What the Pronunciations form edits and how it maps to a saved entry: the draft's shape, the
// languages offered, and the entry "Say it" speaks. Plain data, so the form, the table and the
// save call agree on one reading of a draft.
import type { Pronunciation } from '../../../../src-main/contract/schemas';

export type Mode = 'respelling' | 'phonemes';
export interface Draft {
  id?: number;
  word: string;
  language: string;
  mode: Mode;
  value: string;
  scope: 'global' | 'project';
}
export type SpokenEntry = { word: string; phonemes?: string; respelling?: string };

export const LANGUAGES = [
  { code: 'en', label: 'English (all)' },
  { code: 'en-us', label: 'English (US)' },
  { code: 'en-gb', label: 'English (UK)' },
  { code: 'es', label: 'Spanish' },
  { code: 'fr', label: 'French' },
  { code: 'it', label: 'Italian' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'hi', label: 'Hindi' },
  { code: 'de', label: 'German' },
];
export const EMPTY_DRAFT: Draft = { word: '', language: 'en', mode: 'respelling', value: '', scope: 'global' };

export function entryOf(d: Draft): SpokenEntry {
  return d.mode === 'phonemes' ? { word: d.word.trim(), phonemes: d.value.trim() } : { word: d.word.trim(), respelling: d.value.trim() };
}

/** A saved entry back in the form, to edit it. */
export function draftOf(p: Pronunciation): Draft {
  return { id: p.id, word: p.word, language: p.language, mode: p.phonemes ? 'phonemes' : 'respelling', value: p.phonemes ?? p.respelling ?? '', scope: p.scope };
}

/** A saved entry as "Say it" speaks it. */
export function spokenOf(p: Pronunciation): SpokenEntry {
  return { word: p.word, ...(p.phonemes ? { phonemes: p.phonemes } : { respelling: p.respelling ?? '' }) };
}

export function languageLabel(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.label ?? code;
}

/** Entries whose word or spoken form contains the search text (any case). */
export function filterEntries(entries: Pronunciation[], filter: string): Pronunciation[] {
  const q = filter.trim().toLowerCase();
  return q ? entries.filter((e) => e.word.toLowerCase().includes(q) || (e.respelling ?? e.phonemes ?? '').toLowerCase().includes(q)) : entries;
}
