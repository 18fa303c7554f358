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

  it('lists the voices by language name, not code (Bengali before Bulgarian), the user\'s own first', () => {
    const bg = voice('espeak:bg', 'Bulgarian', 'bg', 'Bulgarian', 'male');
    const bn = voice('espeak:bn', 'Bengali', 'bn', 'Bengali', 'male');
    const mine = { ...voice('pocket:clone-1', 'My voice', 'en', 'English', 'unknown'), kind: 'clone' as const };
    expect(filterVoices([bg, ...voices, bn, mine], { query: '', language: '', gender: '' }).map((v) => v.id)).toEqual([
      'pocket:clone-1', 'espeak:bn', 'espeak:bg', 'espeak:en-us', 'espeak:en-gb', 'espeak:fr-fr', 'espeak:es',
    ]);
  });

  it('lists languages and groups voices by language name, sorted', () => {
    expect(languagesOf(voices).map((l) => l.code)).toEqual(['en-gb', 'en-us', 'fr-fr', 'es']);
    expect(groupByLanguage(voices).map((g) => [g.label, g.voices.length])).toEqual([['English', 2], ['French', 1], ['Spanish', 1]]);
  });
});
