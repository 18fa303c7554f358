// PocketService resolves its languages through the model manager's verification records (here a
// resolver the test controls): files on disk that are not vouched for are neither listed nor
// loaded, and vouching for them later takes effect without a restart.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesOnDisk } from '../onnx/model-resolver';
import { NO_POCKET_REASON } from './library-voices';
import { PocketService } from './service';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { verifiedEncoder } from './verified-encoder';

const scratch = mkdtempSync(join(tmpdir(), 'koe-pocket-service-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('PocketService resolving through verification records', () => {
  it('ignores files the resolver does not vouch for, and picks up ones it later does', async () => {
    const dir = join(scratch, 'models');
    cpSync(pocketFixtures().dir, join(dir, 'pocket', 'en'), { recursive: true });
    const onDisk = filesOnDisk(dir);
    const vouched = new Set<string>();
    const service = new PocketService({ modelsDir: dir, clonesDir: join(scratch, 'clones'), resolve: (rel) => (vouched.has(rel) ? onDisk(rel) : null), session: { intraOpNumThreads: 1, idleUnloadMs: 0 } });
    const speak = async () => {
      let n = 0;
      for await (const c of service.engine.synthesize({ text: 'Good morning.', voice: 'en-alba', speed: 1, pitch: 50 })) n += c.length;
      return n;
    };
    try {
      expect(service.installed()).toBe(false);
      expect(service.modelVersion()).toBe('pocket-missing');
      expect(service.libraryVoices().find((v) => v.id === 'pocket:en-alba')).toMatchObject({ available: false, unavailableReason: NO_POCKET_REASON });
      await expect(speak()).rejects.toThrow(/Pocket TTS \(en\) is not installed/);

      // Two of the three files a language needs are not enough.
      vouched.add('pocket/en/manifest.json');
      vouched.add('pocket/en/model.onnx');
      expect(service.installed()).toBe(false);
      vouched.add('pocket/en/assets.json');
      expect(service.installed()).toBe(true);
      expect(service.libraryVoices().find((v) => v.id === 'pocket:en-alba')).toMatchObject({ available: true });
      expect(await speak()).toBeGreaterThan(0);

      vouched.delete('pocket/en/model.onnx');
      await expect(speak()).rejects.toThrow(/Pocket TTS \(en\) is not installed/);
    } finally {
      await service.dispose();
    }
  });
});

describe('PocketService as an engine', () => {
  it('answers model version and capabilities from the verified languages, without loading the engine', async () => {
    const dir = join(scratch, 'facade');
    cpSync(pocketFixtures().dir, join(dir, 'pocket', 'en'), { recursive: true });
    const onDisk = filesOnDisk(dir);
    let vouched = false;
    const service = new PocketService({ modelsDir: dir, clonesDir: join(scratch, 'facade-clones'), resolve: (rel) => (vouched ? onDisk(rel) : null) });
    try {
      expect(service.engine.modelVersion()).toBe('pocket-missing');
      expect(service.engine.capabilities()).toMatchObject({ cloning: true, blends: false, phonemeLexicon: false, languages: [] });
      vouched = true;
      expect(service.engine.modelVersion()).toBe(service.modelVersion());
      expect(service.engine.modelVersion()).toMatch(/^pocket-en:\d+:\d+:\d+:\d+$/);
      expect(service.engine.capabilities().languages).toEqual(['en']);
    } finally {
      await service.dispose();
    }
  });
});

describe('verifiedEncoder', () => {
  it('encodes only while the language set, encoder included, is verified', async () => {
    const vouched = new Set(['pocket/en/manifest.json', 'pocket/en/model.onnx', 'pocket/en/assets.json']);
    let calls = 0;
    const inner = { encode: async () => (calls++, { cond: new Float32Array(0), rows: 0, dim: 0, version: 'x' }) as never, dispose: async () => {} };
    const enc = verifiedEncoder((rel) => (vouched.has(rel) ? `/m/${rel}` : null), 'en', inner);
    await expect(enc.encode(new Float32Array(10))).rejects.toThrow(/Cloning needs Pocket TTS \(English\) with its voice encoder, verified: encoder\.onnx is missing or not verified/);
    expect(calls).toBe(0);
    vouched.add('pocket/en/encoder.onnx');
    await enc.encode(new Float32Array(10));
    expect(calls).toBe(1);
  });
});
