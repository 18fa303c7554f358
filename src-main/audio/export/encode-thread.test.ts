// Codec threads (encode-thread.ts): an export whose encoders run on threads of their own writes the
// same bytes as one that encodes on its own thread, in every format and at a delivery rate; bad
// options and a failing disk fail the export the same way, leaving nothing under the final names.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { join as joinPcm, voice } from '../../../test-support/audio/signals';
import { runExport, type ExportOptions } from './export-job';
import { EncodeThreadPool, ThreadedEncoder } from './encode-thread';
import type { ByteSink } from './encoder';
import type { ExportTimeline } from './timeline';

const RATE = 24000;
const sec = (s: number) => Math.round(s * RATE);
const shim = new URL('../../../test-support/ts-worker.mjs', import.meta.url);
const thread = { encodeWorker: shim, encodeWorkerData: { entry: new URL('../../core/encode-worker.ts', import.meta.url).href } };

/** Two speakers, eleven seconds: several 64k-sample blocks, so blocks queue up in the thread. */
function scene(): ExportTimeline {
  const talk = (s: number, seed: number) => joinPcm(new Float32Array(sec(0.2)), voice({ seconds: s, sampleRate: RATE, seed, leadSilence: 0, tailSilence: 0, level: 0.4 }));
  return {
    sampleRate: RATE,
    tracks: [{ id: 'anna', name: 'Anna' }, { id: 'ben', name: 'Ben', gainDb: 3 }],
    clips: [
      { id: 'l1', trackId: 'anna', startSample: 0, pcm: talk(4, 1), text: 'One.' },
      { id: 'l2', trackId: 'ben', startSample: sec(3.8), pcm: talk(3, 2), text: 'Two.' },
      { id: 'l3', trackId: 'anna', startSample: sec(7.5), pcm: talk(3.5, 3), text: 'Three.' },
    ],
  };
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'koe-encode-thread-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(sub: string, over: Partial<ExportOptions>): ExportOptions {
  return { outputPath: join(dir, sub, 'mix.out'), format: 'wav', loudnessTarget: null, stemsDir: join(dir, sub, 'stems'), subtitlesPath: null, range: null, metadata: { title: 'Threads' }, ...over };
}

async function files(sub: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(join(dir, sub), { withFileTypes: true, recursive: true })) if (e.isFile()) out.set(join(e.parentPath, e.name).slice(join(dir, sub).length + 1), await readFile(join(e.parentPath, e.name)));
  return out;
}

/** Ogg pages with their stream serial and checksum zeroed: every Opus file gets a random serial. */
function withoutOggSerials(file: Buffer): Buffer {
  const out = Buffer.from(file);
  let at = 0;
  while (at < out.length) {
    expect(out.toString('latin1', at, at + 4)).toBe('OggS');
    const segments = out[at + 26]!;
    let body = 0;
    for (let i = 0; i < segments; i++) body += out[at + 27 + i]!;
    out.fill(0, at + 14, at + 18);
    out.fill(0, at + 22, at + 26);
    at += 27 + segments + body;
  }
  return out;
}

/** An MP4 with the creation and modification times of its movie, tracks and media zeroed. */
function withoutMp4Times(file: Buffer): Buffer {
  const out = Buffer.from(file);
  let found = 0;
  for (const box of ['mvhd', 'tkhd', 'mdhd']) {
    for (let at = out.indexOf(box); at >= 0; at = out.indexOf(box, at + 4)) {
      expect(out[at + 4]).toBe(0); // version 0: 32-bit times
      out.fill(0, at + 8, at + 16);
      found++;
    }
  }
  expect(found).toBeGreaterThanOrEqual(3);
  return out;
}

describe('codec threads', { timeout: 120_000 }, () => {
  const cases: [string, Partial<ExportOptions>][] = [
    ['WAV at 44.1 kHz', { format: 'wav', sampleRate: 44100 }],
    ['MP3 at −16 LUFS', { format: 'mp3', loudnessTarget: -16, bitrateKbps: 64 }],
    ['FLAC 24-bit at 48 kHz', { format: 'flac', bitDepth: 24, sampleRate: 48000 }],
    ['Opus', { format: 'opus', bitrateKbps: 48 }],
    ['M4B with chapters at 44.1 kHz', { format: 'm4b', sampleRate: 44100, stemsDir: null, book: { chapters: [{ title: 'One', startSec: 0 }, { title: 'Two', startSec: 5 }] } }],
  ];
  for (const [name, over] of cases) {
    it(`${name}: the same bytes as encoding on this thread, mix and stems`, async () => {
      const t = scene();
      for (const sub of ['here', 'there']) await mkdir(join(dir, sub));
      const here = await runExport(t, options('here', over));
      const there = await runExport(t, options('there', { ...over, ...thread }));
      const a = await files('here');
      const b = await files('there');
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect(a.size).toBe(over.stemsDir === null ? 1 : 3);
      const comparable = over.format === 'opus' ? withoutOggSerials : over.format === 'm4b' ? withoutMp4Times : (x: Buffer) => x;
      for (const [k, bytes] of a) expect(comparable(b.get(k)!).equals(comparable(bytes)), k).toBe(true);
      expect(there.integratedLufs).toBe(here.integratedLufs);
      expect(there.truePeakDbtp).toBe(here.truePeakDbtp);
    });
  }

  it('bad options fail with the encoder’s own error, and no file is left', async () => {
    const err = await runExport(scene(), options('bad', { format: 'mp3', bitrateKbps: 7, ...thread })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).code).toBe('invalid_args');
    expect((err as KoeError).message).toMatch(/MP3/);
    expect(await readdir(join(dir, 'bad'), { recursive: true }).catch(() => [])).toEqual(expect.not.arrayContaining(['mix.out']));
  });

  it('a sink that fails (a full disk) fails the next write with its error', async () => {
    let writes = 0;
    const sink: ByteSink = {
      bytesWritten: 0,
      write: () => (++writes > 2 ? Promise.reject(new KoeError('io', 'No space left on the disk.')) : Promise.resolve()),
      writeAt: () => Promise.resolve(),
    };
    const enc = await ThreadedEncoder.open(shim, 'wav', sink, { sampleRate: RATE, channels: 1, metadata: {} }, RATE, { workerData: thread.encodeWorkerData });
    const block = [new Float32Array(65536).fill(0.1)];
    const err = await (async () => {
      for (let i = 0; i < 50; i++) await enc.write(block);
      await enc.finish();
    })().catch((e: unknown) => e);
    enc.dispose();
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).message).toBe('No space left on the disk.');
  });

  it('a block the codec refuses fails the next call with the codec’s error', async () => {
    const sink: ByteSink = { bytesWritten: 0, write: () => Promise.resolve(), writeAt: () => Promise.resolve() };
    const enc = await ThreadedEncoder.open(shim, 'wav', sink, { sampleRate: RATE, channels: 1, metadata: {} }, RATE, { workerData: thread.encodeWorkerData });
    // Two channels into a mono encoder.
    const err = await (async () => {
      for (let i = 0; i < 10; i++) await enc.write([new Float32Array(10), new Float32Array(10)]);
      await enc.finish();
    })().catch((e: unknown) => e);
    enc.dispose();
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/channel/);
  });

  it('a codec thread that cannot start fails the export instead of hanging it', async () => {
    const sink: ByteSink = { bytesWritten: 0, write: () => Promise.resolve(), writeAt: () => Promise.resolve() };
    const err = await ThreadedEncoder.open(shim, 'wav', sink, { sampleRate: RATE, channels: 1, metadata: {} }, RATE, { workerData: { entry: new URL('./no-such-entry.ts', import.meta.url).href } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).message).toMatch(/WAV encoder thread/);
  });
});

describe('threads started ahead (EncodeThreadPool)', () => {
  it('an encoder takes an idle thread and writes the same bytes; threads that cannot start fail the encoder instead of hanging it; after close none is handed out', async () => {
    const pool = new EncodeThreadPool(shim, thread.encodeWorkerData);
    pool.warm(2);
    const encode = async (from: EncodeThreadPool | null) => {
      const chunks: Uint8Array[] = [];
      const to: ByteSink = { bytesWritten: 0, write: (c) => (chunks.push(c.slice()), Promise.resolve()), writeAt: () => Promise.resolve() };
      const enc = await ThreadedEncoder.open(shim, 'wav', to, { sampleRate: RATE, channels: 1, metadata: {} }, RATE, { workerData: thread.encodeWorkerData, pool: from });
      await enc.write([new Float32Array(1000).fill(0.25)]);
      await enc.finish();
      return Buffer.concat(chunks);
    };
    const pooled = await encode(pool);
    expect(pooled.length).toBeGreaterThan(2000);
    expect(pooled.equals(await encode(null))).toBe(true);
    const sink: ByteSink = { bytesWritten: 0, write: () => Promise.resolve(), writeAt: () => Promise.resolve() };
    const left = pool.take();
    expect(left).not.toBeNull();
    expect(pool.take()).toBeNull(); // two were warmed: the encoder took one, this test the other
    await left!.terminate();

    const broken = new EncodeThreadPool(shim, { entry: new URL('./no-such-entry.ts', import.meta.url).href });
    broken.warm(1);
    const failed = await ThreadedEncoder.open(shim, 'wav', sink, { sampleRate: RATE, channels: 1, metadata: {} }, RATE, { workerData: { entry: new URL('./no-such-entry.ts', import.meta.url).href }, pool: broken }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KoeError);

    const spare = new EncodeThreadPool(shim, thread.encodeWorkerData);
    spare.warm(1);
    spare.close();
    expect(spare.take()).toBeNull();
  });
});

