// Settings reach the Kokoro engine, and "Measure speed" times every installed variant on this
// machine, after which the quality modes and the Models recommendation use those figures.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { Core } from './core';
import { dispatch } from '../contract/dispatch';
import { writeStandInList } from '../../test-support/models/fixtures';

let dir: string;
let core: Core;
const ctx = { origin: 'test', emit: () => {} };
async function callOk(name: string, args: unknown): Promise<any> {
  const r = await dispatch(core.handlers, name, args, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.result;
}

beforeAll(async () => {
  const fx = kokoroFixtures();
  dir = mkdtempSync(join(tmpdir(), 'koe-kokoro-settings-'));
  const models = join(dir, 'models');
  mkdirSync(join(models, 'kokoro', 'onnx'), { recursive: true });
  mkdirSync(join(models, 'kokoro', 'voices'), { recursive: true });
  // Two variants of the same fixture graph, as if fp32 and 8-bit were both installed.
  copyFileSync(fx.model, join(models, 'kokoro', 'onnx', 'model.onnx'));
  copyFileSync(fx.model, join(models, 'kokoro', 'onnx', 'model_quantized.onnx'));
  copyFileSync(fx.voice('af_heart'), join(models, 'kokoro', 'voices', 'af_heart.bin'));
  // The fixture graph is not the catalog's fp32 or q8 file: say so, or the core will not load it.
  writeStandInList(models, ['kokoro/onnx/model.onnx', 'kokoro/onnx/model_quantized.onnx']);
  core = await Core.create({ dataDir: dir, modelsDir: models, face: { kind: 'cli' } });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Kokoro settings and quality modes', () => {
  it('lists the plans before measuring: the reference file for every mode', async () => {
    const r = await callOk('kokoro.plans', {});
    expect(r.installed).toEqual(['model.onnx', 'model_quantized.onnx']);
    expect(r.plans.fast.modelFile).toBe('model.onnx');
    expect(r.plans.fast.measured).toBeNull();
    expect(r.plans.fast.chunking.firstChunkMaxTokens).toBeLessThan(r.plans.best.chunking.firstChunkMaxTokens);
  });

  it('measures every installed variant, stores the figures and uses them', async () => {
    const r = await callOk('kokoro.measure', {});
    expect(r.measurements.map((m: { file: string }) => m.file)).toEqual(['model.onnx', 'model_quantized.onnx']);
    for (const m of r.measurements) {
      expect(m.rtf).toBeGreaterThan(0);
      expect(m.firstAudioMs).toBeGreaterThan(0);
      expect(m.provider).toBe('cpu');
    }
    expect((await callOk('settings.get', {})).kokoroMeasurements).toHaveLength(2);
    expect(r.plans.fast.measured).not.toBeNull();
    const models = await callOk('models.list', {});
    expect(models.recommended.measured).toBe(true);
    expect(models.recommended.reason).toMatch(/measured on this machine/);
  });

  it('a quality mode or engine setting change reconfigures the engine, and it still speaks', async () => {
    await callOk('settings.set', { kokoroQuality: 'best', kokoroThreads: 1, kokoroWarmUp: false });
    expect(core.kokoro.activeFile()).toBe('model.onnx');
    let samples = 0;
    for await (const pcm of core.router.synthesize('kokoro:af_heart', { text: 'Hello there.', voice: '', speed: 1, pitch: 50 })) samples += pcm.length;
    expect(samples).toBeGreaterThan(0);
    expect(core.kokoro.status()?.threads).toBe(1);
  });

  it('refuses bad engine settings and changes nothing', async () => {
    const r = await dispatch(core.handlers, 'settings.set', { kokoroThreads: -1 }, ctx);
    expect(r.ok).toBe(false);
    expect((await callOk('settings.get', {})).kokoroThreads).toBe(1);
  });
});
