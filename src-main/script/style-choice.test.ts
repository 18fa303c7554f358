// Which style of a cloned voice speaks a line: the line's own pick first, then the first direction
// that finds a style (a speaker's mapping, else a style named like the direction or a spoken form
// of it, in any case), else the default; and which directions' default effects the style replaces.
import { describe, expect, it } from 'vitest';
import { cacheKey } from '../speech/speech-service';
import { chooseStyle } from './style-choice';

const STYLES = ['neutral', 'Whisper', 'excited', 'sad'];

describe('chooseStyle', () => {
  it('a direction finds a style by its name or spoken forms, whatever the case', () => {
    expect(chooseStyle(STYLES, 'neutral', null, ['whispering'])).toEqual({ style: 'Whisper', by: 'direction', replaced: ['whispering'] });
    expect(chooseStyle(STYLES, 'neutral', null, ['excited'])).toMatchObject({ style: 'excited', by: 'direction' });
    expect(chooseStyle(['neutral', 'WHISPERS'], 'neutral', null, ['whispering'])).toMatchObject({ style: 'WHISPERS' });
    // No style for the direction: the default, and the direction keeps its effect.
    expect(chooseStyle(STYLES, 'neutral', null, ['angry'])).toEqual({ style: null, by: null, replaced: [] });
    expect(chooseStyle(STYLES, 'neutral', null, [])).toEqual({ style: null, by: null, replaced: [] });
  });

  it('the first direction that finds a style wins; only the directions naming it are replaced', () => {
    expect(chooseStyle(STYLES, 'neutral', null, ['slowly', 'sad', 'excited'])).toEqual({ style: 'sad', by: 'direction', replaced: ['sad'] });
  });

  it("a speaker's mapping sends a direction to any style, and falls back when the voice lacks it", () => {
    expect(chooseStyle(STYLES, 'neutral', null, ['happy'], { happy: { style: 'Excited', gainDb: -2 } })).toEqual({ style: 'excited', by: 'direction', replaced: ['happy'] });
    expect(chooseStyle(STYLES, 'neutral', null, ['whispering'], { whispering: { style: 'breathy' } })).toMatchObject({ style: 'Whisper' });
    expect(chooseStyle(STYLES, 'neutral', null, ['angry'], { angry: { style: 'furious' } })).toMatchObject({ style: null });
  });

  it("a line's pick wins over its directions, and replaces a direction naming the same style", () => {
    expect(chooseStyle(STYLES, 'neutral', 'SAD', ['whispering'])).toEqual({ style: 'sad', by: 'line', replaced: [] });
    expect(chooseStyle(STYLES, 'neutral', 'whisper', ['whispering', 'slowly'])).toEqual({ style: 'Whisper', by: 'line', replaced: ['whispering'] });
    // Picking the default style is the default: no style, so the audio rendered without one is reused.
    expect(chooseStyle(STYLES, 'neutral', 'Neutral', ['whispering'])).toEqual({ style: null, by: 'line', replaced: [] });
    expect(chooseStyle(STYLES, 'neutral', 'shouting', [])).toEqual({ style: null, by: 'line', missing: 'shouting', replaced: [] });
  });
});

describe('the audio-cache key', () => {
  const params = { speed: 1, pitch: 50 };
  it('changes with the style and its encoding, and is unchanged without one', () => {
    const plain = cacheKey('pocket', 'v1', 'pocket:clone-abc123', 'Hi.', params);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc123', 'Hi.', params, [], {})).toBe(plain);
    const whisper = cacheKey('pocket', 'v1', 'pocket:clone-abc123', 'Hi.', params, [], { style: 'def456:2026-01-01T00:00:00.000Z' });
    expect(whisper).not.toBe(plain);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc123', 'Hi.', params, [], { style: 'def456:2026-02-01T00:00:00.000Z' })).not.toBe(whisper);
    expect(cacheKey('pocket', 'v1', 'pocket:clone-abc123', 'Hi.', params, [], { style: 'aaa111:2026-01-01T00:00:00.000Z' })).not.toBe(whisper);
  });
});
