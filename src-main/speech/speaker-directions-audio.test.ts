// A speaker's own effect for a direction changes espeak's rendered audio measurably, the way it says
// (level by RMS, rate by length), and is its own cache key; a malformed one is refused.
import { describe, expect, it } from 'vitest';
import { dbfs, rms } from '../audio/pcm';
import { directionEffectsText } from '../script/directions';
import { cacheKey } from './speech-service';
import { useEspeakSpeech } from '../../test-support/espeak-speech';

const { speech } = useEspeakSpeech();

const TEXT = 'The quick brown fox jumps over the lazy dog.';
const say = (direction: string, directionEffects?: string) =>
  speech.render({ text: TEXT, voiceId: 'espeak:en-us', params: { speed: 1, pitch: 50, direction, ...(directionEffects ? { directionEffects } : {}) } });

describe("a speaker's own direction effects on espeak", async () => {
  const whisper = await say('whispering');

  it("Anna's whispering at -3 dB instead of -10 dB is about 7 dB louder than the default whisper, same length", async () => {
    const own = await say('whispering', directionEffectsText(['whispering'], { whispering: { gainDb: -3, tiltDb: 6, lowCutHz: 300, speed: 0.95 } }));
    expect(dbfs(rms(own)) - dbfs(rms(whisper))).toBeCloseTo(7, 0);
    expect(own.length).toBe(whisper.length);
  });

  it('excited mapped to a faster rate is shorter than the default excited', async () => {
    const excited = await say('excited');
    const faster = await say('excited', directionEffectsText(['excited'], { excited: { speed: 1.6, pitchSemitones: 2 } }));
    expect(faster.length / excited.length).toBeLessThan(0.8);
  });

  it('only overrides the directions it names, in a line with several', async () => {
    const both = await say('whispering+slowly');
    const own = await say('whispering+slowly', directionEffectsText(['whispering', 'slowly'], { slowly: { speed: 1 } }));
    expect(own.length / both.length).toBeLessThan(0.85);
    expect(directionEffectsText(['whispering'], { slowly: { speed: 1 } })).toBeUndefined();
  });

  it('is part of the cache key, and equal effects give equal keys whatever their field order', () => {
    const plain = cacheKey('espeak', '1', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'whispering' });
    const a = directionEffectsText(['whispering'], { whispering: { gainDb: -9, speed: 0.9 } });
    const b = directionEffectsText(['whispering'], { whispering: { speed: 0.9, gainDb: -9 } });
    expect(a).toBe(b);
    const keyed = cacheKey('espeak', '1', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'whispering', directionEffects: a! });
    expect(keyed).not.toBe(plain);
    const other = cacheKey('espeak', '1', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'whispering', directionEffects: directionEffectsText(['whispering'], { whispering: { gainDb: -8 } })! });
    expect(other).not.toBe(keyed);
  });

  it('refuses malformed effects and effects for directions the line does not have', async () => {
    await expect(say('whispering', '{"whispering":{"gainDb":"loud"}}')).rejects.toThrow(/Invalid direction effect: whispering.gainDb/);
    await expect(say('whispering', 'not json')).rejects.toThrow(/not valid JSON/);
    await expect(say('whispering', '{"sad":{"gainDb":-3}}')).rejects.toThrow(/"sad", which is not one of this line's directions/);
  });
});
