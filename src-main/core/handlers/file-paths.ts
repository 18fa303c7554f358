// Every path a call names passes through here before the core reads or writes it. On the desktop and
// in the CLI the path was chosen by the user in their own process, so it need only be absolute. The
// server face is reached by a page, which has no business naming the server's files: it reported
// canSaveFiles:false yet accepted paths, and an export overwrote ~/.ssh/authorized_keys, created
// /dev/full.wav and replaced a symlink's target. There, a path must resolve (links followed) inside
// the uploads folder (to read) or the downloads folder (to write).
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KoeError } from '../../contract/errors';
import type { FaceHooks } from '../services';
import type { TempFolders } from '../temp-folders';

export interface FilePaths {
  /** A path to read: absolute and, where the face confines paths, inside a readable root. */
  forReading(path: string): Promise<string>;
  /**
   * A path to write (it may not exist yet): absolute and, where confined, inside a writable root. The
   * folder the file goes in (or, for a folder, the folder) is remembered so that the next start
   * sweeps temp files a killed write left there.
   */
  forWriting(path: string, kind?: 'file' | 'folder'): Promise<string>;
}

export function filePaths(face: Pick<FaceHooks, 'fileRoots'>, tempFolders?: Pick<TempFolders, 'remember'>): FilePaths {
  const roots = face.fileRoots;
  return {
    async forReading(path) {
      const abs = absolute(path);
      if (!roots) return abs;
      const real = await realpath(abs).catch(() => null);
      if (!real) throw new KoeError('not_found', `File not found: ${basename(abs)}`);
      if (!(await inside(real, roots.read))) throw outside(abs, 'read', 'upload it first (PUT /upload/<name>) and pass the path that returns');
      return real;
    },
    async forWriting(path, kind = 'file') {
      const abs = absolute(path);
      let real = abs;
      if (roots) {
        real = await realTarget(abs);
        if (!(await inside(real, roots.write))) throw outside(abs, 'write', 'ask for a download instead ({kind:"download"})');
      }
      await tempFolders?.remember(kind === 'folder' ? real : dirname(real));
      return real;
    },
  };
}

function absolute(path: string): string {
  // The core reads and writes the file, not the page: a relative path would depend on the core's working folder.
  if (!isAbsolute(path)) throw new KoeError('invalid_args', `The path must be absolute: "${path}".`);
  return resolve(path);
}

/** The real path a write would land on: links followed for the parts that exist, the rest appended. */
async function realTarget(abs: string): Promise<string> {
  const missing: string[] = [];
  for (let at = abs; ; at = dirname(at)) {
    const there = await lstat(at).then(
      () => true,
      () => false,
    );
    if (there) return join(await realpath(at), ...missing.reverse());
    if (dirname(at) === at) return abs;
    missing.push(basename(at));
  }
}

async function inside(real: string, roots: string[]): Promise<boolean> {
  for (const root of roots) {
    const r = await realpath(root).catch(() => resolve(root));
    const rel = relative(r, real);
    if (rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return true;
  }
  return false;
}

function outside(abs: string, verb: 'read' | 'write', instead: string): KoeError {
  // The message names only the file, not the server's folders.
  return new KoeError('invalid_args', `This server does not ${verb} files by path outside its own folders ("${basename(abs)}"); ${instead}.`);
}
