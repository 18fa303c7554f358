import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { PronunciationInput } from '../contract/schemas';
import { openLibrary, type Library } from './db';

describe('pronunciations', () => {
  let lib: Library;
  let projectId: string;
  beforeEach(() => {
    lib = openLibrary(':memory:');
    projectId = lib.projects.createProject('Show').id;
  });
  afterEach(() => lib.close());

  it('stores global and project entries; a project sees both, others only the global ones', () => {
    lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Koe', respelling: 'koh-eh' });
    lib.pronunciations.set({ scope: 'project', projectId, language: 'en', word: 'Anya', phonemes: 'ˈɑnjə' });
    expect(lib.pronunciations.list(projectId).map((p) => [p.word, p.scope])).toEqual([['Anya', 'project'], ['Koe', 'global']]);
    expect(lib.pronunciations.list(null).map((p) => p.word)).toEqual(['Koe']);
    const other = lib.projects.createProject('Other').id;
    expect(lib.pronunciations.list(other).map((p) => p.word)).toEqual(['Koe']);
  });

  it('replaces the entry for the same word in the same dictionary instead of duplicating it', () => {
    const a = lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Koe', respelling: 'koh' });
    const b = lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Koe', respelling: 'koh-eh' });
    expect(b.id).toBe(a.id);
    expect(lib.pronunciations.list().map((p) => p.respelling)).toEqual(['koh-eh']);
  });

  it('edits by id, refusing a rename onto another entry and leaving both unchanged', () => {
    const a = lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Koe', respelling: 'koh-eh' });
    lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Anya', respelling: 'ahn-ya' });
    expect(() => lib.pronunciations.set({ id: a.id, scope: 'global', language: 'en', word: 'Anya', respelling: 'x' })).toThrow(/already has a pronunciation/);
    expect(lib.pronunciations.list().map((p) => `${p.word}=${p.respelling}`)).toEqual(['Anya=ahn-ya', 'Koe=koh-eh']);
    const renamed = lib.pronunciations.set({ id: a.id, scope: 'global', language: 'en', word: 'Koé', respelling: 'koh-ay' });
    expect(renamed.word).toBe('Koé');
  });

  it('refuses an entry with neither phonemes nor respelling, or for a missing project', () => {
    expect(() => lib.pronunciations.set({ scope: 'global', language: 'en', word: 'Koe', phonemes: ' ' })).toThrow(KoeError);
    expect(() => lib.pronunciations.set({ scope: 'project', projectId: 'nope', language: 'en', word: 'Koe', respelling: 'k' })).toThrow(/no longer exists/);
    expect(lib.pronunciations.list(projectId)).toEqual([]);
  });

  it('gives speech the dictionaries that apply to a voice language, project first', () => {
    lib.pronunciations.set({ scope: 'global', language: 'en', word: 'tomato', phonemes: 'təmˈɑTO' });
    lib.pronunciations.set({ scope: 'global', language: 'en-gb', word: 'schedule', phonemes: 'ʃˈɛdjuːl' });
    lib.pronunciations.set({ scope: 'project', projectId, language: 'en', word: 'tomato', phonemes: 'təmˈATO' });
    lib.pronunciations.set({ scope: 'global', language: 'fr', word: 'bonjour', respelling: 'bon-zhoor' });
    expect(lib.pronunciations.forSpeech(projectId, 'en-us')).toEqual([[{ word: 'tomato', phonemes: 'təmˈATO' }], [{ word: 'tomato', phonemes: 'təmˈɑTO' }]]);
    expect(lib.pronunciations.forSpeech(null, 'en-gb').flat().map((e) => e.word).sort()).toEqual(['schedule', 'tomato']);
    expect(lib.pronunciations.forSpeech(null, 'eo')).toEqual([]);
  });

  it('drops a project\'s entries with the project', () => {
    lib.pronunciations.set({ scope: 'project', projectId, language: 'en', word: 'Anya', respelling: 'ahn-ya' });
    lib.projects.deleteProject(projectId);
    expect(lib.db.prepare('SELECT count(*) FROM pronunciations').pluck().get()).toBe(0);
  });

  it('validates input at the contract: one word, a language tag, something to say', () => {
    const ok = PronunciationInput.safeParse({ scope: 'global', language: 'EN-GB', word: "O'Neill", respelling: 'oh-neel' });
    expect(ok.success && ok.data.language).toBe('en-gb');
    for (const bad of [
      { scope: 'global', language: 'en', word: 'two words', respelling: 'x' },
      { scope: 'global', language: 'english', word: 'Koe', respelling: 'x' },
      { scope: 'global', language: 'en', word: 'Koe' },
      { scope: 'project', language: 'en', word: 'Koe', respelling: 'x' },
      { scope: 'global', language: 'en', word: 'Koe', respelling: 'a\nb' },
    ]) expect(PronunciationInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
