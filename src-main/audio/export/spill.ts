// Rendered audio parked on disk while an export is assembled, so rendering a book line by line does
// not pile every line up in memory before the mixer starts. Each piece is one raw float32 file in a
// folder of its own under the data folder's scratch space; the clip handed to the mixer reads its
// file back when the mix reaches it. The folder goes when the export ends, however it ends, and a
// folder left by a process that was killed is swept at the next start (sweepSpills).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KoeError } from '../../contract/errors';
import { processAlive } from '../../lib/process-alive';
import type { ClipSource } from './timeline';

const PREFIX = 'koe-spill-';
const STALE_MS = 7 * 24 * 3600 * 1000;

export class PcmSpill {
  private count = 0;
  private constructor(readonly dir: string) {}

  /** A new spill folder inside `scratchDir` (created if missing), named with this process id. */
  static async create(scratchDir: string): Promise<PcmSpill> {
    mkdirSync(scratchDir, { recursive: true, mode: 0o700 });
    return new PcmSpill(await mkdtemp(join(scratchDir, `${PREFIX}${process.pid}-`)));
  }

  /** Parks `pcm` on disk; the returned clip audio reads it back on demand. */
  async put(pcm: Float32Array): Promise<ClipSource> {
    const path = join(this.dir, `${this.count++}.f32`);
    try {
      await writeFile(path, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    } catch (e) {
      throw new KoeError('io', `Could not park rendered audio in ${this.dir}: ${(e as Error).message}`);
    }
    const length = pcm.length;
    return {
      length,
      load: () => {
        const bytes = readFileSync(path);
        const out = new Float32Array(bytes.byteLength / 4);
        new Uint8Array(out.buffer).set(bytes);
        return out;
      },
    };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** Removes spill folders whose process is gone (killed mid-export); folders of live processes stay. Returns how many went. */
export function sweepSpills(scratchDir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(scratchDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue; // ours: in use
    try {
      const info = statSync(join(scratchDir, name));
      // A live process with that id is using it, unless the folder is older than any export (the id was reused).
      if (processAlive(pid) && Date.now() - info.mtimeMs < STALE_MS) continue;
      if (info.isDirectory()) {
        rmSync(join(scratchDir, name), { recursive: true, force: true });
        removed++;
      }
    } catch {
      // Gone already, or not ours to remove: the next start tries again.
    }
  }
  return removed;
}
