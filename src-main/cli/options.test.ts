// Option parsing shared by every command: negative numbers as values, bad flags as usage errors.
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { joinNegativeValues, parse } from './options';

const OPTS = { loudness: { type: 'string', short: 'l' }, rate: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('command-line options', () => {
  it('takes a negative number after an option that wants a value', () => {
    expect(parse(['--loudness', '-16', 'file.txt'], OPTS).values.loudness).toBe('-16');
    expect(parse(['-l', '-23.5'], OPTS).values.loudness).toBe('-23.5');
    expect(parse(['--rate', '-.5'], OPTS).values.rate).toBe('-.5');
    expect(parse(['--loudness=-14'], OPTS).values.loudness).toBe('-14');
  });

  it('leaves flags, words and everything after -- alone', () => {
    expect(joinNegativeValues(['--json', '-16'], OPTS)).toEqual(['--json', '-16']);
    expect(joinNegativeValues(['--loudness', '-x'], OPTS)).toEqual(['--loudness', '-x']);
    expect(joinNegativeValues(['--', '--loudness', '-16'], OPTS)).toEqual(['--', '--loudness', '-16']);
  });

  it('still refuses an option with no value, and unknown flags, as usage errors', () => {
    expect(() => parse(['--loudness'], OPTS)).toThrow(UsageError);
    expect(() => parse(['--loud', '-16'], OPTS)).toThrow(/Unknown option '--loud'/);
  });
});
