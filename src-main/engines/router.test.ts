import { describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { EngineRouter } from './router';
import type { Engine, SynthesisRequest } from './types';

function fakeEngine(id: string, seen: SynthesisRequest[] = []): Engine {
  return {
    id,
    name: id,
    capabilities: () => ({ streaming: true, speed: { min: 0.5, max: 2 }, pitch: true, cloning: false, blends: false, phonemeLexicon: false, languages: [] }),
    modelVersion: () => `${id}-1`,
    load: async () => {},
    voices: async () => [],
    async *synthesize(req) {
      seen.push(req);
      yield new Float32Array([1, 2]);
    },
    dispose: async () => {},
  };
}

const req: SynthesisRequest = { text: 'Hi.', voice: '', speed: 1, pitch: 50 };

describe('EngineRouter', () => {
  it('splits library ids at the first colon', () => {
    const r = new EngineRouter();
    expect(r.voiceRef('espeak:en-us')).toEqual({ engine: 'espeak', voice: 'en-us' });
    expect(r.voiceRef('kokoro:af_heart')).toEqual({ engine: 'kokoro', voice: 'af_heart' });
    expect(r.voiceRef('pocket:clone:1234')).toEqual({ engine: 'pocket', voice: 'clone:1234' });
  });

  it.each(['en-us', ':en-us', 'espeak:', ''])('rejects the malformed id %j with not_found', (id) => {
    const r = new EngineRouter();
    expect(() => r.voiceRef(id)).toThrow(KoeError);
    try {
      r.voiceRef(id);
    } catch (e) {
      expect((e as KoeError).code).toBe('not_found');
      expect((e as KoeError).message).toContain(`Unknown voice "${id}"`);
    }
  });

  it('finds the engine for a voice, or says the voice is unknown', () => {
    const r = new EngineRouter();
    const espeak = fakeEngine('espeak');
    r.register(espeak);
    expect(r.engineFor('espeak:de')).toBe(espeak);
    expect(() => r.engineFor('kokoro:af_heart')).toThrow(/Unknown voice "kokoro:af_heart"/);
    expect(r.list()).toEqual([espeak]);
    expect(r.get('espeak')).toBe(espeak);
  });

  it('refuses to register two engines with one id', () => {
    const r = new EngineRouter();
    r.register(fakeEngine('espeak'));
    expect(() => r.register(fakeEngine('espeak'))).toThrow(/already registered/);
  });

  it('delegates synthesis with the engine-local voice id filled in', async () => {
    const r = new EngineRouter();
    const seen: SynthesisRequest[] = [];
    r.register(fakeEngine('espeak'));
    r.register(fakeEngine('kokoro', seen));
    const out: Float32Array[] = [];
    for await (const c of r.synthesize('kokoro:af_heart', req)) out.push(c);
    expect(out).toEqual([new Float32Array([1, 2])]);
    expect(seen).toEqual([{ ...req, voice: 'af_heart' }]);
  });

  it('throws not_found before any work for an unknown engine', () => {
    const r = new EngineRouter();
    expect(() => r.synthesize('nope:x', req)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('gives the model version of each engine for audio-cache keys, unknown for one not registered', () => {
    const r = new EngineRouter();
    r.register(fakeEngine('kokoro'));
    expect(r.modelVersion('kokoro')).toBe('kokoro-1');
    expect(r.modelVersion('nope')).toBe('unknown');
  });
});
