// Checks a library path before SQLite touches it, and turns SQLite's terse open errors into
// sentences that name the file. SQLite would happily treat an empty or foreign file as a database
// and write to it; sniffing the header first means a wrong file is refused byte-for-byte untouched.
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { KoeError } from '../contract/errors';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file::memory:');
}

export function notALibrary(path: string, why: string): KoeError {
  return new KoeError('io', `${path} is not a Koe Studio library: ${why}. It was not changed.`);
}

/** Throws a KoeError('io') if `path` cannot be a library; creates the parent folder when writable. */
export function checkLibraryFile(path: string, readonly: boolean): void {
  if (isMemoryPath(path)) return;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new KoeError('io', `${path} is a folder, not a Koe Studio library file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof KoeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new KoeError('io', `Cannot open the library ${path}: ${(e as Error).message}`);
    if (readonly) throw new KoeError('io', `The library ${path} does not exist.`);
    ensureFolder(path);
    return;
  }
  // An empty file is what SQLite itself creates before the first write; treat it as a new library.
  if (size === 0) return;
  if (size < SQLITE_HEADER.length || !readHead(path).equals(SQLITE_HEADER)) {
    throw notALibrary(path, 'the file is not an SQLite database');
  }
}

function readHead(path: string): Buffer {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new KoeError('io', `Cannot read the library ${path}: ${(e as Error).message}`);
  }
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

function ensureFolder(path: string): void {
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'part of the path is a file, not a folder' : (e as Error).message;
    throw new KoeError('io', `Cannot create the folder ${folder} for the library ${path}: ${why}.`);
  }
}

/** Maps an error thrown while opening or first reading the file to a KoeError naming it. */
export function openError(path: string, e: unknown): KoeError {
  if (e instanceof KoeError) return e;
  const code = (e as { code?: unknown }).code;
  const msg = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'SQLITE_NOTADB':
      return notALibrary(path, 'the file is not an SQLite database');
    case 'SQLITE_CORRUPT':
      return new KoeError('io', `The library ${path} is damaged (${msg}). Restore it from a backup or move it aside to start a new one.`);
    case 'SQLITE_CANTOPEN':
      return new KoeError('io', `Cannot open the library ${path}: its folder is missing or not writable.`);
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_PERM':
      return new KoeError('io', `The library ${path} or its folder is read-only, so it cannot be opened for writing.`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new KoeError('io', `The library ${path} is locked by another program; close it and try again.`);
    case 'SQLITE_FULL':
      return new KoeError('io', `The disk holding the library ${path} is full.`);
    default:
      return new KoeError('io', `Cannot open the library ${path}: ${msg}`);
  }
}
