// A Core started on a models folder with files copied in by hand: good ones are verified once and
// speak; a file that is not the catalog's (a stand-in without a list vouching for it, a truncated
// graph) is reported with the reason on the Models screen and never loaded by an engine.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { pocketFixtures } from '../../test-support/engines/pocket-fixtures';
import { writeStandInList } from '../../test-support/models/fixtures';
import { Core } from './core';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-models-found-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string): string {
  const kx = kokoroFixtures();
  const models = join(dir, name, 'models');
  mkdirSync(join(models, 'kokoro', 'onnx'), { recursive: true });
  mkdirSync(join(models, 'kokoro', 'voices'), { recursive: true });
  copyFileSync(kx.model, join(models, 'kokoro', 'onnx', 'model.onnx'));
  copyFileSync(kx.voice('af_heart'), join(models, 'kokoro', 'voices', 'af_heart.bin'));
  cpSync(pocketFixtures().dir, join(models, 'pocket', 'en'), { recursive: true });
  return models;
}

const render = (core: Core, voiceId: string) => core.speech.render({ text: 'Hello there.', voiceId, params: { speed: 1, pitch: 50 } });

describe('a models folder filled by hand', () => {
  it('verifies what it can at start-up; an unvouched stand-in and a truncated graph are reported, not loaded', async () => {
    const models = folder('bad');
    // A graph cut short: the real test load (a session in a worker) refuses it.
    const model = readFileSync(join(models, 'pocket', 'en', 'model.onnx'));
    writeFileSync(join(models, 'pocket', 'en', 'model.onnx'), model.subarray(0, model.length >> 1));
    const core = await Core.create({ dataDir: join(dir, 'bad', 'data'), modelsDir: models, face: { kind: 'cli' } });
    try {
      const fp32 = await core.models.status('kokoro-v1.0-fp32');
      expect(fp32.state).toBe('corrupt');
      expect(fp32.problem).toMatch(/model\.onnx is [\d,]+ bytes; 325,532,232 expected/);
      expect(core.kokoro.installed()).toBe(false);
      expect(core.library.voices.getVoice('kokoro:af_heart')).toMatchObject({ available: false });
      await expect(render(core, 'kokoro:af_heart')).rejects.toThrow(/not available/);
      const direct = async () => {
        for await (const _ of core.kokoro.engine.synthesize({ text: 'Hello.', voice: 'af_heart', speed: 1, pitch: 50 })) void _;
      };
      await expect(direct()).rejects.toThrow(/not installed|Download/);

      // The voice pack is the real one, pinned: verified by sha256 although the model is not.
      expect(core.models.verifiedPath('kokoro/voices/af_heart.bin')).toBe(join(models, 'kokoro', 'voices', 'af_heart.bin'));

      const pocket = await core.models.status('pocket-tts-en');
      expect(pocket.state).toBe('corrupt');
      expect(pocket.problem).toMatch(/model\.onnx failed its test load \(.*\); it is not used/);
      expect(core.pocket.installed()).toBe(false);
      expect(core.library.voices.getVoice('pocket:en-alba')).toMatchObject({ available: false });
      await expect(render(core, 'pocket:en-alba')).rejects.toThrow(/not available: Download Pocket TTS in Models/);
      // Asked directly, below the library's availability check, the engine refuses too.
      const directPocket = async () => {
        for await (const _ of core.pocket.engine.synthesize({ text: 'Hello.', voice: 'en-alba', speed: 1, pitch: 50 })) void _;
      };
      await expect(directPocket()).rejects.toThrow(/Pocket TTS \(en\) is not installed/);
      // Cloning is refused before the recording is even read: the set is on disk but not verified.
      const stages: string[] = [];
      const source = { kind: 'pcm' as const, channels: [new Float32Array(24_000 * 8)], sampleRate: 24_000 };
      await expect(core.clones.create({ source, name: 'Nope', consent: { statement: 'This is my own voice.', accepted: true, who: 'Ana' } }, (s) => stages.push(s))).rejects.toThrow(/Cloning needs Pocket TTS/);
      expect(stages).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('with a stand-in list for the fixture graph, everything verifies and speaks', async () => {
    const models = folder('good');
    writeStandInList(models, ['kokoro/onnx/model.onnx']);
    const core = await Core.create({ dataDir: join(dir, 'good', 'data'), modelsDir: models, face: { kind: 'cli' } });
    try {
      expect((await core.models.status('kokoro-v1.0-fp32')).state).toBe('installed');
      expect((await core.models.status('pocket-tts-en')).state).toBe('installed');
      expect((await render(core, 'kokoro:af_heart')).length).toBeGreaterThan(0);
      expect((await render(core, 'pocket:en-alba')).length).toBeGreaterThan(0);
    } finally {
      await core.close();
    }
  });
});
