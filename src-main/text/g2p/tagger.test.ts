import { describe, expect, it } from 'vitest';
import { chooseReading, guessTag, parentTag } from './tagger';

const READ = { ADJ: 'ɹˈɛd', DEFAULT: 'ɹˈid', VBD: 'ɹˈɛd', VBN: 'ɹˈɛd', VBP: 'ɹˈɛd' };
const RECORD = { DEFAULT: 'ɹˈɛkəɹd', VERB: 'ɹəkˈɔɹd' };
const CAN = { DEFAULT: 'kæn', None: 'kˈæn' };
const US = { DEFAULT: 'ˌʌs', NOUN: null };

describe('chooseReading', () => {
  it('uses the exact tag, then its parent, then DEFAULT', () => {
    expect(chooseReading(READ, 'VBD', false)).toBe('ɹˈɛd');
    expect(chooseReading(READ, 'VB', false)).toBe('ɹˈid');
    expect(chooseReading(RECORD, 'VB', false)).toBe('ɹəkˈɔɹd');
    expect(chooseReading(RECORD, 'NN', false)).toBe('ɹˈɛkəɹd');
    expect(chooseReading(RECORD, null, false)).toBe('ɹˈɛkəɹd');
    expect(chooseReading('plain', 'VB', true)).toBe('plain');
  });
  it('takes the None reading before a pause', () => {
    expect(chooseReading(CAN, null, true)).toBe('kˈæn');
    expect(chooseReading(CAN, 'VB', false)).toBe('kæn');
  });
  it('returns null where the lexicon says "no reading" (spell it)', () => {
    expect(chooseReading(US, 'NN', false)).toBeNull();
    expect(chooseReading(US, null, false)).toBe('ˌʌs');
  });
  it('never reads inherited object properties as tags', () => {
    expect(chooseReading(RECORD, 'constructor' as never, false)).toBe('ɹˈɛkəɹd');
  });
});

describe('guessTag', () => {
  it('reads the neighbours', () => {
    expect(guessTag('record', { prev: 'the' })).toBe('NN');
    expect(guessTag('record', { prev: "john's" })).toBe('NN');
    expect(guessTag('record', { prev: 'to' })).toBe('VB');
    expect(guessTag('record', { prev: "won't" })).toBe('VB');
    expect(guessTag('record', { prev: 'we' })).toBe('VBP');
    expect(guessTag('read', { prev: 'he' })).toBe('VBD');
    expect(guessTag('read', { prev: 'have' })).toBe('VBN');
    expect(guessTag('close', { prev: 'is' })).toBe('JJ');
    expect(guessTag('close', { prev: 'very' })).toBe('JJ');
    expect(guessTag('close', { prev: 'a', next: 'call' })).toBe('JJ');
    expect(guessTag('close', { prev: 'a', next: 'to' })).toBe('NN');
    expect(guessTag('record', { prev: 'of' })).toBe('NN');
    expect(guessTag('record', { next: 'of' })).toBe('NN');
    expect(guessTag('wind', { next: 'the' })).toBe('VB');
    expect(guessTag('used', { prev: 'i', next: 'to' })).toBe('VBD');
    expect(guessTag('used', { prev: 'is', next: 'to' })).toBeNull();
    expect(guessTag('that', {})).toBe('DT');
    expect(guessTag('that', { prev: 'so', next: 'he' })).toBeNull();
    expect(guessTag('record', { prev: 'old', next: 'shops' })).toBeNull();
  });
  it('maps Penn tags to the lexicon’s parents', () => {
    expect(['VBD', 'NNS', 'RB', 'JJ', 'DT'].map(parentTag)).toEqual(['VERB', 'NOUN', 'ADV', 'ADJ', 'DT']);
  });
});
