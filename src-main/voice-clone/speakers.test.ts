// The second-speaker check on generated voices and on real synthesized speech (espeak's male and
// female voices reading sentences, as a stand-in for an interview clip).
import { describe, expect, it } from 'vitest';
import { concat } from '../audio/pcm';
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { checkReference } from './checks';
import { estimateSpeakers } from './speakers';
import { speechLike } from '../../test-support/voice-clone/signals';
import { analyzeFrames } from './vad';

const RATE = 24_000;
const estimate = (pcm: Float32Array) => estimateSpeakers(pcm, analyzeFrames(pcm, RATE));
const silence = (sec: number) => new Float32Array(Math.round(sec * RATE));

async function espeak(text: string, voice: string): Promise<Float32Array> {
  const chunks: Float32Array[] = [];
  for await (const c of new EspeakEngine().synthesize({ text, voice, speed: 1, pitch: 50 })) chunks.push(c);
  return concat(chunks);
}

describe('speaker count by pitch', () => {
  it('hears one voice in one speaker, with its pitch', () => {
    const est = estimate(speechLike(10, RATE, { f0: 120 }));
    expect(est.voices).toBe(1);
    expect(est.pitchesHz[0]).toBeGreaterThan(110);
    expect(est.pitchesHz[0]).toBeLessThan(132);
    expect(est.voicedSec).toBeGreaterThan(5);
  });

  it('hears two voices an octave apart, whether they take long turns or short ones', () => {
    const longTurns = concat([speechLike(6, RATE, { f0: 110 }), silence(0.5), speechLike(6, RATE, { f0: 220, seed: 2 })]);
    const est = estimate(longTurns);
    expect(est.voices).toBe(2);
    expect(est.pitchesHz[0]).toBeGreaterThan(95);
    expect(est.pitchesHz[0]).toBeLessThan(125);
    expect(est.pitchesHz[1]).toBeGreaterThan(195);
    expect(est.pitchesHz[1]).toBeLessThan(245);

    const turns: Float32Array[] = [];
    for (let i = 0; i < 6; i++) turns.push(speechLike(1.8, RATE, { f0: i % 2 ? 200 : 115, seed: i + 3, pauseSec: 0.1 }), silence(0.3));
    expect(estimate(concat(turns)).voices).toBe(2);
  });

  it('does not split one voice, nor a short interjection by another', () => {
    // Similar pitches are one voice as far as pitch can tell (the documented limit).
    expect(estimate(concat([speechLike(6, RATE, { f0: 120 }), silence(0.4), speechLike(6, RATE, { f0: 132, seed: 5 })])).voices).toBe(1);
    // A one-second "mm-hm" from someone else is under the share that counts as a second speaker.
    expect(estimate(concat([speechLike(10, RATE, { f0: 120 }), silence(0.4), speechLike(1, RATE, { f0: 240, seed: 6 })])).voices).toBe(1);
  });

  it('counts nothing in silence', () => {
    expect(estimate(silence(5))).toEqual({ voices: 1, pitchesHz: [], voicedSec: 0 });
  });

  it('tells real male and female synthesized speech apart, and keeps each alone as one voice', async () => {
    const text = 'Every morning I walk past the old harbour, where fishing boats bob beside bright yellow buoys. Have you ever tasted fresh bread with thick butter?';
    const male = await espeak(text, 'en-us');
    const female = await espeak(text, 'en-us+f3');
    expect(estimate(male).voices).toBe(1);
    expect(estimate(female).voices).toBe(1);
    const both = estimate(concat([male, silence(0.5), female]));
    expect(both.voices).toBe(2);
    expect(both.pitchesHz[1]! / both.pitchesHz[0]!).toBeGreaterThan(1.4);
  });

  it('warns through the quality report, which the user may override', () => {
    const pcm = concat([speechLike(6, RATE, { f0: 110 }), silence(0.5), speechLike(6, RATE, { f0: 220, seed: 2 })]);
    const report = checkReference({ pcm, sampleRate: RATE, channels: 1, format: 'WAV', durationSec: pcm.length / RATE, window: null });
    expect(report.checks.find((c) => c.id === 'speakers')).toMatchObject({ level: 'warning', value: 2, message: expect.stringMatching(/Two different voices/) });
    expect(report.ok).toBe(true); // a warning, not an error
    const one = speechLike(10, RATE, { f0: 140 });
    const clean = checkReference({ pcm: one, sampleRate: RATE, channels: 1, format: 'WAV', durationSec: 10, window: null });
    expect(clean.checks.find((c) => c.id === 'speakers')).toMatchObject({ level: 'ok', value: 1 });
  });
});
