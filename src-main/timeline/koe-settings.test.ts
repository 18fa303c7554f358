// The settings a scratch library takes from a .koe file's takes (`koe export`), so its current takes stay current.
import { describe, expect, it } from 'vitest';
import { settingsFor, type DecodedKoe } from './koe-file';

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

