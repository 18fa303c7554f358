// Each quality check on generated signals: what a good take, silence, a clipped take, a quiet one,
// a noisy room, a too-short take, a phone-quality stereo file and a ten-minute recording produce.
import { describe, expect, it } from 'vitest';
import { encodeWav, floatToPcmBytes, wavHeader } from '../audio/wav';
import { checkReference, type CheckId, type QualityReport } from './checks';
import { analyzeReference } from './reference';
import { hardClip, mix, place, speechLike, whiteNoise } from '../../test-support/voice-clone/signals';
import { analyzeFrames } from './vad';

const RATE = 48_000;

const concatBytes = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

function report(pcm: Float32Array, sampleRate = RATE, channels = 1): QualityReport {
  return checkReference({ pcm, sampleRate, channels, format: 'PCM', durationSec: pcm.length / sampleRate, window: null });
}

const check = (r: QualityReport, id: CheckId) => r.checks.find((c) => c.id === id)!;

describe('voice activity detection', () => {
  it('finds the speech in a take with pauses, and none in silence or steady noise', () => {
    const speech = speechLike(10, RATE);
    const vad = analyzeFrames(speech, RATE);
    // 0.25 s of every 2 s is a pause; the rest is speech (bridged between syllables).
    expect(vad.speechSec).toBeGreaterThan(8);
    expect(vad.speechSec).toBeLessThan(9.5);
    expect(analyzeFrames(new Float32Array(RATE * 5), RATE).speechSec).toBe(0);
    expect(analyzeFrames(whiteNoise(5, RATE, -30), RATE).speechSec).toBeLessThan(0.5);
  });
});

describe('quality checks', () => {
  it('passes a clean 12 s take with no warnings', () => {
    const r = report(mix(speechLike(12, RATE), whiteNoise(12, RATE, -70)));
    expect(r.checks.map((c) => [c.id, c.level])).toEqual([['speech', 'ok'], ['clipping', 'ok'], ['level', 'ok'], ['noise', 'ok'], ['sample-rate', 'ok'], ['speakers', 'ok']]);
    expect(r).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(check(r, 'level').value!).toBeGreaterThan(-23);
    expect(check(r, 'level').value!).toBeLessThan(-18);
    expect(check(r, 'noise').value!).toBeGreaterThan(40);
    expect(r.skipped).toEqual([{ id: 'similar-voices', reason: expect.stringMatching(/similar pitch/) }]);
  });

  it('refuses silence, saying to check the microphone', () => {
    const r = report(new Float32Array(RATE * 8));
    expect(r.ok).toBe(false);
    expect(check(r, 'speech')).toMatchObject({ level: 'error', value: 0, message: expect.stringMatching(/^No speech was detected; at least 6 s is needed/) });
    expect(check(r, 'level')).toMatchObject({ level: 'error', value: null, message: expect.stringMatching(/silent.*microphone/) });
    expect(check(r, 'noise')).toMatchObject({ level: 'ok', value: null });
  });

  it('refuses a take that is too short, naming how much speech there was', () => {
    const r = report(speechLike(3.2, RATE, { pauseSec: 0 }));
    expect(check(r, 'speech')).toMatchObject({ level: 'error', message: expect.stringMatching(/^Only 3(\.\d)? s of speech was detected; at least 6 s is needed\. Record again/) });
    expect(check(r, 'speech').value!).toBeGreaterThan(2.8);
    // Half a second of audio is refused the same way.
    expect(check(report(speechLike(0.5, RATE)), 'speech').level).toBe('error');
  });

  it('grades clipping by how much of the take hits full scale', () => {
    const speech = speechLike(10, RATE, { levelDb: -12 });
    expect(check(report(speech), 'clipping')).toMatchObject({ level: 'ok', value: 0 });
    const heavy = check(report(hardClip(speech, 6)), 'clipping');
    expect(heavy).toMatchObject({ level: 'error', message: expect.stringMatching(/distorted.*Turn the input gain down/) });
    expect(heavy.value!).toBeGreaterThan(0.005);
    // One loud moment (a laugh, a plosive): 60 ms driven into the ceiling.
    const moment = speech.slice();
    const at = Math.round(5.05 * RATE);
    moment.set(hardClip(speech.subarray(at, at + Math.round(0.06 * RATE)), 8), at);
    const light = check(report(moment), 'clipping');
    expect(light.level).toBe('warning');
    expect(light.value!).toBeGreaterThan(0.0005);
    expect(light.value!).toBeLessThan(0.005);
  });

  it('warns about a quiet voice and refuses a far too quiet one', () => {
    const floor = whiteNoise(10, RATE, -90);
    expect(check(report(mix(speechLike(10, RATE, { levelDb: -38 }), floor)), 'level')).toMatchObject({ level: 'warning', message: expect.stringMatching(/quiet/) });
    const tooQuiet = check(report(mix(speechLike(10, RATE, { levelDb: -52 }), floor)), 'level');
    expect(tooQuiet).toMatchObject({ level: 'error', message: expect.stringMatching(/far too quiet.*closer to the microphone/) });
    expect(tooQuiet.value!).toBeCloseTo(-52, -1);
  });

  it('estimates the background noise from the pauses and grades it', () => {
    const speech = speechLike(12, RATE, { levelDb: -20 });
    const at = (snr: number) => report(mix(speech, whiteNoise(12, RATE, -20 - snr)));
    const quiet = check(at(35), 'noise');
    expect(quiet.level).toBe('ok');
    const noticeable = check(at(15), 'noise');
    expect(noticeable).toMatchObject({ level: 'warning', message: expect.stringMatching(/background noise/) });
    expect(noticeable.value!).toBeGreaterThan(10);
    expect(noticeable.value!).toBeLessThan(20);
    const loud = at(4);
    expect(check(loud, 'noise')).toMatchObject({ level: 'error', message: expect.stringMatching(/Record somewhere quieter/) });
  });

  it('warns about an 8 kHz stereo file and refuses anything below 8 kHz', () => {
    const left = speechLike(10, 8000);
    const r = checkReference({ pcm: left, sampleRate: 8000, channels: 2, format: 'WAV', durationSec: 10, window: null });
    expect(check(r, 'sample-rate')).toMatchObject({ level: 'warning', value: 8000, message: expect.stringMatching(/low-bandwidth.*16 kHz/) });
    expect(r.input.channels).toBe(2);
    expect(check(report(speechLike(10, 6000), 6000), 'sample-rate').level).toBe('error');
  });
});

describe('references from files', () => {
  it('reads an 8 kHz stereo WAV, downmixes it and reports its rate', async () => {
    const left = speechLike(9, 8000, { seed: 2 });
    const right = speechLike(9, 8000, { seed: 3 });
    const stereo = new Float32Array(left.length * 2);
    for (let i = 0; i < left.length; i++) {
      stereo[2 * i] = left[i]!;
      stereo[2 * i + 1] = right[i]!;
    }
    const data = floatToPcmBytes(stereo, 16);
    const wav = concatBytes(wavHeader({ sampleRate: 8000, channels: 2, bitDepth: 16, dataBytes: data.length }), data);
    const a = await analyzeReference({ kind: 'bytes', bytes: wav, name: 'call.wav' });
    expect(a.report.input).toMatchObject({ format: 'WAV', sampleRate: 8000, channels: 2 });
    expect(a.mono.length).toBe(left.length);
    expect(a.mono[100]).toBeCloseTo((left[100]! + right[100]!) / 2, 3);
    expect(check(a.report, 'sample-rate').level).toBe('warning');
    expect(a.report.ok).toBe(true);
  });

  it('uses the best 20 s of a ten-minute recording and says so', async () => {
    const rate = 16_000;
    const room = whiteNoise(600, rate, -60);
    const good = speechLike(25, rate, { seed: 5 });
    const pcm = place(room, good, 300 * rate);
    const wav = encodeWav(pcm, { sampleRate: rate, bitDepth: 16 });
    const a = await analyzeReference({ kind: 'bytes', bytes: wav, name: 'memo.wav' });
    expect(a.mono.length).toBe(20 * rate);
    expect(a.report.window!.startSec).toBeGreaterThanOrEqual(299);
    expect(a.report.window!.endSec).toBeLessThanOrEqual(326);
    expect(check(a.report, 'length')).toMatchObject({ level: 'ok', message: expect.stringMatching(/^The recording is 10 min long; the clearest 20 s \(from (4 min 5\d s|5 min( \d+ s)?)\) will be used\.$/) });
    expect(check(a.report, 'speech').value!).toBeGreaterThan(16);
    expect(a.report.input).toMatchObject({ format: 'WAV', sampleRate: rate, channels: 1, durationSec: 600 });
  });
});
