// The model manager with a set whose sizes are not published (Pocket TTS's case): the sizes come
// from the host, progress moves from the estimate to the real total, a cut file is never trusted,
// a resume works, and a garbage file fails its test load with the reason.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelProgress } from '../contract/calls-models';
import { KoeError } from '../contract/errors';
import { openLibrary, type Library } from '../library/db';
import { serveTiny, tinyCatalog, tinyUnsized, type TinyCatalog } from '../../test-support/models/fixtures';
import { ModelManager } from './manager';
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
const realTotal = () => Object.values(tiny.bytes).reduce((n, b) => n + b.length, 0);

function make(): ModelManager {
  const m = new ModelManager({
    db: lib.db,
    modelsDir: modelsDir(),
    // The Kokoro entries only so the recommendation has a model to name.
    catalog: [...tinyCatalog().catalog, ...tiny.catalog],
    env: { KOE_MODEL_HOST: `${server.base}hf/`, KOE_GITHUB_RAW_HOST: `${server.base}gh` },
    retry: { attempts: 2, baseMs: 1, maxMs: 4, sleep: async () => {} },
    progressIntervalMs: 0,
    idleTimeoutMs: 200,
  });
  m.onProgress((p) => events.push(p));
  return m;
}

async function rejection(p: Promise<unknown>): Promise<KoeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(KoeError);
  return e as KoeError;
}

const fileRows = () => lib.db.prepare("SELECT path, bytes, verified_by FROM model_files WHERE asset_id = 'tiny-pocket' ORDER BY path").all() as { path: string; bytes: number; verified_by: string }[];

beforeAll(async () => {
  server = await FixtureServer.start();
  tiny = tinyUnsized();
  serveTiny(server, tiny);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-unsized-'));
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

describe('a set of unknown size', () => {
  it('downloads: exact sizes from the host, recorded after the test load, progress ending at the real total', async () => {
    const before = await manager.status('tiny-pocket');
    expect(before).toMatchObject({ state: 'missing', bytes: 123_000, bytesEstimated: true, checksums: 'none' });
    const seen: string[] = [];
    manager.setVerifier('pocket-tts', async (p, target) => void seen.push(`${target?.file.path} ${p.endsWith('.part')}`));
    const done = await manager.download('tiny-pocket');
    expect(done.state).toBe('installed');
    expect(seen).toEqual(['pocket/en/manifest.json true', 'pocket/en/model.onnx true', 'pocket/en/assets.json true']);
    expect(fileRows().map((r) => [r.path.slice(modelsDir().length + 1), r.bytes, r.verified_by])).toEqual([
      ['pocket/en/assets.json', tiny.bytes['pocket/assets.json']!.length, 'size+check'],
      ['pocket/en/manifest.json', tiny.bytes['pocket/manifest.json']!.length, 'size+check'],
      ['pocket/en/model.onnx', 150_000, 'size+check'],
    ]);
    expect(events[0]).toMatchObject({ phase: 'queued', total: 123_000 });
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytes: realTotal(), total: realTotal() });
    expect(manager.verifiedPath('pocket/en/model.onnx')).toBe(at('pocket/en/model.onnx'));
    await expect(manager.pathOf('tiny-pocket', 'model.onnx')).resolves.toBe(at('pocket/en/model.onnx'));
  });

  it('a file cut short of its Content-Length is never trusted; the next download resumes it with Range', async () => {
    // Stalls rather than cuts, so exactly 40,000 bytes are on disk when the tries run out.
    server.plan(hfPath('pocket/model.onnx'), { kind: 'stall', after: 40_000 }, { kind: 'status', status: 503 });
    const e = await rejection(manager.download('tiny-pocket'));
    expect(e.message).toMatch(/Could not download model\.onnx \(Tiny Pocket\): the host answered 503/);
    expect(existsSync(at('pocket/en/model.onnx'))).toBe(false);
    expect(statSync(at('pocket/en/model.onnx.part')).size).toBe(40_000);
    expect(manager.verifiedPath('pocket/en/model.onnx')).toBeNull();
    expect((await manager.status('tiny-pocket')).state).toBe('partial');

    server.reset();
    await manager.download('tiny-pocket');
    expect(server.requestsFor(hfPath('pocket/model.onnx'))).toEqual([{ path: `/${hfPath('pocket/model.onnx')}`, range: 'bytes=40000-', status: 206 }]);
    expect(server.requestsFor(hfPath('pocket/manifest.json'))).toEqual([]); // already installed, not fetched again
    expect(readFileSync(at('pocket/en/model.onnx')).equals(tiny.bytes['pocket/model.onnx']!)).toBe(true);
    expect((await manager.status('tiny-pocket')).state).toBe('installed');
  });

  it('a garbage file (a web page for assets.json) fails the built-in JSON shape check with a clear message', async () => {
    server.plan(hfPath('pocket/assets.json'), { kind: 'body', data: Buffer.from('<!doctype html><title>Rate limited</title>') });
    const e = await rejection(manager.download('tiny-pocket'));
    expect(e.message).toBe('assets.json (Tiny Pocket) downloaded completely but failed its test load (it is not valid JSON (the download may be incomplete)). It was discarded and nothing was installed.');
    expect(existsSync(at('pocket/en/assets.json'))).toBe(false);
    expect(existsSync(at('pocket/en/assets.json.part'))).toBe(false);
    expect(manager.verifiedPath('pocket/en/assets.json')).toBeNull();
    // The files that passed stay installed; the set as a whole is not.
    expect(manager.verifiedPath('pocket/en/model.onnx')).toBe(at('pocket/en/model.onnx'));
    expect((await manager.status('tiny-pocket')).state).toBe('partial');
  });

  it('a JSON file of the wrong shape, or a graph that is not ONNX, fails the built-in checks', async () => {
    server.plan(hfPath('pocket/manifest.json'), { kind: 'body', data: Buffer.from('{"hello":"world"}') });
    expect((await rejection(manager.download('tiny-pocket'))).message).toMatch(/manifest\.json \(Tiny Pocket\) .*failed its test load \(it is not a Pocket TTS manifest/);
    server.plan(hfPath('pocket/model.onnx'), { kind: 'body', data: Buffer.from('version https://git-lfs.github.com/spec/v1\n') });
    expect((await rejection(manager.download('tiny-pocket'))).message).toMatch(/model\.onnx \(Tiny Pocket\) .*failed its test load \(it is not an ONNX model \(it looks like a web page or a Git LFS pointer\)\)/);
  });

  it('a recorded file of unknown size is held to the size it was verified at', async () => {
    await manager.download('tiny-pocket');
    const { truncateSync } = await import('node:fs');
    truncateSync(at('pocket/en/model.onnx'), 1_000);
    const st = await manager.status('tiny-pocket');
    expect(st.state).toBe('corrupt');
    expect(st.problem).toMatch(/model\.onnx is 1,000 bytes; 150,000 expected/);
    expect(manager.verifiedPath('pocket/en/model.onnx')).toBeNull();
  });

  it('import: a file of unknown size is placed by its name and must pass the test load', async () => {
    const src = join(dir, 'in');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(src);
    writeFileSync(join(src, 'model.onnx'), tiny.bytes['pocket/model.onnx']!);
    writeFileSync(join(src, 'assets.json'), 'not json');
    const [got] = await manager.import(join(src, 'model.onnx'), { id: 'tiny-pocket' });
    expect(got).toMatchObject({ id: 'tiny-pocket', file: 'pocket/en/model.onnx', verifiedBy: 'size+check' });
    const e = await rejection(manager.import(join(src, 'assets.json'), { id: 'tiny-pocket' }));
    expect(e.message).toMatch(/failed its test load \(it is not valid JSON/);
    expect(existsSync(at('pocket/en/assets.json'))).toBe(false);
  });
});
