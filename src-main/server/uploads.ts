// Files the browser hands to the core. A page cannot give the core a path on disk the way the desktop
// app's open dialog does, and a 300 MB model will not fit in a WebSocket message, so the page streams
// the file here (PUT /upload/<name>) and gets back a path that the ordinary calls (models.import,
// clone.check…) then take like any other. The file lands under a fresh folder as a .part and is
// renamed only when complete, so a cut connection never leaves a file that looks whole.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Larger than any model the catalog offers (325 MB) with room for a voices archive or a long recording. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/** Left-over uploads (a page closed before it said it was done) are swept after this long. */
const STALE_MS = 60 * 60 * 1000;
const ID = /^[0-9a-f]{16}$/;

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Upload {
  id: string;
  path: string;
  bytes: number;
}

/** The name as the page sent it, if it is a plain file name (no folders, no tricks). */
export function uploadName(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new UploadError(400, 'The file name is not valid URL encoding.');
  }
  // The name only serves to keep the extension and what the importer recognises (model_fp16.onnx, af_heart.bin).
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) throw new UploadError(400, `"${name.slice(0, 80)}" is not a plain file name.`);
  // File systems count bytes, not characters: 255 CJK characters are 765 bytes.
  if (Buffer.byteLength(name) > 255) throw new UploadError(400, `The file name "${name.slice(0, 40)}…" is longer than the 255 bytes a file name may have; rename the file and try again.`);
  return name;
}

export class Uploads {
  constructor(
    readonly dir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {}

  async receive(req: IncomingMessage, rawName: string): Promise<Upload> {
    const name = uploadName(rawName);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) throw new UploadError(413, `The file is larger than ${this.maxBytes / 2 ** 30} GB.`);
    const id = randomBytes(8).toString('hex');
    const folder = join(this.dir, id);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // A fixed name while it arrives: "<name>.part" would be too long for a name of 251–255 bytes.
    const part = join(folder, '.upload.part');
    let bytes = 0;
    const max = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > max) done(new UploadError(413, `The file is larger than ${max / 2 ** 30} GB.`));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(part, { flags: 'wx' }));
      // A browser that sent Content-Length and then stopped short has not sent the whole file.
      if (Number.isFinite(declared) && bytes !== declared) throw new UploadError(400, `The upload ended after ${bytes} of ${declared} bytes.`);
      const path = join(folder, name);
      await rename(part, path);
      return { id, path, bytes };
    } catch (e) {
      await rm(folder, { recursive: true, force: true });
      if (e instanceof UploadError) throw e;
      // The page is told why, never where: a Node error message holds the server's path.
      const code = (e as NodeJS.ErrnoException)?.code;
      throw new UploadError(code === 'ENOSPC' || code === 'EDQUOT' ? 507 : 400, `The upload did not complete${code ? ` (${code})` : ''}.`);
    }
  }

  /** The page is done with an upload (imported or given up): its folder goes. */
  async discard(id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    const folder = join(this.dir, id);
    const there = await stat(folder).then(() => true, () => false);
    await rm(folder, { recursive: true, force: true });
    return there;
  }

  /** Removes uploads older than an hour (or all of them), e.g. left by a server that was killed. */
  async sweep(olderThanMs = STALE_MS): Promise<number> {
    const ids = await readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const id of ids) {
      const folder = join(this.dir, id);
      const info = await stat(folder).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < olderThanMs) continue;
      await rm(folder, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}
