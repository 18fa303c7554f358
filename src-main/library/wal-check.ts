// Reads the library's write-ahead log before SQLite does. SQLite's own recovery keeps the frames up
// to the last commit whose checksum chain is intact and silently ignores the rest; a WAL with a bad
// header is ignored whole. Saves the user was told had succeeded can vanish that way with no trace,
// since the next write overwrites the log. This module recomputes what SQLite will keep (the layout
// and checksums of SQLite's WAL file format: 32-byte header, 24-byte frame headers, big-endian
// fields, a cumulative Fletcher-like checksum whose word order the magic's low bit gives) so that
// the loss can be told and the damaged log kept aside before anything overwrites it.
//
// What counts as damage, and what does not: frames after the last commit that carry an older
// generation's salts are the normal leftovers of a reused log, and frames of a transaction that never
// committed are the normal remains of a killed process; neither is reported. A frame with the current
// salts that fails its checksum, current frames beyond a break in the chain, a partial frame, or a
// header that fails its own checks with data after it, are.
export const WAL_HEADER_BYTES = 32;
export const WAL_FRAME_HEADER_BYTES = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_FORMAT = 3007000;

export interface WalInspection {
  state: 'empty' | 'healthy' | 'damaged';
  /** Frames SQLite will apply: up to and including the last valid commit frame. */
  framesKept: number;
  /** Frames (whole or partial) after those, which SQLite will ignore. */
  framesDropped: number;
  /** Commits among the kept frames. */
  commitsKept: number;
  /** For a damaged log: what was wrong, in words. */
  reason: string | null;
}

type Sum = [number, number];

/** SQLite's WAL checksum over `bytes` (a multiple of 8), continuing from `seed`. */
export function walChecksum(bytes: Uint8Array, bigEndian: boolean, seed: Sum = [0, 0]): Sum {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

const validPageSize = (n: number): boolean => n >= 512 && n <= 65536 && (n & (n - 1)) === 0;

/**
 * `fallbackPageSize` (the database's own, from its header) sizes the frames of a log whose header is
 * unreadable, so the report can still say how many frames were lost.
 */
export function inspectWal(wal: Uint8Array, fallbackPageSize: number): WalInspection {
  if (wal.byteLength === 0) return { state: 'empty', framesKept: 0, framesDropped: 0, commitsKept: 0, reason: null };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const frameCount = (pageSize: number) => (validPageSize(pageSize) ? Math.ceil(Math.max(0, wal.byteLength - WAL_HEADER_BYTES) / (pageSize + WAL_FRAME_HEADER_BYTES)) : 0);
  const badHeader = (reason: string): WalInspection => {
    const lost = frameCount(fallbackPageSize);
    // A log cut short inside its header after a crash holds no frames: nothing was lost.
    if (wal.byteLength < WAL_HEADER_BYTES + WAL_FRAME_HEADER_BYTES && wal.every((b) => b === 0)) return { state: 'empty', framesKept: 0, framesDropped: 0, commitsKept: 0, reason: null };
    return { state: 'damaged', framesKept: 0, framesDropped: Math.max(lost, 1), commitsKept: 0, reason };
  };
  if (wal.byteLength < WAL_HEADER_BYTES) return badHeader(`the log is ${wal.byteLength} bytes, shorter than its 32-byte header`);
  const magic = view.getUint32(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return badHeader('its header does not start with the write-ahead log signature');
  const bigEndian = magic === MAGIC_BE;
  if (view.getUint32(4) !== WAL_FORMAT) return badHeader(`its header names format ${view.getUint32(4)}, not ${WAL_FORMAT}`);
  const pageSize = view.getUint32(8);
  if (!validPageSize(pageSize)) return badHeader(`its header names an impossible page size (${pageSize})`);
  const headerSum = walChecksum(wal.subarray(0, 24), bigEndian);
  if (headerSum[0] !== view.getUint32(24) || headerSum[1] !== view.getUint32(28)) return badHeader('its header fails its checksum');

  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  const frameBytes = pageSize + WAL_FRAME_HEADER_BYTES;
  const total = frameCount(pageSize);
  let sum = headerSum;
  let kept = 0;
  let commitsKept = 0;
  let chainEnd = 0;
  let reason: string | null = null;
  for (let i = 0; i < total; i++) {
    const at = WAL_HEADER_BYTES + i * frameBytes;
    const whole = at + frameBytes <= wal.byteLength;
    const current = at + 16 <= wal.byteLength && view.getUint32(at + 8) === salt1 && view.getUint32(at + 12) === salt2;
    if (!current) break;
    if (!whole) {
      reason = `frame ${i + 1} is cut short (the log ends inside it)`;
      break;
    }
    const next = walChecksum(wal.subarray(at, at + 8), bigEndian, sum);
    const full = walChecksum(wal.subarray(at + WAL_FRAME_HEADER_BYTES, at + frameBytes), bigEndian, next);
    if (full[0] !== view.getUint32(at + 16) || full[1] !== view.getUint32(at + 20)) {
      reason = `frame ${i + 1} fails its checksum`;
      break;
    }
    sum = full;
    chainEnd = i + 1;
    if (view.getUint32(at + 4) !== 0) {
      kept = i + 1;
      commitsKept++;
    }
  }
  // A break at an old generation's frame is normal, unless current frames follow it.
  if (reason === null) {
    for (let i = chainEnd + 1; i < total; i++) {
      const at = WAL_HEADER_BYTES + i * frameBytes;
      if (at + 16 <= wal.byteLength && view.getUint32(at + 8) === salt1 && view.getUint32(at + 12) === salt2) {
        reason = `frame ${chainEnd + 1} breaks the chain and frames of the same generation follow it`;
        break;
      }
    }
  }
  if (reason === null) return { state: 'healthy', framesKept: kept, framesDropped: 0, commitsKept, reason: null };
  return { state: 'damaged', framesKept: kept, framesDropped: total - kept, commitsKept, reason };
}

/**
 * What a running SQLite connection has committed, from the shared-memory index (two identical
 * 48-byte copies of a header, native byte order). Null when there is no such index or it is not
 * consistent, in which case only the log itself is read.
 */
export function committedFrames(shm: Uint8Array, wal: Uint8Array): number | null {
  if (shm.byteLength < 96 || wal.byteLength < WAL_HEADER_BYTES) return null;
  const a = shm.subarray(0, 48);
  const b = shm.subarray(48, 96);
  if (!Buffer.from(a).equals(Buffer.from(b))) return null;
  const view = new DataView(shm.buffer, shm.byteOffset, 48);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (view.getUint32(0, little) !== WAL_FORMAT || a[12] !== 1) return null;
  const sum = walChecksum(a.subarray(0, 40), !little);
  if (sum[0] !== view.getUint32(40, little) || sum[1] !== view.getUint32(44, little)) return null;
  // The index copies the salts byte for byte from the log's header.
  if (!Buffer.from(a.subarray(32, 40)).equals(Buffer.from(wal.subarray(16, 24)))) return null;
  return view.getUint32(16, little);
}
