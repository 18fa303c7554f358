// Each direction changes espeak's rendered audio measurably the intended way: level by RMS, speed by
// length, EQ by spectral balance, pitch by an autocorrelation F0; and a direction is its own cache key.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { dbfs, peak, rms } from '../audio/pcm';
import { cacheKey } from './speech-service';
import { useEspeakSpeech } from '../../test-support/espeak-speech';
import { medianF0 } from '../../test-support/audio/pitch';

const { speech } = useEspeakSpeech();

const TEXT = 'The quick brown fox jumps over the lazy dog.';
const say = (direction?: string) => speech.render({ text: TEXT, voiceId: 'espeak:en-us', params: { speed: 1, pitch: 50, ...(direction ? { direction } : {}) } });


/** dB of the energy above 2 kHz relative to below 500 Hz, by first differences vs a moving average. */
function brightnessDb(pcm: Float32Array): number {
  // First difference ≈ high-pass; a 24-sample mean (1 kHz null) ≈ low-pass. Crude, but the same
  // measure on both takes, so the difference says which way the balance moved.
  let hi = 0;
  let lo = 0;
  let acc = 0;
  for (let n = 1; n < pcm.length; n++) {
    const d = pcm[n]! - pcm[n - 1]!;
    hi += d * d;
    acc += pcm[n]! - (n >= 24 ? pcm[n - 24]! : 0);
    const m = acc / 24;
    lo += m * m;
  }
  return 10 * Math.log10(hi / lo);
}

describe('directions on espeak', async () => {
  const base = await say();
  const baseDb = dbfs(rms(base));

  it('whispering is quieter and brighter (low cut, high shelf up)', async () => {
    const w = await say('whispering');
    expect(dbfs(rms(w)) - baseDb).toBeLessThan(-6);
    expect(brightnessDb(w) - brightnessDb(base)).toBeGreaterThan(3);
  });

  it('shouting is louder, yet limited under -1 dBFS', async () => {
    const s = await say('shouting');
    expect(dbfs(rms(s)) - baseDb).toBeGreaterThan(3);
    expect(peak(s)).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
  });

  it('softly and sad are darker and quieter', async () => {
    for (const d of ['softly', 'sad']) {
      const x = await say(d);
      // The darker tilt lifts the lows, where most of the energy is, so the drop is less than the gain.
      expect(dbfs(rms(x))).toBeLessThan(baseDb - 1);
      expect(brightnessDb(x)).toBeLessThan(brightnessDb(base) - 1);
    }
  });

  it('fast is shorter and slowly longer, by about the factor', async () => {
    const fast = await say('fast');
    const slow = await say('slowly');
    expect(fast.length / base.length).toBeGreaterThan(0.7);
    expect(fast.length / base.length).toBeLessThan(0.9);
    expect(slow.length / base.length).toBeGreaterThan(1.12);
    expect(slow.length / base.length).toBeLessThan(1.4);
  });

  it('excited raises F0 by about two semitones and sad lowers it, the length following the speed alone', async () => {
    const baseF0 = medianF0(base, 1e-5);
    const ex = await say('excited');
    const sad = await say('sad');
    expect(baseF0).toBeGreaterThan(60);
    expect(medianF0(ex, 1e-5) / baseF0).toBeGreaterThan(2 ** (1 / 12));
    expect(medianF0(ex, 1e-5) / baseF0).toBeLessThan(2 ** (3.5 / 12));
    expect(medianF0(sad, 1e-5) / baseF0).toBeLessThan(2 ** (-0.5 / 12));
    // The pitch shift's change of length is paid back by the engine's speed: only 1.12× remains.
    expect(ex.length / base.length).toBeGreaterThan(0.8);
    expect(ex.length / base.length).toBeLessThan(0.98);
  });

  it('refuses an unknown direction with a clear error', async () => {
    await expect(say('mumbling')).rejects.toThrow(KoeError);
    await expect(say('mumbling')).rejects.toThrow(/Unknown direction "mumbling"/);
  });

  it('keys the cache by direction, and leaves undirected keys as they were', () => {
    const plain = cacheKey('espeak', 'v', 'espeak:en-us', TEXT, { speed: 1, pitch: 50 });
    expect(cacheKey('espeak', 'v', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'sad' })).not.toBe(plain);
    expect(cacheKey('espeak', 'v', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'sad' })).not.toBe(cacheKey('espeak', 'v', 'espeak:en-us', TEXT, { speed: 1, pitch: 50, direction: 'angry' }));
    expect(plain).toBe(createHash('sha256').update(JSON.stringify(['espeak', 'v', 'espeak:en-us', TEXT, 1, 50])).digest('hex'));
  });
});
