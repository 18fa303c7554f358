// app.health (koe doctor): a fresh installation reads as working, and a damaged model is a failure
// that names the command to fix it.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { Core } from './core';
import { openLibrary } from '../library/db';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-health-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const health = async (core: Core) => (await core.handlers['app.health']({}, { origin: 'test' } as never)).checks;

describe('app.health', () => {
  it('a fresh installation: Node, the library, the data folder and ONNX Runtime are fine; no models is information, not a failure', async () => {
    const core = await Core.create({ dataDir: join(dir, 'fresh'), modelsDir: join(dir, 'fresh', 'models'), face: { kind: 'cli' } });
    try {
      const checks = await health(core);
      const by = new Map(checks.map((c) => [c.id, c]));
      expect(by.get('node')).toMatchObject({ status: 'ok', detail: expect.stringContaining(process.versions.node) });
      expect(by.get('library')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/schema \d+, SQLite [\d.]+, journal wal/) });
      expect(by.get('data')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/GiB free/) });
      expect(by.get('onnxruntime')?.status).toMatch(/ok|warn/);
      expect(by.get('models')).toMatchObject({ status: 'info', detail: expect.stringMatching(/koe models download kokoro-/) });
      expect(by.get('engine:espeak')).toMatchObject({ status: 'ok' });
      expect(checks.some((c) => c.status === 'fail')).toBe(false);
    } finally {
      await core.close();
    }
  });

  it('a damaged model fails with the command that fetches it again', async () => {
    const models = join(dir, 'damaged', 'models');
    mkdirSync(join(models, 'kokoro', 'onnx'), { recursive: true });
    const graph = readFileSync(kokoroFixtures().model);
    copyFileSync(kokoroFixtures().model, join(models, 'kokoro', 'onnx', 'model.onnx'));
    writeFileSync(join(models, 'kokoro', 'onnx', 'model.onnx'), graph.subarray(0, graph.length >> 1));
    const core = await Core.create({ dataDir: join(dir, 'damaged', 'data'), modelsDir: models, face: { kind: 'cli' } });
    try {
      const bad = (await health(core)).find((c) => c.id === 'model:kokoro-v1.0-fp32');
      expect(bad).toMatchObject({ status: 'fail', detail: expect.stringMatching(/expected; download it again \(koe models download kokoro-v1\.0-fp32\)/) });
    } finally {
      await core.close();
    }
  });

  it('a library whose write-ahead log was damaged: a warning in koe doctor and a notice in app.info', async () => {
    const data = join(dir, 'wal', 'data');
    const first = await Core.create({ dataDir: data, modelsDir: join(dir, 'wal', 'models'), face: { kind: 'cli' } });
    await first.close();
    // Saves still in the log (copied while open, as after a crash), then the log's header damaged.
    const lib = openLibrary(join(data, 'library.db'));
    lib.projects.createProject('Lost', 'Ana: hello');
    copyFileSync(join(data, 'library.db-wal'), join(dir, 'wal', 'saved-wal'));
    lib.close();
    const wal = readFileSync(join(dir, 'wal', 'saved-wal'));
    wal[0] = 0;
    writeFileSync(join(data, 'library.db-wal'), wal);
    const core = await Core.create({ dataDir: data, modelsDir: join(dir, 'wal', 'models'), face: { kind: 'cli' } });
    try {
      const check = (await health(core)).find((c) => c.id === 'library');
      expect(check).toMatchObject({ status: 'warn', detail: expect.stringMatching(/write-ahead log was damaged .*kept at .*library\.db-wal\.damaged-/) });
      const info = await core.handlers['app.info']({}, { origin: 'test' } as never);
      expect(info.libraryRecovery).toMatchObject({ framesKept: 0, framesDropped: expect.any(Number), keptAside: expect.stringContaining('library.db-wal.damaged-') });
    } finally {
      await core.close();
    }
  });

  it('koe doctor runs each installed Kokoro model’s self-test: a model that speaks silence fails with its figures and is kept from the engine', async () => {
    const models = join(dir, 'selftest', 'models');
    mkdirSync(join(models, 'kokoro', 'onnx'), { recursive: true });
    mkdirSync(join(models, 'kokoro', 'voices'), { recursive: true });
    copyFileSync(kokoroFixtures().selfTest.silent, join(models, 'kokoro', 'onnx', 'model.onnx'));
    copyFileSync(kokoroFixtures().voice('af_heart'), join(models, 'kokoro', 'voices', 'af_heart.bin'));
    const standIn = (rel: string) => {
      const b = readFileSync(join(models, rel));
      return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') };
    };
    // The fixture files stand in for the real ones (state.ts), vouched for by sha256.
    writeFileSync(join(models, 'fixtures.json'), JSON.stringify({ files: { 'kokoro/onnx/model.onnx': standIn('kokoro/onnx/model.onnx'), 'kokoro/voices/af_heart.bin': standIn('kokoro/voices/af_heart.bin') } }));
    const core = await Core.create({ dataDir: join(dir, 'selftest', 'data'), modelsDir: models, face: { kind: 'cli' } });
    try {
      expect(core.kokoro.installed()).toBe(true);
      const checks = await health(core);
      const test = checks.find((c) => c.id === 'selftest:kokoro-v1.0-fp32');
      expect(test).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^failed its self-test: the output is silent .*0\.00 s for \d+ phonemes/) });
      expect(core.kokoro.installed()).toBe(false);
      expect((await core.models.status('kokoro-v1.0-fp32')).selfTest).toMatchObject({ status: 'failed' });
    } finally {
      await core.close();
    }
  });
});
