import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Voice } from '../contract/schemas';
import { openLibrary, type Library } from './db';

const voice = (id: string, over: Partial<Voice> = {}): Voice => ({
  id: `espeak:${id}`,
  name: id,
  engine: 'espeak',
  kind: 'system',
  language: id,
  languageName: id,
  gender: 'unknown',
  tags: [],
  grade: null,
  available: true,
  unavailableReason: null,
  ...over,
});

const ESPEAK = [
  voice('en-us', { name: 'English (America)', languageName: 'English (US)', gender: 'female', tags: ['Narration', 'clear'] }),
  voice('en-gb-x-rp', { name: 'English (Received Pronunciation)', languageName: 'English (UK)', gender: 'male' }),
  voice('eo', { name: 'Esperanto', languageName: 'Esperanto' }),
  voice('fr-fr', { name: 'Français', languageName: 'Français (France)', gender: 'male', tags: ['Warm'] }),
  voice('el', { name: 'Ελληνικά', languageName: 'Ελληνικά', gender: 'female' }),
];

describe('voices', () => {
  let lib: Library;
  beforeEach(() => {
    lib = openLibrary(':memory:');
    lib.voices.upsertSystemVoices('espeak', ESPEAK);
  });
  afterEach(() => lib.close());

  it('stores and returns the Voice shape', () => {
    expect(lib.voices.getVoice('espeak:en-us')).toEqual(ESPEAK[0]);
    expect(lib.voices.getVoice('espeak:nope')).toBeNull();
    expect(lib.voices.listVoices()).toHaveLength(5);
  });

  it('replaces one engine’s system voices without touching other engines or kinds', () => {
    lib.voices.upsertSystemVoices('kokoro', [voice('af', { id: 'kokoro:af', engine: 'kokoro' })]);
    lib.db.prepare(`INSERT INTO voices (id, kind, engine, name, language, created_at, updated_at) VALUES ('clone:me', 'clone', 'pocket', 'Me', 'en-us', 'x', 'x')`).run();
    lib.voices.upsertSystemVoices('espeak', [voice('en-us', { name: 'Renamed', available: false, unavailableReason: 'broken' })]);
    const ids = lib.voices.listVoices().map((v) => v.id).sort();
    expect(ids).toEqual(['clone:me', 'espeak:en-us', 'kokoro:af']);
    expect(lib.voices.getVoice('espeak:en-us')).toMatchObject({ name: 'Renamed', available: false, unavailableReason: 'broken' });
    lib.voices.upsertSystemVoices('espeak', []);
    expect(lib.voices.listVoices().map((v) => v.id).sort()).toEqual(['clone:me', 'kokoro:af']);
  });

  it('never overwrites a user voice that shares an id with a system voice', () => {
    lib.db.prepare(`INSERT INTO voices (id, kind, engine, name, language, created_at, updated_at) VALUES ('espeak:mine', 'preset', 'espeak', 'Mine', 'en-us', 'x', 'x')`).run();
    lib.voices.upsertSystemVoices('espeak', [voice('mine', { name: 'System' })]);
    expect(lib.voices.getVoice('espeak:mine')).toMatchObject({ kind: 'preset', name: 'Mine' });
  });

  it('accepts a plain list grouped by engine', () => {
    lib.voices.upsertSystemVoices([voice('de', { id: 'kokoro:de', engine: 'kokoro' })]);
    expect(lib.voices.getVoice('kokoro:de')?.engine).toBe('kokoro');
    expect(lib.voices.listVoices()).toHaveLength(6);
  });

  it('filters by language prefix on subtag boundaries', () => {
    const ids = (language: string) => lib.voices.listVoices({ language }).map((v) => v.id).sort();
    expect(ids('en')).toEqual(['espeak:en-gb-x-rp', 'espeak:en-us']);
    expect(ids('EN_us')).toEqual(['espeak:en-us']);
    expect(ids('en-gb')).toEqual(['espeak:en-gb-x-rp']);
    expect(ids('e')).toEqual([]);
    expect(ids('%')).toEqual([]);
    expect(ids('')).toHaveLength(5);
  });

  it('filters by gender', () => {
    expect(lib.voices.listVoices({ gender: 'female' }).map((v) => v.id).sort()).toEqual(['espeak:el', 'espeak:en-us']);
  });

  it('searches name, id, language, language name and tags, ignoring case (Unicode too)', () => {
    const ids = (query: string) => lib.voices.listVoices({ query }).map((v) => v.id).sort();
    expect(ids('narration')).toEqual(['espeak:en-us']);
    expect(ids('FRANÇAIS')).toEqual(['espeak:fr-fr']);
    expect(ids('ελληνικά')).toEqual(['espeak:el']);
    expect(ids('espeak:eo')).toEqual(['espeak:eo']);
    expect(ids('uk')).toEqual(['espeak:en-gb-x-rp']);
    expect(ids('english warm')).toEqual([]);
    expect(ids('english received')).toEqual(['espeak:en-gb-x-rp']);
    expect(ids('   ')).toHaveLength(5);
    expect(lib.voices.listVoices({ query: 'english', language: 'en-us', gender: 'female' }).map((v) => v.id)).toEqual(['espeak:en-us']);
  });

  it('survives bad stored tags and deletes only user voices', () => {
    lib.db.prepare(`UPDATE voices SET tags = 'not json' WHERE id = 'espeak:eo'`).run();
    expect(lib.voices.getVoice('espeak:eo')?.tags).toEqual([]);
    expect(() => lib.voices.deleteVoice('espeak:eo')).toThrow(/built into/);
    lib.db.prepare(`INSERT INTO voices (id, kind, engine, name, language, created_at, updated_at) VALUES ('clone:me', 'clone', 'pocket', 'Me', 'en-us', 'x', 'x')`).run();
    expect(lib.voices.deleteVoice('clone:me')).toBe(true);
    expect(lib.voices.deleteVoice('clone:me')).toBe(false);
  });
});
