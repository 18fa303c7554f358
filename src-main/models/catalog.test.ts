import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetBytes, CATALOG, checkCatalog, checksumCoverage, sizeHint, sizeLimit, ENGLISH_COMPANIONS, KOKORO_VOICE_IDS, VOICE_PACK_BYTES, type CatalogAsset } from './catalog';
import { fakeVoice } from '../../test-support/models/fixtures';
import { DEFAULT_HOSTS, resolveHosts, sourceUrl } from './hosts';
import { RateMeter } from './rate';
import { recommendVariant } from './recommend';
import { checkLexicon, checkOnnxHeader, checkVoicePack } from './verify';

const byId = (id: string) => CATALOG.find((a) => a.id === id)!;
const FIXTURE_VOICES = join(process.cwd(), 'models', 'fixtures', 'kokoro', 'voices');
const SHARED_MISAKI = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');

describe('the Kokoro catalog', () => {
  it('is well formed: unique ids and paths, safe relative paths, known companions', () => {
    expect(() => checkCatalog(CATALOG)).not.toThrow();
  });

  it('offers the eight onnx-community variants with published sizes, and checksums where published', () => {
    const models = CATALOG.filter((a) => a.kind === 'kokoro-model');
    expect(models.map((m) => [m.variant, m.files[0]!.path, m.files[0]!.bytes, m.files[0]!.sha256 !== null])).toEqual([
      ['fp32', 'kokoro/onnx/model.onnx', 325_532_232, true],
      ['fp16', 'kokoro/onnx/model_fp16.onnx', 163_234_740, true],
      ['q8', 'kokoro/onnx/model_quantized.onnx', 92_361_116, true],
      ['q4', 'kokoro/onnx/model_q4.onnx', 305_215_966, true],
      ['q4f16', 'kokoro/onnx/model_q4f16.onnx', 154_586_422, true],
      ['q8f16', 'kokoro/onnx/model_q8f16.onnx', 86_033_585, true],
      ['uint8', 'kokoro/onnx/model_uint8.onnx', 177_464_632, false],
      ['uint8f16', 'kokoro/onnx/model_uint8f16.onnx', 114_209_226, false],
    ]);
    expect(byId('kokoro-v1.0-fp32').files[0]!.sha256).toBe('8fbea51ea711f2af382e88c833d9e288c6dc82ce5e98421ea61c058ce21a34cb');
    for (const m of models) {
      expect(m.license).toBe('Apache-2.0');
      expect(m.requires).toEqual(ENGLISH_COMPANIONS);
      expect(m.notes.length).toBeGreaterThan(20);
    }
    expect(byId('kokoro-v1.0-q8').notes).toMatch(/published measurements find 8-bit slower than fp32 on CPU/);
    expect(byId('kokoro-v1.0-uint8').notes).toMatch(/No published checksum/);
  });

  it('has the 54 voice packs as one set, each 510×256 float32, every one pinned', () => {
    const set = byId('kokoro-v1.0-voices');
    expect(KOKORO_VOICE_IDS).toHaveLength(54);
    expect(new Set(KOKORO_VOICE_IDS).size).toBe(54);
    expect(set.files).toHaveLength(54);
    expect(set.files.every((f) => f.bytes === VOICE_PACK_BYTES && VOICE_PACK_BYTES === 522_240)).toBe(true);
    expect(set.files.every((f) => f.sha256 && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(new Set(set.files.map((f) => f.sha256)).size).toBe(54);
    // The two checksums ENGINES.md publishes from the host's LFS pointers.
    expect(set.files.find((f) => f.path === 'kokoro/voices/af_heart.bin')!.sha256).toBe('d583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b');
    expect(set.files.find((f) => f.path === 'kokoro/voices/af_bella.bin')!.sha256).toBe('f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b');
    expect(checksumCoverage(set)).toBe('all');
    expect(assetBytes(set)).toBe(54 * 522_240);
    // Nine languages by the id's first letter.
    expect(new Set(KOKORO_VOICE_IDS.map((v) => v[0])).size).toBe(9);
  });

  it.skipIf(!existsSync(FIXTURE_VOICES))('pins every voice pack to the bytes kokoro-js ships (npm run fixtures)', () => {
    const packs = byId('kokoro-v1.0-voices').files;
    for (const f of packs) {
      const bytes = readFileSync(join(FIXTURE_VOICES, f.path.replace('kokoro/voices/', '')));
      expect(bytes.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }
  });

  it('resolves sources to the real hosts by default, and under a mirror when configured', () => {
    const fp32 = byId('kokoro-v1.0-fp32').files[0]!;
    expect(sourceUrl({ ...DEFAULT_HOSTS }, fp32.host, fp32.source)).toBe('https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/onnx/model.onnx');
    const heart = byId('kokoro-v1.0-voices').files[0]!;
    expect(sourceUrl({ ...DEFAULT_HOSTS }, heart.host, heart.source)).toBe('https://huggingface.co/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices/af_heart.bin');
    const gold = byId('misaki-en-us').files[0]!;
    expect(sourceUrl({ ...DEFAULT_HOSTS }, gold.host, gold.source)).toBe('https://raw.githubusercontent.com/hexgrad/misaki/fba1236595f2d2bf21d414ba6e57d25256afada3/misaki/data/us_gold.json');
    const { hosts } = resolveHosts({}, { KOE_MODEL_HOST: 'http://127.0.0.1:9/mirror' });
    expect(sourceUrl(hosts, fp32.host, fp32.source)).toBe('http://127.0.0.1:9/mirror/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/onnx/model.onnx');
  });

  it.skipIf(!existsSync(SHARED_MISAKI))('pins the misaki lexicons to the bytes of the reference copy', () => {
    const lexicons = CATALOG.filter((a) => a.kind === 'lexicon');
    expect(lexicons.map((a) => a.id)).toEqual(['misaki-en-us', 'misaki-en-gb']);
    for (const f of lexicons.flatMap((a) => a.files)) {
      const bytes = readFileSync(join(SHARED_MISAKI, f.path.replace('misaki/', '')));
      expect(bytes.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }
  });

  it('lists Pocket TTS with estimated sizes only (none is published exactly) and no checksums', () => {
    const pocket = byId('pocket-tts-en');
    expect(pocket.files.map((f) => f.path)).toEqual(['pocket/en/manifest.json', 'pocket/en/model.onnx', 'pocket/en/encoder.onnx', 'pocket/en/assets.json']);
    expect(pocket.files.every((f) => f.bytes === null && f.sha256 === null && f.approxBytes! > 0)).toBe(true);
    expect(sizeHint(pocket.files[1]!)).toBe(177_000_000);
    expect(sizeLimit(pocket.files[1]!)).toBe(354_000_000);
    expect(sizeLimit(pocket.files[0]!)).toBe(1_000 + 64 * 1024 * 1024);
    expect(assetBytes(pocket)).toBe(217_601_000);
    const base = CATALOG[0]!;
    expect(() => checkCatalog([{ ...base, id: 'x', requires: [], files: [{ ...base.files[0]!, bytes: null }] }])).toThrow(/has no size estimate/);
  });

  it('rejects catalogs that could escape the models folder or are ambiguous', () => {
    const base = CATALOG[0]!;
    const withPath = (path: string): CatalogAsset => ({ ...base, id: 'x', requires: [], files: [{ ...base.files[0]!, path }] });
    for (const bad of ['../evil.onnx', '/etc/passwd', 'kokoro/../../x', 'a\\b', 'kokoro//x', '.hidden/x']) {
      expect(() => checkCatalog([withPath(bad)]), bad).toThrow(/unsafe path/);
    }
    expect(() => checkCatalog([base, base])).toThrow(/duplicate id/);
    expect(() => checkCatalog([{ ...withPath('a'), files: [{ ...base.files[0]!, path: 'a', sha256: 'XYZ' }] }])).toThrow(/malformed sha256/);
    expect(() => checkCatalog([{ ...withPath('a'), requires: ['ghost'] }])).toThrow(/requires unknown ghost/);
  });
});

describe('built-in test loads', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'koe-verify-'));

  it('accepts a real-shaped voice pack and rejects NaN, zeros and wrong sizes', async () => {
    const dir = tmp();
    try {
      const ok = join(dir, 'ok.bin');
      writeFileSync(ok, fakeVoice(1));
      await expect(checkVoicePack(ok)).resolves.toBeUndefined();
      const nan = Buffer.from(fakeVoice(1));
      nan.writeFloatLE(Number.NaN, 4000);
      writeFileSync(join(dir, 'nan.bin'), nan);
      await expect(checkVoicePack(join(dir, 'nan.bin'))).rejects.toThrow(/value 1000 is NaN/);
      writeFileSync(join(dir, 'zeros.bin'), Buffer.alloc(VOICE_PACK_BYTES));
      await expect(checkVoicePack(join(dir, 'zeros.bin'))).rejects.toThrow(/almost all zeros/);
      writeFileSync(join(dir, 'short.bin'), Buffer.alloc(100));
      await expect(checkVoicePack(join(dir, 'short.bin'))).rejects.toThrow(/522240 bytes, this file is 100/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells an ONNX model from a web page or a Git LFS pointer', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'm.onnx'), Buffer.from([0x08, 0x07, 0x12, 0x00]));
      await expect(checkOnnxHeader(join(dir, 'm.onnx'))).resolves.toBeUndefined();
      writeFileSync(join(dir, 'lfs.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\n');
      await expect(checkOnnxHeader(join(dir, 'lfs.onnx'))).rejects.toThrow(/not an ONNX model \(it looks like a web page or a Git LFS pointer\)/);
      writeFileSync(join(dir, 'rand.onnx'), Buffer.from([0xff, 0x00]));
      await expect(checkOnnxHeader(join(dir, 'rand.onnx'))).rejects.toThrow(/not an ONNX model$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks that a lexicon is a JSON object', async () => {
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'a.json'), '{"hello":"həlˈO"}');
      await expect(checkLexicon(join(dir, 'a.json'))).resolves.toBeUndefined();
      writeFileSync(join(dir, 'b.json'), '["x"]');
      await expect(checkLexicon(join(dir, 'b.json'))).rejects.toThrow(/not a word → phonemes object/);
      writeFileSync(join(dir, 'c.json'), '<html>');
      await expect(checkLexicon(join(dir, 'c.json'))).rejects.toThrow(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('recommendation', () => {
  it('is fp32 on CPU until measured, saying why', () => {
    expect(recommendVariant(CATALOG, 'cpu')).toEqual({
      id: 'kokoro-v1.0-fp32',
      measured: false,
      reason: 'Not measured on this machine yet; published measurements find 8-bit slower than fp32 on CPU, and fp32 is the reference quality.',
    });
    expect(recommendVariant(CATALOG, 'coreml').reason).toMatch(/Not measured with Core ML yet/);
  });

  it('follows measurements for the active provider only, preferring precision on ties', () => {
    const r = recommendVariant(CATALOG, 'cpu', [
      { assetId: 'kokoro-v1.0-q8', provider: 'cpu', rtf: 0.5 },
      { assetId: 'kokoro-v1.0-fp16', provider: 'cpu', rtf: 0.2 },
      { assetId: 'kokoro-v1.0-fp32', provider: 'cpu', rtf: 0.25 },
      { assetId: 'kokoro-v1.0-fp32', provider: 'cpu', rtf: 0.2 },
      { assetId: 'kokoro-v1.0-q4', provider: 'cuda', rtf: 0.01 },
      { assetId: 'kokoro-v1.0-q4f16', provider: 'cpu', rtf: Number.NaN },
      { assetId: 'not-a-model', provider: 'cpu', rtf: 0.01 },
    ]);
    expect(r).toEqual({ id: 'kokoro-v1.0-fp32', measured: true, reason: 'Fastest measured on this machine with the CPU: real-time factor 0.20 (others: fp16 0.20, q8 0.50).' });
  });
});

describe('rate meter', () => {
  it('reports speed over a recent window and the time left', () => {
    let t = 0;
    const m = new RateMeter(5_000, () => t);
    m.add(0);
    expect(m.rate()).toBe(0);
    expect(m.etaSec(0, 1000)).toBeNull();
    for (let i = 1; i <= 10; i++) {
      t = i * 1000;
      m.add(i * 100_000); // 100 kB/s
    }
    expect(m.rate()).toBeCloseTo(100_000, 0);
    expect(m.etaSec(1_000_000, 1_500_000)).toBe(5);
    // The connection slows to 10 kB/s; within the window the rate follows it.
    for (let i = 1; i <= 6; i++) {
      t = 10_000 + i * 1000;
      m.add(1_000_000 + i * 10_000);
    }
    expect(m.rate()).toBeLessThan(20_000);
    m.reset();
    expect(m.rate()).toBe(0);
  });
});
