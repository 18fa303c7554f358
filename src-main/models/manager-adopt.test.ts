// Files placed in the models folder by hand (a copied model, a fixture folder): `adoptFound`
// verifies them where they lie and records the good ones, `verifiedPath` answers only for those,
// a folder's fixtures.json may vouch for stand-ins by sha256, and a file that fails is reported
// with the reason and never answered for.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../library/db';
import { fakeOnnx, sha256, tinyCatalog, tinyUnsized, type TinyCatalog } from '../../test-support/models/fixtures';
import { ModelManager, STAND_IN_LIST } from './manager';

let dir: string;
let lib: Library;
let tiny: TinyCatalog;
let unsized: TinyCatalog;

const modelsDir = () => join(dir, 'models');
const at = (rel: string) => join(modelsDir(), ...rel.split('/'));
const place = (rel: string, bytes: Buffer) => {
  mkdirSync(dirname(at(rel)), { recursive: true });
  writeFileSync(at(rel), bytes);
};
// No host at all: adoption must never touch the network.
const make = () => new ModelManager({ db: lib.db, modelsDir: modelsDir(), catalog: [...tiny.catalog, ...unsized.catalog], env: { KOE_MODEL_HOST: 'http://127.0.0.1:9/' } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-adopt-'));
  lib = openLibrary(join(dir, 'library.db'));
  tiny = tinyCatalog();
  unsized = tinyUnsized();
});
afterEach(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('files found on disk', () => {
  it('are not answered for until verified; then by checksum, or by size and test load', async () => {
    place('kokoro/onnx/model.onnx', tiny.bytes['onnx/model.onnx']!);
    place('kokoro/onnx/model_uint8.onnx', tiny.bytes['onnx/model_uint8.onnx']!);
    for (const v of ['af_heart', 'af_sky']) place(`kokoro/voices/${v}.bin`, tiny.bytes[`voices/${v}.bin`]!);
    for (const f of ['manifest.json', 'model.onnx', 'assets.json']) place(`pocket/en/${f}`, unsized.bytes[`pocket/${f}`]!);
    const m = make();
    expect(m.verifiedPath('kokoro/onnx/model.onnx')).toBeNull();
    expect(m.verifiedPath('pocket/en/model.onnx')).toBeNull();

    const report = await m.adoptFound();
    expect(report.refused).toEqual([]);
    expect(report.adopted.sort()).toEqual(['kokoro/onnx/model.onnx', 'kokoro/onnx/model_uint8.onnx', 'kokoro/voices/af_heart.bin', 'kokoro/voices/af_sky.bin', 'pocket/en/assets.json', 'pocket/en/manifest.json', 'pocket/en/model.onnx']);
    expect(m.verifiedPath('kokoro/onnx/model.onnx')).toBe(at('kokoro/onnx/model.onnx'));
    expect(m.verifiedPath('kokoro/voices/af_sky.bin')).toBe(at('kokoro/voices/af_sky.bin'));
    expect(m.verifiedPath('kokoro/voices/bm_lewis.bin')).toBeNull();
    expect(m.verifiedPath('pocket/en/model.onnx')).toBe(at('pocket/en/model.onnx'));
    expect(m.verifiedPath('not/in/the/catalog.onnx')).toBeNull();
    const rows = lib.db.prepare('SELECT path, verified_by, source FROM model_files ORDER BY path').all() as { path: string; verified_by: string; source: string }[];
    expect(rows.find((r) => r.path === at('kokoro/onnx/model.onnx'))).toMatchObject({ verified_by: 'sha256', source: 'found on disk' });
    expect(rows.find((r) => r.path === at('kokoro/onnx/model_uint8.onnx'))).toMatchObject({ verified_by: 'size+check' });
    expect((await m.status('tiny-pocket')).state).toBe('installed');

    // Verified once: a second start has nothing to do. A file touched since is checked again.
    expect(await m.adoptFound()).toEqual({ adopted: [], refused: [] });
    utimesSync(at('kokoro/onnx/model.onnx'), new Date(), new Date(Date.now() + 5_000));
    expect(m.verifiedPath('kokoro/onnx/model.onnx')).toBeNull();
    expect((await m.adoptFound()).adopted).toEqual(['kokoro/onnx/model.onnx']);
    await m.dispose();
  });

  it('a file that fails is reported with the reason and never answered for', async () => {
    place('kokoro/onnx/model.onnx', Buffer.alloc(tiny.bytes['onnx/model.onnx']!.length, 7)); // right size, wrong bytes
    place('kokoro/onnx/model_uint8.onnx', Buffer.alloc(tiny.bytes['onnx/model_uint8.onnx']!.length, 0x3c)); // '<<<…': a web page
    place('kokoro/voices/af_sky.bin', Buffer.alloc(522_240)); // zeros
    place('pocket/en/model.onnx', tiny.bytes['onnx/model.onnx']!.subarray(0, 10)); // a truncated graph
    const m = make();
    // A 10-byte "model.onnx" would pass the built-in header check; in the app the engine's real
    // test load (registered by core.ts) is what stops it, as this one does.
    m.setVerifier('pocket-tts', async () => {
      throw new Error('protobuf parsing failed');
    });
    const report = await m.adoptFound();
    expect(report.adopted).toEqual([]);
    const why = Object.fromEntries(report.refused.map((r) => [r.path.slice(modelsDir().length + 1), r.reason]));
    expect(why['kokoro/onnx/model.onnx']).toMatch(/does not match the catalog's sha256 .*; it is not used$/);
    expect(why['kokoro/onnx/model_uint8.onnx']).toMatch(/failed its test load \(it is not an ONNX model.*\); it is not used$/);
    expect(why['kokoro/voices/af_sky.bin']).toMatch(/failed its test load \(it is almost all zeros/);
    expect(why['pocket/en/model.onnx']).toMatch(/failed its test load \(protobuf parsing failed\); it is not used$/);
    expect(Object.keys(why)).toHaveLength(4);
    for (const rel of ['kokoro/onnx/model.onnx', 'kokoro/onnx/model_uint8.onnx', 'kokoro/voices/af_sky.bin', 'pocket/en/model.onnx']) expect(m.verifiedPath(rel), rel).toBeNull();
    expect(await m.status('tiny-uint8')).toMatchObject({ state: 'corrupt', problem: expect.stringMatching(/failed its test load \(it is not an ONNX model/) });
    expect(lib.db.prepare('SELECT COUNT(*) AS n FROM model_files').get()).toEqual({ n: 0 });
    // Replacing it with the right file clears the report.
    place('kokoro/onnx/model_uint8.onnx', tiny.bytes['onnx/model_uint8.onnx']!);
    expect((await m.adoptFound()).adopted).toEqual(['kokoro/onnx/model_uint8.onnx']);
    expect(await m.status('tiny-uint8')).toMatchObject({ state: 'installed', problem: null });
    await m.dispose();
  });

  it('a file of another size than the catalog pins is corrupt, not adopted', async () => {
    place('kokoro/onnx/model.onnx', fakeOnnx(1_620));
    const m = make();
    expect(await m.adoptFound()).toEqual({ adopted: [], refused: [] });
    const st = await m.status('tiny-fp32');
    expect(st.state).toBe('corrupt');
    expect(st.problem).toMatch(/is 1,620 bytes; 200,000 expected/);
    expect(m.verifiedPath('kokoro/onnx/model.onnx')).toBeNull();
    await m.dispose();
  });

  it("a folder's fixtures.json vouches for stand-ins by sha256, and only for the bytes it lists", async () => {
    const standIn = fakeOnnx(1_620);
    const other = fakeOnnx(1_620);
    place('kokoro/onnx/model.onnx', standIn);
    place('kokoro/onnx/model_uint8.onnx', other);
    writeFileSync(
      join(modelsDir(), STAND_IN_LIST),
      JSON.stringify({ version: 1, files: { 'kokoro/onnx/model.onnx': { bytes: standIn.length, sha256: sha256(standIn) }, 'kokoro/onnx/model_uint8.onnx': { bytes: other.length, sha256: sha256(standIn) } } }),
    );
    const m = make();
    const report = await m.adoptFound();
    expect(report.adopted).toEqual(['kokoro/onnx/model.onnx']);
    expect(report.refused.map((r) => r.path)).toEqual([at('kokoro/onnx/model_uint8.onnx')]);
    expect(m.verifiedPath('kokoro/onnx/model.onnx')).toBe(at('kokoro/onnx/model.onnx'));
    expect(m.verifiedPath('kokoro/onnx/model_uint8.onnx')).toBeNull();
    expect((await m.status('tiny-fp32')).state).toBe('installed');
    const row = lib.db.prepare('SELECT verified_by, source FROM model_files').get() as { verified_by: string; source: string };
    expect(row).toEqual({ verified_by: 'sha256', source: `stand-in listed in ${join(modelsDir(), STAND_IN_LIST)}` });
    await m.dispose();
  });
});
