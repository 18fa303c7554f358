import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelProgress } from '../contract/calls-models';
import { dispatch, type CallContext, type Handlers } from '../contract/dispatch';
import { KoeError } from '../contract/errors';
import { createModelHandlers } from '../core/handlers/models';
import { openLibrary, type Library } from '../library/db';
import { serveTiny, sha256, tinyCatalog, type TinyCatalog } from '../../test-support/models/fixtures';
import { ModelManager, type ModelManagerOptions } from './manager';
import { openPartFile } from './part-file';
import { FixtureServer } from '../../test-support/models/host';

let server: FixtureServer;
let tiny: TinyCatalog;
let dir: string;
let lib: Library;
let manager: ModelManager;
let events: ModelProgress[];

const modelsDir = () => join(dir, 'models');
const at = (rel: string) => join(modelsDir(), ...rel.split('/'));
const hfPath = (p: string) => `hf/repo/resolve/main/${p}`;

function make(extra: Partial<ModelManagerOptions> = {}): ModelManager {
  const m = new ModelManager({
    db: lib.db,
    modelsDir: modelsDir(),
    catalog: tiny.catalog,
    env: { KOE_MODEL_HOST: `${server.base}hf/`, KOE_GITHUB_RAW_HOST: `${server.base}gh` },
    retry: { attempts: 3, baseMs: 1, maxMs: 4, sleep: async () => {} },
    progressIntervalMs: 0,
    idleTimeoutMs: 5_000,
    ...extra,
  });
  m.onProgress((p) => events.push(p));
  return m;
}

async function rejection(p: Promise<unknown>): Promise<KoeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(KoeError);
  return e as KoeError;
}

/** Waits for an event-driven condition (progress events arrive as the download runs). */
async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

const fileRows = () => lib.db.prepare('SELECT asset_id, path, bytes, sha256, verified_by, source FROM model_files ORDER BY path').all() as { asset_id: string; path: string; bytes: number; sha256: string; verified_by: string; source: string }[];
const assetRows = () => lib.db.prepare('SELECT id, kind, path, bytes, sha256, status FROM models ORDER BY id').all() as { id: string; kind: string; path: string; bytes: number; sha256: string; status: string }[];
const state = async (id: string) => (await manager.status(id)).state;

beforeAll(async () => {
  server = await FixtureServer.start();
  tiny = tinyCatalog();
  serveTiny(server, tiny);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-models-'));
  lib = openLibrary(join(dir, 'library.db'));
  events = [];
  server.reset();
  manager = make();
});
afterEach(async () => {
  await manager.dispose();
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('list', () => {
  it('starts with everything missing, with sources under the configured hosts and a reasoned recommendation', async () => {
    const list = await manager.list();
    expect(list.modelsDir).toBe(modelsDir());
    expect(list.assets.map((a) => [a.id, a.state, a.bytesOnDisk])).toEqual([
      ['tiny-fp32', 'missing', 0],
      ['tiny-uint8', 'missing', 0],
      ['tiny-voices', 'missing', 0],
      ['tiny-lex', 'missing', 0],
    ]);
    const fp32 = list.assets[0]!;
    expect(fp32).toMatchObject({ source: `${server.base}hf/repo/resolve/main/onnx/model.onnx`, checksums: 'all', bytesEstimated: false, recommended: true, license: 'Apache-2.0', job: null });
    expect(list.assets[2]).toMatchObject({ source: `${server.base}hf/repo/resolve/main/voices/`, checksums: 'some', fileCount: 3 });
    expect(list.assets[3]!.source).toBe(`${server.base}gh/org/misaki/abc/data/us_gold.json`);
    expect(list.recommended).toEqual({ id: 'tiny-fp32', measured: false, reason: expect.stringMatching(/published measurements find 8-bit slower than fp32 on CPU/) });
    expect(list.hosts.huggingface).toEqual({ url: `${server.base}hf/`, from: 'env', env: 'KOE_MODEL_HOST' });
    expect(list.hosts.github.url).toBe(`${server.base}gh/`); // a missing trailing slash is added
  });

  it('recommends what measured fastest once there are measurements', async () => {
    manager.setMeasurements('cpu', [
      { assetId: 'tiny-fp32', provider: 'cpu', rtf: 0.31 },
      { assetId: 'tiny-uint8', provider: 'cpu', rtf: 0.22 },
      { assetId: 'tiny-uint8', provider: 'cuda', rtf: 0.01 },
    ]);
    const list = await manager.list();
    expect(list.recommended).toMatchObject({ id: 'tiny-uint8', measured: true });
    expect(list.recommended.reason).toMatch(/real-time factor 0\.22 \(others: fp32 0\.31\)/);
    expect(list.assets.find((a) => a.recommended)!.id).toBe('tiny-uint8');
  });
});

describe('download', () => {
  it('installs a model: file in place, records in the DB, progress from queued to done', async () => {
    const result = await manager.download('tiny-fp32');
    expect(result).toMatchObject({ state: 'installed', installedFiles: 1, bytesOnDisk: tiny.bytes['onnx/model.onnx']!.length, job: null });
    expect(readFileSync(at('kokoro/onnx/model.onnx')).equals(tiny.bytes['onnx/model.onnx']!)).toBe(true);
    expect(fileRows()).toEqual([{ asset_id: 'tiny-fp32', path: at('kokoro/onnx/model.onnx'), bytes: 200_000, sha256: sha256(tiny.bytes['onnx/model.onnx']!), verified_by: 'sha256', source: `${server.base}${hfPath('onnx/model.onnx')}` }]);
    expect(assetRows()).toEqual([{ id: 'tiny-fp32', kind: 'kokoro-model', path: at('kokoro/onnx/model.onnx'), bytes: 200_000, sha256: sha256(tiny.bytes['onnx/model.onnx']!), status: 'installed' }]);
    expect(events[0]).toMatchObject({ id: 'tiny-fp32', phase: 'queued', bytes: 0, total: 200_000 });
    expect(events.at(-1)).toEqual({ id: 'tiny-fp32', phase: 'done', bytes: 200_000, total: 200_000, rate: 0, etaSec: 0, error: null });
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['connecting', 'downloading', 'verifying']));
    const downloading = events.filter((e) => e.phase === 'downloading').map((e) => e.bytes);
    expect(downloading).toEqual([...downloading].sort((a, b) => a - b));
    expect(await manager.pathOf('tiny-fp32')).toBe(at('kokoro/onnx/model.onnx'));
    // Already installed: a second download only checks, and fetches nothing.
    server.log.length = 0;
    await manager.download('tiny-fp32');
    expect(server.log).toEqual([]);
  });

  it('joins a second request for the same id instead of downloading twice', async () => {
    server.plan(hfPath('onnx/model.onnx'), { kind: 'stall', after: 50_000 });
    const first = manager.start('tiny-fp32');
    const second = manager.start('tiny-fp32');
    expect(first.joined).toBe(false);
    expect(second.joined).toBe(true);
    expect(second.promise).toBe(first.promise);
    await waitFor(() => events.some((e) => e.phase === 'downloading' && e.bytes >= 50_000));
    expect((await manager.status('tiny-fp32')).job).toMatchObject({ phase: 'downloading', total: 200_000 });
    expect(manager.cancel('tiny-fp32')).toBe(true);
    expect((await rejection(second.promise)).code).toBe('cancelled');
    expect(server.requestsFor(hfPath('onnx/model.onnx'))).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ phase: 'cancelled', error: { code: 'cancelled' } });
    // Cancel keeps the partial file; the list shows it, and the next download resumes it.
    expect(await manager.status('tiny-fp32')).toMatchObject({ state: 'partial', bytesOnDisk: 50_000 });
    expect(fileRows()).toEqual([]);
    await manager.download('tiny-fp32');
    expect(server.log.at(-1)).toMatchObject({ range: 'bytes=50000-', status: 206 });
    expect(await state('tiny-fp32')).toBe('installed');
  });

  it('throttles progress events but always delivers the latest bytes, even when the host stalls', async () => {
    await manager.dispose();
    manager = make({ progressIntervalMs: 100 });
    server.plan(hfPath('onnx/model.onnx'), { kind: 'stall', after: 150_000 });
    const job = manager.start('tiny-fp32');
    const started = Date.now();
    await waitFor(() => events.some((e) => e.phase === 'downloading' && e.bytes === 150_000) || Date.now() - started > 3_000);
    const downloading = events.filter((e) => e.phase === 'downloading');
    expect(downloading.at(-1)!.bytes).toBe(150_000);
    expect(downloading.length).toBeLessThan(5); // not one per network chunk
    manager.cancel('tiny-fp32');
    await job.promise.catch(() => {});
  });

  it('lists the companions a model needs, and refuses unknown ids', async () => {
    expect(manager.withRequired('tiny-fp32')).toEqual(['tiny-fp32', 'tiny-voices', 'tiny-lex']);
    expect(() => manager.start('nope')).toThrow(/Unknown model "nope"/);
  });

  it('downloads a voice set file by file: pinned packs by sha256, the rest by size and test load', async () => {
    await manager.download('tiny-voices');
    expect(fileRows().map((r) => [r.path.split('/').pop(), r.verified_by])).toEqual([
      ['af_heart.bin', 'sha256'],
      ['af_sky.bin', 'size+check'],
      ['bm_lewis.bin', 'size+check'],
    ]);
    expect(assetRows()[0]).toMatchObject({ id: 'tiny-voices', path: at('kokoro/voices'), bytes: 3 * 522_240, status: 'installed' });
    expect(await manager.pathOf('tiny-voices', 'af_sky.bin')).toBe(at('kokoro/voices/af_sky.bin'));
    await expect(manager.pathOf('tiny-voices')).rejects.toThrow(/has 3 files/);
  });

  it('a voice pack that fails its test load is not installed; the good ones stay, and a retry fetches only the missing one', async () => {
    const nan = Buffer.from(new Float32Array(522_240 / 4).fill(Number.NaN).buffer);
    server.plan(hfPath('voices/bm_lewis.bin'), { kind: 'body', data: nan });
    const e = await rejection(manager.download('tiny-voices'));
    expect(e.message).toMatch(/bm_lewis\.bin \(Tiny voices\) downloaded completely but failed its test load \(value 0 is NaN/);
    expect(events.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'io', message: e.message } });
    expect(await manager.status('tiny-voices')).toMatchObject({ state: 'partial', installedFiles: 2 });
    expect(existsSync(at('kokoro/voices/bm_lewis.bin'))).toBe(false);
    expect(assetRows()).toEqual([]);
    server.log.length = 0;
    await manager.download('tiny-voices');
    expect(server.log.map((r) => r.path)).toEqual([`/${hfPath('voices/bm_lewis.bin')}`]);
    expect(await state('tiny-voices')).toBe('installed');
  });

  it('uses the verify hook the engine registers for models without a checksum', async () => {
    const seen: string[] = [];
    manager.setVerifier('kokoro-model', async (p) => {
      seen.push(p);
      throw new Error('the graph has no input_ids');
    });
    const e = await rejection(manager.download('tiny-uint8'));
    expect(e.message).toMatch(/failed its test load \(the graph has no input_ids\)/);
    expect(seen).toEqual([`${at('kokoro/onnx/model_uint8.onnx')}.part`]);
    expect(await state('tiny-uint8')).toBe('missing');
    manager.setVerifier('kokoro-model', null); // back to the built-in header check, which passes
    await manager.download('tiny-uint8');
    expect(fileRows()[0]).toMatchObject({ asset_id: 'tiny-uint8', verified_by: 'size+check' });
  });

  it('notices a damaged install, and a new download replaces it', async () => {
    await manager.download('tiny-lex');
    truncateSync(at('misaki/us_gold.json'), 10);
    const damaged = await manager.status('tiny-lex');
    expect(damaged.state).toBe('corrupt');
    expect(damaged.problem).toMatch(/is 10 bytes/);
    await expect(manager.pathOf('tiny-lex')).rejects.toThrow(/not installed \(.*is 10 bytes/);
    await manager.download('tiny-lex');
    expect(await state('tiny-lex')).toBe('installed');

    rmSync(at('misaki/us_gold.json'));
    expect((await manager.status('tiny-lex')).problem).toMatch(/was deleted after it was installed/);
  });

  it('adopts a correct file found on disk without the network, and re-checks a file changed after verification', async () => {
    mkdirSync(at('kokoro/onnx'), { recursive: true });
    writeFileSync(at('kokoro/onnx/model.onnx'), tiny.bytes['onnx/model.onnx']!);
    expect(await state('tiny-fp32')).toBe('unverified');
    await expect(manager.pathOf('tiny-fp32')).rejects.toThrow(/not verified yet/);
    await manager.download('tiny-fp32');
    expect(server.log).toEqual([]);
    expect(fileRows()[0]!.source).toBe('found on disk');
    expect(await state('tiny-fp32')).toBe('installed');

    utimesSync(at('kokoro/onnx/model.onnx'), new Date(), new Date(Date.now() + 5_000));
    expect((await manager.status('tiny-fp32')).problem).toMatch(/changed on disk/);
    // A same-size file with other bytes fails the re-check and is downloaded over.
    writeFileSync(at('kokoro/onnx/model.onnx'), Buffer.alloc(200_000, 1));
    await manager.download('tiny-fp32');
    expect(server.requestsFor(hfPath('onnx/model.onnx'))).toHaveLength(1);
    expect(readFileSync(at('kokoro/onnx/model.onnx')).equals(tiny.bytes['onnx/model.onnx']!)).toBe(true);
  });

  it('404 fails the job with a clear message and no retry', async () => {
    server.plan(hfPath('onnx/model.onnx'), { kind: 'status', status: 404 });
    const e = await rejection(manager.download('tiny-fp32'));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/Tiny \(fp32\) is not on the model host \(404/);
    expect(server.requestsFor(hfPath('onnx/model.onnx'))).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'not_found' } });
    expect(existsSync(at('kokoro'))).toBe(false); // no empty folders left behind
  });

  it('retries a 500 and then succeeds', async () => {
    server.plan(hfPath('onnx/model.onnx'), { kind: 'status', status: 500 });
    await manager.download('tiny-fp32');
    expect(server.requestsFor(hfPath('onnx/model.onnx')).map((r) => r.status)).toEqual([500, 200]);
    expect(events.map((e) => e.phase)).toContain('retrying');
  });

  it('disk full: the job fails with one clear sentence and nothing is recorded', async () => {
    await manager.dispose();
    manager = make({ openPart: (_p, mode) => openPartFile('/dev/full', mode) });
    const e = await rejection(manager.download('tiny-fp32'));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/the disk is full/);
    expect(fileRows()).toEqual([]);
    expect(await state('tiny-fp32')).toBe('missing');
  });

  it('refuses to start after dispose, and dispose stops running downloads', async () => {
    server.plan(hfPath('onnx/model.onnx'), { kind: 'stall', after: 1_000 });
    const job = manager.start('tiny-fp32');
    await manager.dispose();
    expect((await rejection(job.promise)).code).toBe('cancelled');
    expect(() => manager.start('tiny-fp32')).toThrow(/shutting down/);
  });

  it('a lock held by another live process refuses the download', async () => {
    mkdirSync(modelsDir(), { recursive: true });
    writeFileSync(join(modelsDir(), '.tiny-lex.lock'), String(process.ppid));
    const e = await rejection(manager.download('tiny-lex'));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/busy in another Koe Studio process/);
    // A lock left by a process that is gone is taken over.
    writeFileSync(join(modelsDir(), '.tiny-lex.lock'), '999999999');
    await manager.download('tiny-lex');
    expect(existsSync(join(modelsDir(), '.tiny-lex.lock'))).toBe(false);
  });
});

describe('import', () => {
  let outside: string;
  beforeEach(() => {
    outside = join(dir, 'outside');
    mkdirSync(outside);
  });

  it('identifies a file by its sha256 whatever its name, and records where it came from', async () => {
    const src = join(outside, 'kokoro-download (1).onnx');
    writeFileSync(src, tiny.bytes['onnx/model.onnx']!);
    expect(await manager.import(src)).toEqual([{ id: 'tiny-fp32', file: 'kokoro/onnx/model.onnx', verifiedBy: 'sha256', state: 'installed' }]);
    expect(readFileSync(at('kokoro/onnx/model.onnx')).equals(tiny.bytes['onnx/model.onnx']!)).toBe(true);
    expect(fileRows()).toEqual([expect.objectContaining({ asset_id: 'tiny-fp32', verified_by: 'sha256', source: src })]);
    expect(assetRows()).toHaveLength(1);
    expect(existsSync(src)).toBe(true); // copied, not moved
    expect(readdirSync(modelsDir()).filter((n) => n.startsWith('.import-'))).toEqual([]);
    expect(server.log).toEqual([]);
  });

  it('refuses a file the catalog does not know', async () => {
    const src = join(outside, 'notes.txt');
    writeFileSync(src, 'hello');
    const e = await rejection(manager.import(src));
    expect(e.code).toBe('invalid_args');
    expect(e.message).toMatch(/is not a file the catalog knows: no Kokoro model, voice pack or misaki lexicon has that size/);
    expect(fileRows()).toEqual([]);
    expect(existsSync(modelsDir()) ? readdirSync(modelsDir()) : []).toEqual([]);
  });

  it('refuses a file that is not what its name or --id claims, leaving the installed one alone', async () => {
    await manager.download('tiny-fp32');
    const before = fileRows();
    const fake = join(outside, 'model.onnx');
    writeFileSync(fake, Buffer.alloc(200_000, 7)); // the right size, the wrong bytes
    const e = await rejection(manager.import(fake));
    expect(e.message).toMatch(/model\.onnx is not Tiny \(fp32\): its sha256 is [0-9a-f]{64}, the published one is [0-9a-f]{64}\. Nothing was imported\./);
    const wrongSize = join(outside, 'other.bin');
    writeFileSync(wrongSize, Buffer.alloc(1234));
    expect((await rejection(manager.import(wrongSize, { id: 'tiny-fp32' }))).message).toMatch(/is not Tiny \(fp32\): it is 1,234 bytes, Tiny \(fp32\) is 200,000/);
    expect(fileRows()).toEqual(before);
    expect(readFileSync(at('kokoro/onnx/model.onnx')).equals(tiny.bytes['onnx/model.onnx']!)).toBe(true);
    expect(await state('tiny-fp32')).toBe('installed');
  });

  it('a file without a published checksum needs its name or --id, its size and a passing test load', async () => {
    const good = join(outside, 'model_uint8.onnx');
    writeFileSync(good, tiny.bytes['onnx/model_uint8.onnx']!);
    expect(await manager.import(good)).toEqual([{ id: 'tiny-uint8', file: 'kokoro/onnx/model_uint8.onnx', verifiedBy: 'size+check', state: 'installed' }]);

    const page = join(outside, 'whatever.onnx');
    writeFileSync(page, Buffer.concat([Buffer.from('<!doctype html>'), Buffer.alloc(90_000 - 15)]));
    const e = await rejection(manager.import(page, { id: 'tiny-uint8' }));
    expect(e.message).toMatch(/has the size of Tiny \(uint8\) but failed its test load \(it is not an ONNX model \(it looks like a web page/);
    expect(readFileSync(at('kokoro/onnx/model_uint8.onnx')).equals(tiny.bytes['onnx/model_uint8.onnx']!)).toBe(true);
  });

  it('imports a folder of voice packs (e.g. the kokoro-js voices folder)', async () => {
    for (const v of ['af_heart', 'af_sky', 'bm_lewis']) writeFileSync(join(outside, `${v}.bin`), tiny.bytes[`voices/${v}.bin`]!);
    writeFileSync(join(outside, 'README.md'), 'not a voice');
    const got = await manager.import(outside);
    expect(got.map((g) => [g.file, g.verifiedBy])).toEqual([
      ['kokoro/voices/af_heart.bin', 'sha256'],
      ['kokoro/voices/af_sky.bin', 'size+check'],
      ['kokoro/voices/bm_lewis.bin', 'size+check'],
    ]);
    expect(got.at(-1)!.state).toBe('installed');
    expect(assetRows().map((r) => r.id)).toEqual(['tiny-voices']);
  });

  it('an unnamed voice pack without a checksum cannot be placed and is refused', async () => {
    const src = join(outside, 'voice.bin');
    writeFileSync(src, tiny.bytes['voices/af_sky.bin']!);
    const e = await rejection(manager.import(src));
    expect(e.message).toMatch(/matches nothing\. Name it as the catalog does \(e\.g\. af_sky\.bin\)/);
  });

  it('disk full while copying: a clear error, nothing installed', async () => {
    await manager.dispose();
    manager = make({ openPart: (_p, mode) => openPartFile('/dev/full', mode) });
    const src = join(outside, 'model.onnx');
    writeFileSync(src, tiny.bytes['onnx/model.onnx']!);
    const e = await rejection(manager.import(src));
    expect(e.message).toMatch(/Cannot write ".*model\.onnx": the disk is full\. Nothing was imported\./);
    expect(fileRows()).toEqual([]);
    expect(await state('tiny-fp32')).toBe('missing');
  });

  it('reports a missing source plainly', async () => {
    const e = await rejection(manager.import(join(outside, 'nope.onnx')));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/There is no file at .*nope\.onnx/);
  });
});

describe('remove and disk use', () => {
  it('removes files, .part files and records, prunes empty folders, and reports freed bytes', async () => {
    await manager.download('tiny-voices');
    await manager.download('tiny-lex');
    mkdirSync(at('kokoro/onnx'), { recursive: true });
    writeFileSync(at('kokoro/onnx/model.onnx.part'), Buffer.alloc(1000));
    const use = await manager.diskUse();
    const lex = tiny.bytes['data/us_gold.json']!.length;
    expect(use).toEqual({
      modelsDir: modelsDir(),
      total: 3 * 522_240 + lex + 1000,
      byKind: { 'kokoro-model': 1000, 'kokoro-voices': 3 * 522_240, lexicon: lex },
      byAsset: { 'tiny-fp32': 1000, 'tiny-uint8': 0, 'tiny-voices': 3 * 522_240, 'tiny-lex': lex },
      partial: 1000,
    });
    expect(await state('tiny-fp32')).toBe('partial');

    expect(await manager.remove('tiny-voices')).toEqual({ removed: true, freedBytes: 3 * 522_240 });
    expect(existsSync(at('kokoro/voices'))).toBe(false);
    expect(fileRows().map((r) => r.asset_id)).toEqual(['tiny-lex']);
    expect(assetRows().map((r) => r.id)).toEqual(['tiny-lex']);
    expect(await state('tiny-voices')).toBe('missing');

    expect(await manager.remove('tiny-fp32')).toEqual({ removed: true, freedBytes: 1000 });
    expect(existsSync(at('kokoro'))).toBe(false);
    expect(existsSync(modelsDir())).toBe(true);
    expect(await manager.remove('tiny-fp32')).toEqual({ removed: false, freedBytes: 0 });
    expect((await manager.diskUse()).total).toBe(lex);
  });

  it('refuses to remove while downloading or in use', async () => {
    await manager.download('tiny-lex');
    const release = manager.acquire('tiny-lex');
    const e = await rejection(manager.remove('tiny-lex'));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/in use by the speech engine/);
    expect(await state('tiny-lex')).toBe('installed');
    release();
    release(); // idempotent
    expect((await manager.remove('tiny-lex')).removed).toBe(true);

    server.plan(hfPath('onnx/model.onnx'), { kind: 'stall', after: 1_000 });
    const job = manager.start('tiny-fp32');
    expect((await rejection(manager.remove('tiny-fp32'))).message).toMatch(/is downloading; cancel the download first/);
    await waitFor(() => events.some((e) => e.phase === 'downloading' && e.bytes >= 1_000));
    manager.cancel('tiny-fp32');
    await job.promise.catch(() => {});
    expect(await manager.remove('tiny-fp32')).toEqual({ removed: true, freedBytes: 1_000 });
    expect(existsSync(at('kokoro/onnx/model.onnx.part'))).toBe(false);
  });
});

describe('hosts', () => {
  it('stores a mirror, validates it, and lets the environment win', async () => {
    const plain = make({ env: {} });
    expect(plain.hosts().huggingface).toEqual({ url: 'https://huggingface.co/', from: 'default', env: 'KOE_MODEL_HOST' });
    expect(plain.setHosts({ huggingface: 'https://mirror.example/hf' }).huggingface).toMatchObject({ url: 'https://mirror.example/hf/', from: 'setting' });
    expect(() => plain.setHosts({ github: 'ftp://x' })).toThrow(/must start with https:\/\//);
    expect(() => plain.setHosts({ github: 'not a url' })).toThrow(/is not a URL/);
    expect(manager.hosts().huggingface.from).toBe('env');
    expect(plain.setHosts({ huggingface: null }).huggingface.from).toBe('default');
    await plain.dispose();
  });
});

describe('contract handlers', () => {
  const ctx: CallContext = { origin: 't', emit: () => {} };
  const handlers = () => createModelHandlers({ models: manager, refreshModelVoices: () => {}, face: { kind: 'cli' } }) as Handlers;

  it('starts a model with its companions and reports the outcome through events', async () => {
    const reply = await dispatch(handlers(), 'models.download', { id: 'tiny-fp32' }, ctx);
    expect(reply).toEqual({ ok: true, result: { started: ['tiny-fp32', 'tiny-voices', 'tiny-lex'], joined: [] } });
    await waitFor(() => ['tiny-fp32', 'tiny-voices', 'tiny-lex'].every((id) => events.some((e) => e.id === id && e.phase === 'done')));
    const list = await dispatch(handlers(), 'models.list', {}, ctx);
    expect(list.ok && (list.result as { assets: { id: string; state: string }[] }).assets.filter((a) => a.state === 'installed').map((a) => a.id)).toEqual(['tiny-fp32', 'tiny-voices', 'tiny-lex']);
  });

  it('validates arguments before anything runs', async () => {
    for (const [name, args] of [
      ['models.download', { id: '../etc' }],
      ['models.remove', {}],
      ['models.import', { path: 'relative/model.onnx' }],
      ['models.setHosts', { huggingface: 'gopher://x' }],
      ['models.list', { extra: 1 }],
    ] as const) {
      const reply = await dispatch(handlers(), name, args, ctx);
      expect(reply.ok, name).toBe(false);
      if (!reply.ok) expect(reply.error.code, name).toBe('invalid_args');
    }
  });
});
