import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { backoffDelay, parseRetryAfter } from './backoff';
import { downloadFile, parseContentRange, type DownloadRequest, type FileProgress } from './download';
import { openPartFile } from './part-file';
import { FixtureServer } from '../../test-support/models/host';

const SIZE = 300_000;
const data = randomBytes(SIZE);
const sha = createHash('sha256').update(data).digest('hex');

let server: FixtureServer;
let dir: string;
let delays: number[];

beforeAll(async () => {
  server = await FixtureServer.start();
  server.serve('m/model.onnx', data);
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-dl-'));
  delays = [];
  server.reset();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function request(extra: Partial<DownloadRequest> = {}): DownloadRequest {
  return {
    url: `${server.base}m/model.onnx`,
    dest: join(dir, 'kokoro', 'onnx', 'model.onnx'),
    bytes: SIZE,
    sha256: sha,
    label: 'the test model',
    retry: { attempts: 4, baseMs: 100, maxMs: 1_000, random: () => 0.5, sleep: async (ms) => void delays.push(ms) },
    ...extra,
  };
}

async function failure(p: Promise<unknown>): Promise<KoeError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(KoeError);
  return e as KoeError;
}

const dest = () => join(dir, 'kokoro', 'onnx', 'model.onnx');
const part = () => `${dest()}.part`;

describe('downloadFile', () => {
  it('downloads, verifies the sha256 and renames into place, reporting progress', async () => {
    const seen: FileProgress[] = [];
    const got = await downloadFile(request({ onProgress: (p) => seen.push(p) }));
    expect(got).toEqual({ path: dest(), bytes: SIZE, sha256: sha, verifiedBy: 'sha256' });
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(existsSync(part())).toBe(false);
    const bytes = seen.filter((p) => p.phase === 'downloading').map((p) => p.bytes);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(bytes.at(-1)).toBe(SIZE);
    expect(seen.every((p) => p.total === SIZE)).toBe(true);
    expect(seen.at(-1)!.phase).toBe('verifying');
    expect(server.log).toEqual([{ path: '/m/model.onnx', range: null, status: 200 }]);
  });

  it('resumes with Range after the connection is cut mid-file', async () => {
    server.plan('m/model.onnx', { kind: 'cut', after: 100_000 });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    const reqs = server.requestsFor('m/model.onnx');
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.status).toBe(206);
    // Whatever reached the disk before the cut is kept: the retry starts at or after byte 100,000 minus socket buffering.
    const from = Number(/bytes=(\d+)-/.exec(reqs[1]!.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(100_000);
    expect(delays).toHaveLength(1); // one back-off before the resume
  });

  it('resumes a .part left by an earlier run, re-hashing its bytes', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), data.subarray(0, 123_456));
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log).toEqual([{ path: '/m/model.onnx', range: 'bytes=123456-', status: 206 }]);
  });

  it('a resumed .part holding wrong bytes fails the checksum and is discarded', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), randomBytes(50_000));
    const e = await failure(downloadFile(request()));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/failed verification/);
    expect(existsSync(part())).toBe(false);
    expect(existsSync(dest())).toBe(false);
  });

  it('starts over when the server ignores Range and sends the whole file', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), data.subarray(0, 200_000));
    server.plan('m/model.onnx', { kind: 'ignore-range' });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log).toEqual([{ path: '/m/model.onnx', range: 'bytes=200000-', status: 200 }]);
  });

  it('starts over when a 206 begins at the wrong byte', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), data.subarray(0, 1_000));
    server.plan('m/model.onnx', { kind: 'wrong-start' });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log.map((r) => [r.range, r.status])).toEqual([['bytes=1000-', 206], [null, 200]]);
  });

  it('a .part as long as the file is verified without a request', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), data);
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log).toEqual([]);
  });

  it('handles 416 by starting over', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    writeFileSync(part(), data.subarray(0, 10));
    // The server's copy shrank below the .part: Range is not satisfiable, then the new file is fetched whole.
    const small = randomBytes(5);
    server.plan('m/model.onnx', { kind: 'body', data: small }, { kind: 'body', data: small });
    const e = await failure(downloadFile(request()));
    // 5 bytes is not what the catalog expects; this must be refused, not installed.
    expect(e.message).toMatch(/5 bytes, but 300,000 were expected/);
    expect(server.log.map((r) => r.status)).toEqual([416, 200]);
    expect(existsSync(dest())).toBe(false);
    expect(existsSync(part())).toBe(false);
  });

  it('rejects a wrong checksum: nothing installed, the previous good file untouched', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    const previous = Buffer.from('previous good model');
    writeFileSync(dest(), previous);
    const evil = Buffer.from(data);
    evil[SIZE - 1] = evil[SIZE - 1]! ^ 0xff;
    server.plan('m/model.onnx', { kind: 'body', data: evil });
    const e = await failure(downloadFile(request()));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/failed verification: its sha256 is [0-9a-f]{64}, expected [0-9a-f]{64}/);
    expect(readFileSync(dest()).equals(previous)).toBe(true);
    expect(existsSync(part())).toBe(false);
    expect(server.log).toHaveLength(1); // a checksum failure is not retried
  });

  it('refuses a file of another size before reading its body', async () => {
    server.plan('m/model.onnx', { kind: 'body', data: randomBytes(SIZE + 7) });
    const e = await failure(downloadFile(request()));
    expect(e.message).toMatch(/300,007 bytes, but 300,000 were expected: it is a different file/);
    expect(existsSync(part())).toBe(false);
    expect(delays).toEqual([]);
  });

  it('a truncated body (Content-Length larger than sent) is retried and resumed', async () => {
    server.plan('m/model.onnx', { kind: 'cut', after: 10_000 }, { kind: 'cut', after: 10_000 });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log.map((r) => r.status)).toEqual([200, 206, 206]);
  });

  it('a body that ends cleanly but short is resumed too', async () => {
    server.plan('m/model.onnx', { kind: 'short', after: 70_000 });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log.map((r) => [r.range, r.status])).toEqual([[null, 200], ['bytes=70000-', 206]]);
  });

  it('gives up after the attempt limit', async () => {
    server.plan('m/model.onnx', ...Array.from({ length: 10 }, () => ({ kind: 'status' as const, status: 503 })));
    const e = await failure(downloadFile(request()));
    expect(e.message).toMatch(/answered 503.*4 tries in a row/);
    expect(server.log).toHaveLength(4);
  });

  it('retries 500 with exponential back-off and jitter, then succeeds', async () => {
    server.plan('m/model.onnx', { kind: 'status', status: 500 }, { kind: 'status', status: 502 }, { kind: 'status', status: 500 });
    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    // base 100 ms doubling, half fixed + half random (random() = 0.5 → 3/4 of each step)
    expect(delays).toEqual([75, 150, 300]);
  });

  it('honours Retry-After when the host asks for a longer wait', async () => {
    server.plan('m/model.onnx', { kind: 'status', status: 429, retryAfter: '1' });
    await downloadFile(request({ retry: { attempts: 3, baseMs: 10, maxMs: 5_000, random: () => 0, sleep: async (ms) => void delays.push(ms) } }));
    expect(delays).toEqual([1_000]);
  });

  it('404 is a clear error and is not retried', async () => {
    const e = await failure(downloadFile(request({ url: `${server.base}m/missing.onnx` })));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/the test model is not on the model host \(404 Not Found for http:\/\/127\.0\.0\.1:\d+\/m\/missing\.onnx\)/);
    expect(server.log).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('403 is refused without retrying', async () => {
    server.plan('m/model.onnx', { kind: 'status', status: 403 });
    const e = await failure(downloadFile(request()));
    expect(e.message).toMatch(/refused the test model \(403/);
    expect(server.log).toHaveLength(1);
  });

  it('a refused connection is retried, then reported with the reason', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r)); // nothing listens there now
    const e = await failure(downloadFile(request({ url: `http://127.0.0.1:${port}/m/model.onnx` })));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/Could not download the test model: the connection was refused \(4 tries in a row\)/);
    expect(delays).toEqual([75, 150, 300]);
  });

  it('cancel keeps the .part, and the next run resumes from it', async () => {
    server.plan('m/model.onnx', { kind: 'stall', after: 150_000 });
    const controller = new AbortController();
    const p = downloadFile(request({
      signal: controller.signal,
      onProgress: (pr) => {
        if (pr.phase === 'downloading' && pr.bytes >= 150_000) controller.abort();
      },
    }));
    const e = await failure(p);
    expect(e.code).toBe('cancelled');
    expect(e.message).toMatch(/partial file is kept/);
    expect(statSync(part()).size).toBe(150_000);
    expect(existsSync(dest())).toBe(false);

    await downloadFile(request());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log.at(-1)).toEqual({ path: '/m/model.onnx', range: 'bytes=150000-', status: 206 });
  });

  it('a stalled connection is dropped after the idle timeout and resumed', async () => {
    server.plan('m/model.onnx', { kind: 'stall', after: 40_000 });
    await downloadFile(request({ idleTimeoutMs: 300 }));
    expect(readFileSync(dest()).equals(data)).toBe(true);
    expect(server.log.map((r) => [r.range, r.status])).toEqual([[null, 200], ['bytes=40000-', 206]]);
  });

  it('disk full: a clear io error, the previous good file stays', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'kokoro', 'onnx'), { recursive: true });
    const previous = Buffer.from('previous good model');
    writeFileSync(dest(), previous);
    const e = await failure(downloadFile(request({ openPart: (_path, mode) => openPartFile('/dev/full', mode) })));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/Cannot write ".*model\.onnx": the disk is full\. The download stopped; any previous file is unchanged/);
    expect(readFileSync(dest()).equals(previous)).toBe(true);
    expect(delays).toEqual([]); // not a network problem: no retry
  });

  it('without a checksum: exact size plus the verify hook decide', async () => {
    const checked: string[] = [];
    const got = await downloadFile(request({ sha256: null, verify: async (p) => void checked.push(p) }));
    expect(got.verifiedBy).toBe('size+check');
    expect(checked).toEqual([part()]); // the hook sees the complete candidate before it has the final name
    expect(readFileSync(dest()).equals(data)).toBe(true);

    rmSync(dest());
    const e = await failure(downloadFile(request({ sha256: null, verify: async () => { throw new Error('not an ONNX model'); } })));
    expect(e.message).toMatch(/failed its test load \(not an ONNX model\)\. It was discarded/);
    expect(existsSync(dest())).toBe(false);
    expect(existsSync(part())).toBe(false);
  });
});

describe('downloadFile, a file of unknown size (catalog bytes null)', () => {
  const checked: string[] = [];
  const unsized = (extra: Partial<DownloadRequest> = {}) => request({ bytes: null, approxBytes: 250_000, maxBytes: 1_000_000, sha256: null, verify: async (p) => void checked.push(p), ...extra });
  beforeEach(() => {
    checked.length = 0;
  });

  it('takes the size from Content-Length, reports progress against it, and still needs the test load', async () => {
    const seen: FileProgress[] = [];
    const got = await downloadFile(unsized({ onProgress: (p) => seen.push(p) }));
    expect(got).toEqual({ path: dest(), bytes: SIZE, sha256: sha, verifiedBy: 'size+check' });
    expect(checked).toEqual([part()]);
    expect(readFileSync(dest()).equals(data)).toBe(true);
    // The estimate stands in only until the host has said how big the file is.
    expect(seen[0]!.total).toBe(250_000);
    expect(seen.filter((p) => p.phase === 'downloading').every((p) => p.total === SIZE)).toBe(true);
  });

  it('a connection cut before Content-Length bytes is resumed with Range, never installed short', async () => {
    server.plan('m/model.onnx', { kind: 'cut', after: 100_000 });
    await downloadFile(unsized());
    expect(readFileSync(dest()).equals(data)).toBe(true);
    const reqs = server.requestsFor('m/model.onnx');
    expect(reqs).toHaveLength(2);
    // What reached the disk before the cut is resumed from (a loaded machine may drop it all: then 200 again).
    expect(reqs[1]!.status).toBe(reqs[1]!.range ? 206 : 200);
    expect(checked).toHaveLength(1); // the test load saw only the whole file
  });

  it('a download cut every time is refused: no file installed, the .part kept for a resume, no test load', async () => {
    // A stall rather than a cut, so exactly the bytes sent before it are on disk.
    server.plan('m/model.onnx', { kind: 'stall', after: 50_000 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const e = await failure(downloadFile(unsized({ idleTimeoutMs: 150 })));
    expect(e.message).toMatch(/Could not download the test model: the host answered 503/);
    expect(existsSync(dest())).toBe(false);
    expect(statSync(part()).size).toBe(50_000);
    expect(checked).toEqual([]);
    // The next run resumes from the .part and learns the size from the 206's Content-Range.
    await downloadFile(unsized());
    expect(server.log.at(-1)).toMatchObject({ range: 'bytes=50000-', status: 206 });
    expect(readFileSync(dest()).equals(data)).toBe(true);
  });

  it('resumes a .part left by an earlier run (206 Content-Range total)', async () => {
    mkdirSync(dirname(part()), { recursive: true });
    writeFileSync(part(), data.subarray(0, 120_000));
    await downloadFile(unsized());
    expect(server.log).toEqual([{ path: '/m/model.onnx', range: 'bytes=120000-', status: 206 }]);
    expect(readFileSync(dest()).equals(data)).toBe(true);
  });

  it('a whole .part from a run that stopped before verifying is confirmed by the 416 total, not fetched again', async () => {
    mkdirSync(dirname(part()), { recursive: true });
    writeFileSync(part(), data);
    await downloadFile(unsized());
    expect(server.log).toEqual([{ path: '/m/model.onnx', range: `bytes=${SIZE}-`, status: 416 }]);
    expect(checked).toEqual([part()]);
    expect(readFileSync(dest()).equals(data)).toBe(true);
  });

  it('a response that states no size is refused: a cut could not be told from the end', async () => {
    server.plan('m/model.onnx', { kind: 'short', after: SIZE });
    const e = await failure(downloadFile(unsized()));
    expect(e.message).toMatch(/did not say how large the test model is \(no Content-Length or Content-Range\)/);
    expect(existsSync(dest())).toBe(false);
    expect(checked).toEqual([]);
  });

  it('a host announcing far more than the estimate allows is refused before the body is read', async () => {
    const e = await failure(downloadFile(unsized({ maxBytes: 200_000 })));
    expect(e.message).toMatch(/is 300,000 bytes, far more than the 200,000 at most expected/);
    expect(existsSync(dest())).toBe(false);
    expect(existsSync(part())).toBe(false);
  });

  it('starts over when the host\'s file changes size between two requests', async () => {
    const other = randomBytes(SIZE + 10);
    server.plan('m/model.onnx', { kind: 'stall', after: 100_000 }, { kind: 'body', data: other });
    await downloadFile(unsized({ idleTimeoutMs: 150 }));
    expect(server.requestsFor('m/model.onnx').map((r) => [r.status, r.range === null])).toEqual([
      [200, true],
      [206, false],
      [200, true],
    ]);
    expect(readFileSync(dest()).equals(data)).toBe(true);
  });

  it('a garbage file fails the test load with the reason, and nothing is left', async () => {
    const e = await failure(downloadFile(unsized({ verify: async () => { throw new Error('it is not an ONNX model (it looks like a web page or a Git LFS pointer)'); } })));
    expect(e.message).toMatch(/the test model downloaded completely but failed its test load \(it is not an ONNX model \(it looks like a web page/);
    expect(existsSync(dest())).toBe(false);
    expect(existsSync(part())).toBe(false);
  });

  it('a checksum still decides when there is one', async () => {
    const e = await failure(downloadFile(unsized({ sha256: '0'.repeat(64), verify: undefined })));
    expect(e.message).toMatch(/failed verification: its sha256 is/);
    await expect(downloadFile(unsized({ verify: undefined }))).rejects.toThrow(/needs a checksum or a test load/);
  });
});

describe('download helpers', () => {
  it('back-off grows exponentially, is capped, and is jittered', () => {
    const p = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay({ ...p, random: () => 0 }, n))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay({ ...p, random: () => 1 }, n))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay({ ...p, random: () => 0 }, 1, 60_000)).toBe(8000); // Retry-After capped too
  });

  it('parses Retry-After and Content-Range', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseContentRange('bytes 10-99/100')).toEqual({ start: 10, end: 99, total: 100 });
    expect(parseContentRange('bytes 10-99/*')).toEqual({ start: 10, end: 99, total: null });
    expect(parseContentRange('bytes */100')).toBeNull();
  });
});
