// Kokoro as the core uses it: library rows with availability, blends saved as voices, status line,
// and the Core itself speaking a Kokoro voice from the fixture models folder.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../core/core';
import { NO_MODEL_REASON, NO_PACK_REASON } from './library-voices';
import { g2pTextPath } from './g2p-text-path';
import { filesOnDisk } from '../onnx/model-resolver';
import { KokoroService } from './service';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';

let fx: ReturnType<typeof kokoroFixtures>;
const scratch = mkdtempSync(join(tmpdir(), 'koe-kokoro-service-'));
beforeAll(() => {
  fx = kokoroFixtures();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('KokoroService', () => {
  it('lists all 54 presets as unavailable until the model is downloaded, Japanese and Mandarin included', async () => {
    const service = new KokoroService({ modelsDir: join(scratch, 'empty'), resolve: filesOnDisk(join(scratch, 'empty')) });
    const rows = service.libraryVoices();
    expect(rows).toHaveLength(54);
    expect(rows.find((v) => v.id === 'kokoro:af_heart')).toMatchObject({ engine: 'kokoro', kind: 'system', available: false, unavailableReason: NO_MODEL_REASON, grade: 'A' });
    expect(rows.find((v) => v.id === 'kokoro:jf_alpha')).toMatchObject({ available: false, unavailableReason: NO_MODEL_REASON });
    expect(rows.find((v) => v.id === 'kokoro:zf_xiaobei')).toMatchObject({ available: false, unavailableReason: NO_MODEL_REASON });
    expect(service.describe()).toEqual({ ready: false, detail: 'Model not installed. Download it in Models.' });
    expect(service.modelVersion()).toBe('kokoro-missing');
    await service.dispose();
  });

  it('marks presets without a pack, once the model is there', async () => {
    const dir = join(scratch, 'partial');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    mkdirSync(join(dir, 'kokoro', 'voices'), { recursive: true });
    cpSync(fx.model, join(dir, 'kokoro', 'onnx', 'model.onnx'));
    cpSync(fx.voice('af_bella'), join(dir, 'kokoro', 'voices', 'af_bella.bin'));
    const service = new KokoroService({ modelsDir: dir, resolve: filesOnDisk(dir) });
    const rows = service.libraryVoices();
    expect(rows.find((v) => v.id === 'kokoro:af_bella')).toMatchObject({ available: true, unavailableReason: null });
    expect(rows.find((v) => v.id === 'kokoro:af_heart')).toMatchObject({ available: false, unavailableReason: NO_PACK_REASON });
    expect(service.modelVersion()).toMatch(/^kokoro-v1\.0:model\.onnx:\d+:\d+$/);
    await service.dispose();
  });

  it('saves a blend as a voice that then speaks like a preset, and reports the provider after first use', async () => {
    const dir = join(scratch, 'blend');
    cpSync(join(fx.modelsDir, 'kokoro'), join(dir, 'kokoro'), { recursive: true });
    const service = new KokoroService({ modelsDir: dir, resolve: filesOnDisk(dir), session: { intraOpNumThreads: 1 } });
    const row = await service.saveBlend({ id: 'bright-george', name: 'Bright George', parts: [{ voice: 'bm_george', weight: 2 }, { voice: 'af_heart', weight: 1 }] });
    expect(row).toMatchObject({ id: 'kokoro:bright-george', kind: 'blend', language: 'en-gb', languageName: 'English (UK)', available: true });
    expect(row.tags).toContain('bm_george*0.6667+af_heart*0.3333');
    let samples = 0;
    for await (const c of service.engine.synthesize({ text: 'Good morning.', voice: 'bright-george', speed: 1, pitch: 50 })) samples += c.length;
    expect(samples).toBeGreaterThan(0);
    expect(service.describe()).toEqual({ ready: true, detail: 'CPU, 1 thread' });
    expect(service.status()).toMatchObject({ state: 'ready', provider: 'cpu' });
    await expect(service.saveBlend({ id: 'nothing', name: 'x', parts: [{ voice: 'af_heart', weight: 0 }] })).rejects.toThrow(/add up to zero/);
    await service.dispose();
  });
});

describe('KokoroService as an engine', () => {
  it('answers model version and capabilities from its resolved files, without loading the engine', async () => {
    const dir = join(scratch, 'facade');
    cpSync(join(fx.modelsDir, 'kokoro'), join(dir, 'kokoro'), { recursive: true });
    const service = new KokoroService({ modelsDir: dir, resolve: filesOnDisk(dir) });
    expect(service.engine.modelVersion()).toBe(service.modelVersion());
    expect(service.engine.modelVersion()).toMatch(/^kokoro-v1\.0:model\.onnx:\d+:\d+$/);
    expect(service.engine.capabilities()).toMatchObject({ blends: true, phonemeLexicon: true, cloning: false });
    await service.dispose();
  });
});

describe('KokoroService resolving through verification records', () => {
  it('ignores files the resolver does not vouch for, and picks up ones it later does without a restart', async () => {
    const dir = join(scratch, 'resolver');
    cpSync(join(fx.modelsDir, 'kokoro'), join(dir, 'kokoro'), { recursive: true });
    const onDisk = filesOnDisk(dir);
    const vouched = new Set<string>();
    const service = new KokoroService({ modelsDir: dir, resolve: (rel) => (vouched.has(rel) ? onDisk(rel) : null), session: { intraOpNumThreads: 1 } });
    // Every file is on disk, none verified: nothing is offered or loaded.
    expect(service.installed()).toBe(false);
    expect(service.installedFiles()).toEqual([]);
    expect(service.libraryVoices().find((v) => v.id === 'kokoro:af_heart')).toMatchObject({ available: false, unavailableReason: NO_MODEL_REASON });
    const speak = async (voice: string) => {
      let n = 0;
      for await (const c of service.engine.synthesize({ text: 'Good morning.', voice, speed: 1, pitch: 50 })) n += c.length;
      return n;
    };
    await expect(speak('af_heart')).rejects.toThrow(/not installed|Download/);

    vouched.add('kokoro/onnx/model.onnx');
    vouched.add('kokoro/voices/af_heart.bin');
    expect(service.activeFile()).toBe('model.onnx');
    expect(service.libraryVoices().find((v) => v.id === 'kokoro:af_heart')).toMatchObject({ available: true });
    expect(service.libraryVoices().find((v) => v.id === 'kokoro:bf_emma')).toMatchObject({ available: false, unavailableReason: NO_PACK_REASON });
    expect(await speak('af_heart')).toBeGreaterThan(0);
    // bf_emma's pack is on disk but not vouched for: refused, not read.
    await expect(speak('bf_emma')).rejects.toThrow(/bf_emma is not installed/);

    // The verification lapses (the file changed, or was removed): the engine lets go of it.
    vouched.delete('kokoro/onnx/model.onnx');
    await expect(speak('af_heart')).rejects.toThrow(/not installed|Download/);
    expect(service.modelVersion()).toBe('kokoro-missing');
    await service.dispose();
  });
});

describe('Core with Kokoro (in-process)', () => {
  it('lists Kokoro voices in the library and renders a line with one', async () => {
    const core = await Core.create({ dataDir: join(scratch, 'data'), modelsDir: fx.modelsDir, face: { kind: 'cli' } });
    try {
      const heart = core.library.voices.getVoice('kokoro:af_heart');
      expect(heart).toMatchObject({ available: true, language: 'en-us', gender: 'female', grade: 'A' });
      // Every voice, Japanese and Mandarin included, speaks once the model and its pack are there.
      expect(core.library.voices.listVoices().filter((v) => v.engine === 'kokoro' && !v.available)).toEqual([]);
      const pcm = await core.speech.render({ text: 'Hello there. This line is spoken by Kokoro.', voiceId: 'kokoro:af_heart', params: { speed: 1, pitch: 50 } });
      expect(pcm.length).toBeGreaterThan(24_000);
      expect(core.info().engines.find((e) => e.id === 'kokoro')).toMatchObject({ name: 'Kokoro-82M', ready: true });
      expect((await core.speech.render({ text: 'こんにちは。', voiceId: 'kokoro:jf_alpha', params: { speed: 1, pitch: 50 } })).length).toBeGreaterThan(0);
      expect((await core.speech.render({ text: '你好。', voiceId: 'kokoro:zf_xiaobei', params: { speed: 1, pitch: 50 } })).length).toBeGreaterThan(0);
    } finally {
      await core.close();
    }
  });
});

describe('the text path with verified lexicons', () => {
  const MISAKI = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');
  it.skipIf(!existsSync(MISAKI))('uses misaki only while the lexicons are vouched for, whatever is on disk', () => {
    const dir = join(scratch, 'lexicons');
    cpSync(MISAKI, join(dir, 'misaki'), { recursive: true });
    let verified = false;
    const text = g2pTextPath(dir, { lexiconsVerified: () => verified });
    expect(text.g2p.availability('a')).toMatchObject({ available: true, reason: expect.stringMatching(/.+/) });
    verified = true;
    expect(text.g2p.availability('a')).toEqual({ available: true, reason: null });
  });
});
