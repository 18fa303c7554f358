// `koe export` option parsing and the settings a scratch library takes from a .koe file's takes.
import { describe, expect, it } from 'vitest';
import type { DecodedKoe } from '../timeline/koe-file';
import { parseRange, settingsFor, unrenderable } from './export';

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

function file(speakers: { name: string; voiceId: string | null }[], takes: ({ speaker: string; voiceId: string; speed: number } | null)[]): DecodedKoe {
  const lines = takes.map((t, i) => ({
    speaker: t?.speaker ?? 'Ana',
    text: `Line ${i}.`,
    clip: { startSample: 0, manual: false, gainDb: 0, fadeIn: 0, fadeOut: 0, trimStart: 0, trimEnd: 0 },
    take: t ? { engine: 'espeak', voiceId: t.voiceId, params: { speed: t.speed, pitch: 50 }, textHash: 'x', createdAt: '', audio: '0'.repeat(64) } : null,
  }));
  return {
    json: {
      app: 'Koe Studio',
      project: { name: 'P', script: '', speakers: speakers.map((s) => ({ ...s, color: '#888888' })) },
      timeline: { baseGapMs: 350, quickGapMs: 150, continueGapMs: 100, ripple: true, tracks: [], markers: [] },
      lines,
      audio: [],
    },
    audio: new Map(),
  };
}

describe('settingsFor', () => {
  const now = { speed: 1, defaultVoiceId: 'espeak:en-us' };
  it('takes the speed most takes were made at, and the voice of speakers who have none', () => {
    const f = file([{ name: 'Ana', voiceId: null }, { name: 'Ben', voiceId: 'espeak:en-gb' }], [
      { speaker: 'Ana', voiceId: 'kokoro:af_heart', speed: 1.2 },
      { speaker: 'Ben', voiceId: 'espeak:en-gb', speed: 1.2 },
      { speaker: 'Ben', voiceId: 'espeak:en-gb', speed: 0.9 },
      null,
    ]);
    expect(settingsFor(f, now)).toEqual({ speed: 1.2, defaultVoiceId: 'kokoro:af_heart' });
  });
  it('keeps the current settings when the file has no takes to go by', () => {
    expect(settingsFor(file([{ name: 'Ana', voiceId: 'espeak:en-us' }], [null, null]), now)).toEqual(now);
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
