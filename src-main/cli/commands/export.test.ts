// `koe export` option parsing, and which lines a .koe cannot render without the voices it lacks.
import { describe, expect, it } from 'vitest';
import { parseRange, unrenderable } from './export';

describe('parseRange', () => {
  it('reads seconds into timeline samples', () => {
    expect(parseRange('1.5-20')).toEqual({ start: 36_000, end: 480_000 });
    expect(parseRange(' 0 - 2 ')).toEqual({ start: 0, end: 48_000 });
  });
  it('refuses a backwards, empty or malformed range', () => {
    expect(() => parseRange('5-2')).toThrow(/must end after it starts/);
    expect(() => parseRange('3-3')).toThrow(/must end after it starts/);
    expect(() => parseRange('-1-4')).toThrow(/<start>-<end> in seconds/);
    expect(() => parseRange('abc')).toThrow(/<start>-<end> in seconds/);
  });
});

describe('unrenderable', () => {
  const known = (id: string) => id.startsWith('espeak:') || id === 'kokoro:af_heart';
  it('lets through lines that are rendered, or whose voice the scratch library has', () => {
    expect(unrenderable([{ speaker: 'Ana', voiceId: 'pocket:clone-abc', status: 'ready' }, { speaker: 'Ben', voiceId: 'espeak:en-us', status: 'missing' }, { speaker: 'Cy', voiceId: null, status: 'missing' }], known)).toBeNull();
  });
  it('names the voices a missing or stale line needs and says what to do', () => {
    const why = unrenderable(
      [
        { speaker: 'Ana', voiceId: 'pocket:clone-abc', status: 'missing' },
        { speaker: 'Ana', voiceId: 'pocket:clone-abc', status: 'stale' },
        { speaker: 'Ben', voiceId: 'kokoro:blend-warm', status: 'missing' },
      ],
      known,
    );
    expect(why).toMatch(/^3 lines need rendering in a voice this project file does not carry: pocket:clone-abc \(Ana\), kokoro:blend-warm \(Ben\)\. .*render these lines in the studio/);
  });
});
