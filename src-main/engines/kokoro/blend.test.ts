// Blending on the real voice packs kokoro-js ships (from the fixtures), not on synthetic numbers.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blendVoices, formatBlendSpec, isBlendSpec, parseBlendSpec, blendTowardSpec } from './blend';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { PACK_VALUES, parseVoicePackBytes, type VoicePack } from './voice-pack';
import { VoiceStore, listCustomVoices, removeCustomVoice, saveCustomVoice } from './voice-store';

let heart: VoicePack;
let bella: VoicePack;
let george: VoicePack;
let modelsDir: string;
const scratch = mkdtempSync(join(tmpdir(), 'koe-blend-'));

beforeAll(() => {
  const fx = kokoroFixtures();
  modelsDir = fx.modelsDir;
  const read = (id: string): VoicePack => parseVoicePackBytes(readFileSync(fx.voice(id)), id);
  [heart, bella, george] = [read('af_heart'), read('af_bella'), read('bm_george')];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('blendVoices', () => {
  it('is the weighted average, normalized by the weight sum', () => {
    const mix = blendVoices([{ voice: heart, weight: 3 }, { voice: bella, weight: 1 }]);
    expect(mix.length).toBe(PACK_VALUES);
    for (const i of [0, 1, 255, 256, 40_000, PACK_VALUES - 1]) expect(mix[i]).toBeCloseTo(0.75 * heart[i]! + 0.25 * bella[i]!, 6);
    // Scaling every weight changes nothing.
    expect(maxAbsDiff(mix, blendVoices([{ voice: heart, weight: 0.3 }, { voice: bella, weight: 0.1 }]))).toBeLessThan(1e-6);
  });

  it('gives a new voice, different from each input and between them', () => {
    const mix = blendVoices([{ voice: heart, weight: 1 }, { voice: george, weight: 1 }]);
    const d = maxAbsDiff(heart, george);
    expect(d).toBeGreaterThan(0.5);
    expect(maxAbsDiff(mix, heart)).toBeGreaterThan(0.1);
    expect(maxAbsDiff(mix, george)).toBeGreaterThan(0.1);
    expect(maxAbsDiff(mix, heart)).toBeCloseTo(d / 2, 5);
  });

  it('returns an input unchanged when it has all the weight', () => {
    expect(maxAbsDiff(blendVoices([{ voice: heart, weight: 1 }, { voice: bella, weight: 0 }]), heart)).toBe(0);
    expect(maxAbsDiff(blendVoices([{ voice: bella, weight: 2.5 }]), bella)).toBeLessThan(1e-7);
  });

  it('refuses weights that sum to zero, negative weights and non-packs with clear messages', () => {
    expect(() => blendVoices([{ voice: heart, weight: 0 }, { voice: bella, weight: 0 }])).toThrow(/add up to zero/);
    expect(() => blendVoices([{ voice: heart, weight: 1 }, { voice: bella, weight: -1 }])).toThrow(/weight 2 is -1; weights must be zero or more/);
    expect(() => blendVoices([{ voice: heart, weight: Number.NaN }])).toThrow(/weight 1 is not a number/);
    expect(() => blendVoices([])).toThrow(/at least one voice/);
    expect(() => blendVoices([{ voice: new Float32Array(10), weight: 1 }])).toThrow(/not a Kokoro voice pack/);
  });
});

describe('blend specs as voice ids', () => {
  it('parses and canonicalizes, so equal mixes have one id', () => {
    expect(parseBlendSpec('af_heart*0.6+bf_emma*0.4')).toEqual([{ voice: 'af_heart', weight: 0.6 }, { voice: 'bf_emma', weight: 0.4 }]);
    expect(parseBlendSpec('af_heart+af_bella*2')).toEqual([{ voice: 'af_heart', weight: 1 }, { voice: 'af_bella', weight: 2 }]);
    expect(formatBlendSpec(parseBlendSpec('bf_emma*2+af_heart*3'))).toBe('af_heart*0.6+bf_emma*0.4');
    expect(formatBlendSpec(parseBlendSpec('af_heart*0.6+bf_emma*0.4'))).toBe('af_heart*0.6+bf_emma*0.4');
    expect(isBlendSpec('af_heart')).toBe(false);
    expect(() => parseBlendSpec('af_heart*-1+bf_emma')).toThrow(/is not "<voice>" or "<voice>\*<weight>"/);
    expect(() => formatBlendSpec([{ voice: 'af_heart', weight: 0 }])).toThrow(/add up to zero/);
  });

  it('resolves an inline blend to the same pack blendVoices makes, speaking the heaviest voice’s language', async () => {
    const store = new VoiceStore(modelsDir);
    const resolved = await store.resolve('bm_george*0.7+af_heart*0.3');
    expect(resolved.language.tag).toBe('en-gb');
    expect(maxAbsDiff(resolved.pack, blendVoices([{ voice: george, weight: 0.7 }, { voice: heart, weight: 0.3 }]))).toBe(0);
  });
});

describe('custom voices (saved blends)', () => {
  it('saves a blend that resolves like a preset, lists it, and removes it', async () => {
    // A models folder of its own, with the presets read from the fixtures' voices.
    const dir = join(scratch, 'models');
    const mix = blendVoices([{ voice: heart, weight: 1 }, { voice: bella, weight: 1 }]);
    await saveCustomVoice(dir, { id: 'warm-mix', name: 'Warm mix', language: 'en-us', recipe: 'af_bella+af_heart' }, mix);
    const store = new VoiceStore(dir);
    const v = await store.resolve('warm-mix');
    expect(v.language.code).toBe('a');
    expect(maxAbsDiff(v.pack, mix)).toBe(0);
    expect(await listCustomVoices(dir)).toEqual([{ id: 'warm-mix', name: 'Warm mix', language: 'en-us', recipe: 'af_bella*0.5+af_heart*0.5' }]);
    await removeCustomVoice(dir, 'warm-mix');
    expect(await listCustomVoices(dir)).toEqual([]);
    await expect(new VoiceStore(dir).resolve('warm-mix')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses ids that clash with presets or are not file-safe, and languages Kokoro lacks', async () => {
    const mix = blendVoices([{ voice: heart, weight: 1 }]);
    await expect(saveCustomVoice(scratch, { id: 'af_heart', name: 'x', language: 'en-us' }, mix)).rejects.toMatchObject({ code: 'conflict' });
    await expect(saveCustomVoice(scratch, { id: '../evil', name: 'x', language: 'en-us' }, mix)).rejects.toThrow(/cannot name a voice/);
    await expect(saveCustomVoice(scratch, { id: 'ok', name: 'x', language: 'de' }, mix)).rejects.toThrow(/does not speak "de"/);
    await expect(saveCustomVoice(scratch, { id: 'ok', name: 'x', language: 'en-us' }, new Float32Array(PACK_VALUES).fill(Number.NaN))).rejects.toThrow(/corrupt/);
  });
});

describe('blendTowardSpec', () => {
  it("leans a voice, or a blend keeping its own ratios, toward another by the direction's amount", () => {
    expect(blendTowardSpec('af_heart', 'am_michael', 0.3)).toBe('af_heart*0.7+am_michael*0.3');
    expect(blendTowardSpec('af_heart*0.5+bf_emma*0.5', 'am_michael', 0.2)).toBe('af_heart*0.4+bf_emma*0.4+am_michael*0.2');
    expect(blendTowardSpec('af_heart', 'am_michael', 0)).toBe('af_heart*1');
    expect(() => blendTowardSpec('af_heart', 'am_michael', 1.5)).toThrow(/between 0 and 1/);
  });
});
