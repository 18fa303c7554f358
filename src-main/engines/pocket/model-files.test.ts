// The Pocket TTS file set: assets and manifest parsing with their refusals, the manifest's digests,
// library rows before and after a download, the model manager's verifier, and a graph whose widths
// disagree with its config.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { parsePocketAssets } from './assets';
import { checkAgainstManifest, parsePocketManifest } from './manifest';
import { pocketLibraryVoices } from './library-voices';
import { pocketEncoderVersion, pocketModelVersion } from './model-files';
import { PocketEngine } from './pocket-engine';
import { pocketFixtures, POCKET_FIXTURE_DIMS } from '../../../test-support/engines/pocket-fixtures';
import { verifyPocketFile } from './verify';

let fx: ReturnType<typeof pocketFixtures>;
let tmp: string;
beforeAll(() => {
  fx = pocketFixtures();
  tmp = mkdtempSync(join(tmpdir(), 'koe-pocket-files-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const assetsJson = () => JSON.parse(readFileSync(fx.assets, 'utf8'));

describe('assets.json and manifest.json', () => {
  it('reads the config dimensions, the tokenizer and the float16 voices', () => {
    const a = parsePocketAssets(readFileSync(fx.assets, 'utf8'));
    expect(a.config).toMatchObject({ modelDim: POCKET_FIXTURE_DIMS.model_dim, flowLayers: 2, mimiKvLen: 20, convStateSize: 8, frameSize: 1920, eosThreshold: -4, framesAfterEos: null });
    expect([...a.voices.keys()]).toEqual(['alba', 'marius']);
    expect(a.voices.get('alba')).toMatchObject({ rows: 5, dim: 16 });
    expect(a.voices.get('alba')!.data[0]).toBeCloseTo(0.08, 2);
  });

  it('refuses assets that disagree with themselves, naming what is wrong', () => {
    const bad = assetsJson();
    bad.config.voices.alba = [6, 16];
    expect(() => parsePocketAssets(JSON.stringify(bad))).toThrow(/Voice alba .* has 80 values, which is not \[6, 16\]/);
    const noDim = assetsJson();
    delete noDim.config.model_dim;
    expect(() => parsePocketAssets(JSON.stringify(noDim))).toThrow(/no usable model_dim/);
    expect(() => parsePocketAssets('{"config":')).toThrow(/not valid JSON/);
  });

  it('checks files against the manifest digests', async () => {
    const m = parsePocketManifest(readFileSync(fx.manifest, 'utf8'));
    await expect(checkAgainstManifest(fx.model, m.model)).resolves.toBeUndefined();
    await expect(checkAgainstManifest(fx.encoder, m.model)).rejects.toThrow(/belongs to another version/);
    const copy = join(tmp, 'model.onnx');
    const bytes = readFileSync(fx.model);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(copy, bytes);
    await expect(checkAgainstManifest(copy, m.model)).rejects.toThrow(/does not match its manifest's checksum/);
  });
});

describe('library rows and versions', () => {
  it('shows the documented English voices greyed before a download, the manifest voices after', () => {
    const before = pocketLibraryVoices(join(tmp, 'empty'), []);
    expect(before.map((v) => v.id)).toEqual(['pocket:en-alba', 'pocket:en-anna', 'pocket:en-liat', 'pocket:en-michael', 'pocket:en-omer']);
    expect(before.every((v) => !v.available && v.unavailableReason === 'Download Pocket TTS in Models' && v.kind === 'system')).toBe(true);
    const after = pocketLibraryVoices(fx.modelsDir, ['en']);
    expect(after).toEqual([
      expect.objectContaining({ id: 'pocket:en-alba', name: 'Alba', engine: 'pocket', language: 'en', gender: 'female', available: true }),
      expect.objectContaining({ id: 'pocket:en-marius', name: 'Marius', gender: 'male', available: true }),
    ]);
    expect(pocketModelVersion(fx.modelsDir)).toMatch(/^pocket-en:\d+:\d+:\d+:\d+$/);
    expect(pocketModelVersion(join(tmp, 'empty'))).toBe('pocket-en-missing');
    expect(pocketEncoderVersion(fx.modelsDir)).toMatch(/^pocket-en:[0-9a-f]{16}:[0-9a-f]{16}$/);
  });
});

describe('verifying downloads and imports', () => {
  it('accepts each file of the set, judged by its content', async () => {
    for (const f of [fx.model, fx.encoder, fx.assets, fx.manifest]) {
      const staged = join(tmp, `.import-${Math.random().toString(36).slice(2)}.part`);
      cpSync(f, staged);
      await expect(verifyPocketFile(staged)).resolves.toBeUndefined();
    }
  });

  it('refuses another model, a web page and broken JSON', async () => {
    await expect(verifyPocketFile(kokoroFixtures().model)).rejects.toThrow(/neither the Pocket TTS step graph nor its voice encoder: it lacks tokens/);
    await expect(verifyPocketFile(kokoroFixtures().notOnnx)).rejects.toThrow(/not an ONNX model/);
    const broken = join(tmp, 'assets.json');
    writeFileSync(broken, '{"config": {}}');
    await expect(verifyPocketFile(broken)).rejects.toThrow(/no usable model_dim/);
  });

  it('with the manifest in place, a file must also be the one it names (size and checksum prefix)', async () => {
    const dir = join(tmp, 'with-manifest', 'pocket', 'en');
    cpSync(fx.dir, dir, { recursive: true });
    const target = (name: string) => ({ file: { path: `pocket/en/${name}`, host: 'huggingface' as const, source: name, bytes: null, approxBytes: 1, sha256: null }, dest: join(dir, name) });
    for (const f of ['model.onnx', 'encoder.onnx', 'assets.json', 'manifest.json']) await expect(verifyPocketFile(join(dir, f), target(f))).resolves.toBeUndefined();
    // The encoder is a working graph, but not the step graph this manifest names.
    await expect(verifyPocketFile(fx.encoder, target('model.onnx'))).rejects.toThrow(/neither the Pocket TTS step graph|belongs to another version/);
    // Assets that parse but are not the exported ones: a voice removed.
    const a = assetsJson();
    delete a.voices.marius;
    delete a.config.voices.marius;
    const staged = join(tmp, '.assets.part');
    writeFileSync(staged, JSON.stringify(a));
    await expect(verifyPocketFile(staged)).resolves.toBeUndefined();
    await expect(verifyPocketFile(staged, target('assets.json'))).rejects.toThrow(/assets\.json is [\d,]+ bytes but its manifest says [\d,]+: it belongs to another version/);
  });

  it('refuses a step graph whose widths disagree with its config', async () => {
    const dir = join(tmp, 'mismatch');
    cpSync(fx.dir, join(dir, 'pocket', 'en'), { recursive: true });
    const a = assetsJson();
    a.config.mimi_kv_len = 24;
    writeFileSync(join(dir, 'pocket', 'en', 'assets.json'), JSON.stringify(a));
    const engine = new PocketEngine({ modelsDir: dir, session: { intraOpNumThreads: 1, idleUnloadMs: 0 } });
    await expect(engine.load()).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/mimi_kv dimension 0 is 20, but its config says 24/) });
    await engine.dispose();
  });
});
