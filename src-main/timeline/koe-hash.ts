// SHA-256 of a .koe file's content and of each of its audio blocks, in a worker thread. Hashing a
// 1 GB project is seconds of CPU; done on the main thread, even in slices with a turn between them,
// every slice held the server's other clients (and the studio's playback requests) for tens of
// milliseconds. The bytes go to the worker through a SharedArrayBuffer filled in slices, so neither
// side blocks on one large copy, and the caller's buffer is left as it was (transferring it would
// detach it under the caller). The worker is plain JavaScript passed as source: no bundle entry.
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';

const HASHER = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const bytes = new Uint8Array(workerData.shared);
const hashes = workerData.ranges.map(([from, to]) => createHash('sha256').update(bytes.subarray(from, to)).digest('hex'));
parentPort.postMessage({ hashes, threadId });
`;

const SLICE = 8 * 1024 * 1024;

export interface RangeHashes {
  /** Hex SHA-256 of each range, in order. */
  hashes: string[];
  /** The thread that hashed (never the main thread's 0). */
  threadId: number;
}

/** Hex SHA-256 of each `[from, to)` byte range of `bytes`, computed off the main thread. */
export async function sha256Ranges(bytes: Uint8Array, ranges: readonly (readonly [number, number])[], signal?: AbortSignal): Promise<RangeHashes> {
  const shared = new SharedArrayBuffer(bytes.byteLength);
  const view = new Uint8Array(shared);
  for (let at = 0; at < bytes.byteLength; at += SLICE) {
    view.set(bytes.subarray(at, Math.min(bytes.byteLength, at + SLICE)), at);
    if (at + SLICE < bytes.byteLength) await nextTurn();
  }
  signal?.throwIfAborted();
  const worker = new Worker(HASHER, { eval: true, workerData: { shared, ranges }, name: 'koe-project-hash' });
  try {
    return await new Promise<RangeHashes>((resolve, reject) => {
      const stop = () => reject(signal?.reason ?? new Error('aborted'));
      signal?.addEventListener('abort', stop, { once: true });
      worker.once('message', (m: RangeHashes) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The project hashing thread stopped (exit code ${code}).`)));
    });
  } finally {
    await worker.terminate();
  }
}
