// Voice search, filters and language grouping shared by the Voices screen and the speaker pickers.
import { describe, expect, it } from 'vitest';
import type { Voice } from '../../../../src-main/contract/schemas';
import { filterVoices, groupByLanguage, languagesOf, matchesQuery } from './voice-filter';

const voice = (id: string, name: string, language: string, languageName: string, gender: Voice['gender']): Voice => ({
  id, name, engine: 'espeak', kind: 'system', language, languageName, gender, tags: [], grade: null, available: true, unavailableReason: null,
});

const voices = [
  voice('espeak:fr-fr', 'French (France)', 'fr-fr', 'French', 'male'),
  voice('espeak:en-us', 'English (America)', 'en-us', 'English', 'female'),
  voice('espeak:en-gb', 'English (Great Britain)', 'en-gb', 'English', 'male'),
  voice('espeak:es', 'Español', 'es', 'Spanish', 'unknown'),
];

describe('voice filter', () => {
  it('matches every word, ignoring case and accents', () => {
    expect(matchesQuery(voices[3]!, 'espanol')).toBe(true);
    expect(matchesQuery(voices[1]!, 'english america')).toBe(true);
    expect(matchesQuery(voices[1]!, 'english britain')).toBe(false);
  });

  it('combines search, language and gender', () => {
    expect(filterVoices(voices, { query: 'english', language: '', gender: 'male' }).map((v) => v.id)).toEqual(['espeak:en-gb']);
    expect(filterVoices(voices, { query: '', language: 'fr-fr', gender: '' })).toHaveLength(1);
  });

  it('lists languages and groups voices by language name, sorted', () => {
    expect(languagesOf(voices).map((l) => l.code)).toEqual(['en-gb', 'en-us', 'fr-fr', 'es']);
    expect(groupByLanguage(voices).map((g) => [g.label, g.voices.length])).toEqual([['English', 2], ['French', 1], ['Spanish', 1]]);
  });
});
