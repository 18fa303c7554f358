// The self-test in the model manager's flow: a model imported (or downloaded) is tested; one that
// fails is marked with its figures and kept from the engines, and Kokoro goes on with the variant
// that worked before.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SelfTestResult } from '../contract/calls-models';
import { KokoroService } from '../engines/kokoro/service';
import { openLibrary, type Library } from '../library/db';
import type { CatalogAsset } from '../models/catalog';
import { ModelManager } from '../models/manager';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { ModelSelfTests } from './model-self-test';

const fx = kokoroFixtures();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const file = (path: string, from: string) => ({ path, host: 'huggingface' as const, source: `x/${path}`, bytes: readFileSync(from).length, sha256: sha(from) });
const common = { version: 'v1.0', license: 'Apache-2.0', homepage: 'https://example.invalid/', notes: '', requires: [] };
const catalog: CatalogAsset[] = [
  { ...common, id: 'good-fp16', kind: 'kokoro-model', title: 'Kokoro (fp16)', variant: 'fp16', files: [file('kokoro/onnx/model_fp16.onnx', fx.model)] },
  { ...common, id: 'silent-fp32', kind: 'kokoro-model', title: 'Kokoro (fp32)', variant: 'fp32', files: [file('kokoro/onnx/model.onnx', fx.selfTest.silent)] },
  { ...common, id: 'heart', kind: 'kokoro-voices', title: 'Heart', variant: null, files: [file('kokoro/voices/af_heart.bin', fx.voice('af_heart'))] },
];

describe('self-tests after install', () => {
  let dir: string;
  let lib: Library;
  let models: ModelManager;
  let results: { id: string; r: SelfTestResult }[];
  let next: (() => void) | null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'koe-selftest-'));
    lib = openLibrary(join(dir, 'library.db'));
    models = new ModelManager({ db: lib.db, modelsDir: join(dir, 'models'), catalog });
    results = [];
    next = null;
    const tests = new ModelSelfTests({ models, modelsDir: join(dir, 'models'), onResult: (id, r) => (results.push({ id, r }), next?.()) });
    models.onInstalled((id) => tests.afterInstall(id));
  });
  afterEach(async () => {
    await models.dispose();
    lib.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const tested = () => new Promise<void>((resolve) => (next = resolve));

  it('waits for a voice, passes a working model, fails a silent one and keeps the working one in use', async () => {
    let done = tested();
    await models.import(fx.model, { id: 'good-fp16' });
    await done;
    // No English voice yet: not run, and the model is not held back for it.
    expect(results.at(-1)).toMatchObject({ id: 'good-fp16', r: { status: 'skipped' } });
    expect(models.verifiedPath('kokoro/onnx/model_fp16.onnx')).not.toBeNull();
    done = tested();
    await models.import(fx.voice('af_heart'), { id: 'heart' });
    await done;
    expect(results.at(-1)).toMatchObject({ id: 'good-fp16', r: { status: 'passed' } });

    const kokoro = new KokoroService({ modelsDir: join(dir, 'models'), resolve: (rel) => models.verifiedPath(rel) });
    expect(kokoro.activeFile()).toBe('model_fp16.onnx');
    done = tested();
    await models.import(fx.selfTest.silent, { id: 'silent-fp32' });
    await done;
    const failed = results.at(-1)!;
    expect(failed).toMatchObject({ id: 'silent-fp32', r: { status: 'failed', failures: [expect.stringMatching(/silent/), expect.stringMatching(/length/)] } });
    expect(failed.r.figures).toMatchObject({ samples: 0 });
    // Kept out of the engines: Kokoro still speaks with the variant that passed.
    expect(models.verifiedPath('kokoro/onnx/model.onnx')).toBeNull();
    expect(kokoro.activeFile()).toBe('model_fp16.onnx');
    const listed = (await models.list()).assets.find((a) => a.id === 'silent-fp32');
    expect(listed).toMatchObject({ state: 'installed', selfTest: { status: 'failed' } });
    // Stored: a new manager over the same library still keeps it out.
    const again = new ModelManager({ db: lib.db, modelsDir: join(dir, 'models'), catalog });
    expect(again.verifiedPath('kokoro/onnx/model.onnx')).toBeNull();
    expect(again.selfTestOf('good-fp16')?.status).toBe('passed');
    await again.dispose();
    await kokoro.dispose();
  });
});
