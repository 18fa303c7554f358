import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from './db';
import type { CacheEntry } from './audio-cache-repo';

const entry = (key: string, samples: number, fill = 0.25): CacheEntry => ({
  key,
  engine: 'espeak',
  modelVersion: 'v1',
  voiceId: 'espeak:en-us',
  params: { speed: 1, pitch: 50 },
  sampleRate: 24_000,
  pcm: new Float32Array(samples).fill(fill),
});

describe('audio cache', () => {
  let lib: Library;
  beforeEach(() => {
    lib = openLibrary(':memory:');
  });
  afterEach(() => lib.close());

  it('round-trips float32 PCM exactly and counts hits', () => {
    const pcm = new Float32Array([0, 1, -1, 0.1, -0.123456789, 3.4e38, Number.MIN_VALUE]);
    lib.audioCache.putCached({ ...entry('a', 0), pcm });
    expect(lib.audioCache.getCached('missing')).toBeNull();
    const got = lib.audioCache.getCached('a')!;
    expect(got.sampleRate).toBe(24_000);
    expect(got.pcm).toEqual(pcm);
    lib.audioCache.getCached('a');
    expect(lib.audioCache.cacheStats()).toMatchObject({ entries: 1, bytes: pcm.byteLength, hits: 2 });
  });

  it('stores a view into a larger buffer without its neighbours', () => {
    const big = new Float32Array([9, 1, 2, 3, 9]);
    lib.audioCache.putCached({ ...entry('v', 0), pcm: big.subarray(1, 4) });
    expect(Array.from(lib.audioCache.getCached('v')!.pcm)).toEqual([1, 2, 3]);
  });

  it('replaces an entry under the same key', () => {
    lib.audioCache.putCached(entry('a', 10, 0.1));
    lib.audioCache.putCached(entry('a', 4, 0.2));
    expect(lib.audioCache.getCached('a')!.pcm).toEqual(new Float32Array(4).fill(0.2));
    expect(lib.audioCache.cacheStats()).toMatchObject({ entries: 1, bytes: 16 });
  });

  it('treats a damaged blob as a miss', () => {
    lib.audioCache.putCached(entry('a', 4));
    lib.db.prepare(`UPDATE audio_cache SET pcm = x'0102' WHERE key = 'a'`).run();
    expect(lib.audioCache.getCached('a')).toBeNull();
    expect(lib.audioCache.cacheStats().entries).toBe(0);
  });

  it('evicts least recently used first', () => {
    for (const k of ['a', 'b', 'c', 'd']) lib.audioCache.putCached(entry(k, 100)); // 400 bytes each
    lib.audioCache.getCached('a'); // a is now the most recent
    expect(lib.audioCache.evictToSize(800)).toEqual({ evicted: 2, freedBytes: 800 });
    const left = ['a', 'b', 'c', 'd'].filter((k) => lib.audioCache.getCached(k));
    expect(left).toEqual(['a', 'd']);
    expect(lib.audioCache.evictToSize(10_000)).toEqual({ evicted: 0, freedBytes: 0 });
    expect(lib.audioCache.evictToSize(0).evicted).toBe(2);
    expect(lib.audioCache.cacheStats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('keeps audio of a selected take', () => {
    lib.audioCache.putCached(entry('take', 100));
    lib.audioCache.putCached(entry('other', 100));
    const p = lib.projects.createProject('Takes', 'Ana: hello');
    const lineId = lib.db.prepare('SELECT id FROM lines WHERE project_id = ?').pluck().get(p.id);
    lib.db.prepare(`INSERT INTO takes (line_id, created_at, selected, audio_key, duration_ms) VALUES (?, 'x', 1, 'take', 4)`).run(lineId);
    lib.audioCache.evictToSize(0);
    expect(lib.audioCache.getCached('take')).not.toBeNull();
    expect(lib.audioCache.getCached('other')).toBeNull();
  });

  it('enforces its size cap on put', () => {
    const capped = openLibrary(':memory:', { cacheMaxBytes: 1000 });
    for (const k of ['a', 'b', 'c']) capped.audioCache.putCached(entry(k, 100));
    expect(capped.audioCache.cacheStats()).toMatchObject({ entries: 2, bytes: 800, maxBytes: 1000 });
    expect(capped.audioCache.getCached('a')).toBeNull();
    capped.close();
  });

  it('takes a new cap at once: a smaller one evicts now, and later puts respect it', () => {
    const lib2 = openLibrary(':memory:', { cacheMaxBytes: 10_000 });
    for (const k of ['a', 'b', 'c']) lib2.audioCache.putCached(entry(k, 100));
    lib2.audioCache.getCached('a'); // now the most recently used
    expect(lib2.audioCache.setMaxBytes(800)).toEqual({ evicted: 1, freedBytes: 400 });
    expect(lib2.audioCache.getCached('b')).toBeNull();
    expect(lib2.audioCache.cacheStats()).toMatchObject({ entries: 2, bytes: 800, maxBytes: 800 });
    lib2.audioCache.putCached(entry('d', 100));
    expect(lib2.audioCache.cacheStats()).toMatchObject({ entries: 2, bytes: 800 });
    lib2.close();
  });

  it('drops audio of other model versions', () => {
    lib.audioCache.putCached(entry('old', 4));
    lib.audioCache.putCached({ ...entry('new', 4), modelVersion: 'v2' });
    expect(lib.audioCache.deleteOtherModelVersions('espeak', 'v2')).toBe(1);
    expect(lib.audioCache.getCached('new')).not.toBeNull();
  });

  describe('across restarts', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'koe-cache-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps LRU order even if entries were stamped ahead of the clock', () => {
      const path = join(dir, 'lib.db');
      const first = openLibrary(path);
      first.audioCache.putCached(entry('a', 100));
      first.audioCache.putCached(entry('b', 100));
      first.db.prepare(`UPDATE audio_cache SET last_used_at = last_used_at + 3600000 WHERE key = 'b'`).run();
      first.close();
      const second = openLibrary(path);
      second.audioCache.getCached('a');
      second.audioCache.evictToSize(400);
      expect(second.audioCache.getCached('a')).not.toBeNull();
      expect(second.audioCache.getCached('b')).toBeNull();
      second.close();
    });
  });
});
