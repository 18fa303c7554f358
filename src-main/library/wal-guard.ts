// Runs before SQLite opens the library: if the write-ahead log is damaged, keeps a copy of it beside
// the library (never deleted by us) and returns what SQLite's recovery will keep and drop, for the
// studio's notice and `koe doctor`. The log itself is left in place for SQLite to recover from, so
// the intact commits are applied exactly as SQLite reads them. Moving the log away instead would
// lose those commits too, and would pull it from under another process (the CLI beside the app)
// that still has the library open.
import { chmodSync, closeSync, constants, copyFileSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { committedFrames, inspectWal } from './wal-check';
import { isMemoryPath } from './file-checks';

export interface WalRecovery {
  /** When the damage was found (ISO 8601). */
  at: string;
  reason: string;
  framesKept: number;
  commitsKept: number;
  framesDropped: number;
  /** Where the damaged log was copied; null for a read-only open, which changes nothing. */
  keptAside: string | null;
  /** One sentence for the user. */
  message: string;
}

function dbPageSize(path: string): number {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(18);
      if (readSync(fd, head, 0, 18, 0) < 18) return 4096;
      const n = head.readUInt16BE(16);
      return n === 1 ? 65536 : n || 4096;
    } finally {
      closeSync(fd);
    }
  } catch {
    return 4096;
  }
}

function readIfPresent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function guardWal(path: string, readonly: boolean, now: Date = new Date()): WalRecovery | null {
  if (isMemoryPath(path)) return null;
  const walPath = `${path}-wal`;
  const wal = readIfPresent(walPath);
  if (!wal || wal.byteLength === 0) return null;
  const found = inspectWal(wal, dbPageSize(path));
  if (found.state !== 'damaged') return null;
  // A connection still open elsewhere may be writing its next transaction: the frames past what it
  // has committed are not damage but work in progress.
  const shm = readIfPresent(`${path}-shm`);
  const committed = shm ? committedFrames(shm, wal) : null;
  if (committed !== null && committed <= found.framesKept) return null;

  let keptAside: string | null = null;
  if (!readonly) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    for (let n = 0; keptAside === null; n++) {
      const candidate = `${walPath}.damaged-${stamp}${n ? `-${n}` : ''}`;
      if (existsSync(candidate)) continue;
      copyFileSync(walPath, candidate, constants.COPYFILE_EXCL);
      if (process.platform !== 'win32') chmodSync(candidate, 0o600);
      keptAside = candidate;
    }
  }
  const kept = found.framesKept === 0 ? 'none of the saves it held could be recovered' : `the saves up to its last intact commit were recovered (${plural(found.commitsKept, 'commit')}, ${plural(found.framesKept, 'frame')})`;
  const aside = keptAside ? ` The damaged log was kept at ${keptAside}.` : '';
  const message = `The library's write-ahead log was damaged (${found.reason}): ${kept}; ${plural(found.framesDropped, 'frame')} after that were dropped, so the most recent changes may be missing.${aside}`;
  return { at: now.toISOString(), reason: found.reason ?? 'damaged', framesKept: found.framesKept, commitsKept: found.commitsKept, framesDropped: found.framesDropped, keptAside, message };
}
