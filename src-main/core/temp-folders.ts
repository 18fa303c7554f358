// The folders exports were written into, remembered in the data folder, so the next start can remove
// what a killed export left there. Atomic writes put a hidden ".<name>.koe-tmp-<pid>-…" beside the
// destination; a failure removes it, but SIGKILL gives no chance to (85 MB after seven kills), and
// until now only the data folder itself was swept at start.
import { readFileSync } from 'node:fs';
import { cleanupStaleTemps, writeFileAtomic } from '../fs/atomic';

/** The most recent folders kept; older ones are not swept again. */
const MAX_FOLDERS = 64;

export class TempFolders {
  private folders: string[];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {
    this.folders = readList(file);
  }

  /** Notes a folder an atomic write is about to use (most recent last). */
  remember(folder: string): Promise<void> {
    if (this.folders.at(-1) === folder) return this.saving;
    this.folders = [...this.folders.filter((f) => f !== folder), folder].slice(-MAX_FOLDERS);
    const list = JSON.stringify(this.folders);
    this.saving = this.saving.then(() => writeFileAtomic(this.file, list)).catch(() => {});
    return this.saving;
  }

  /** Removes leftovers whose writer is gone from every remembered folder; returns how many. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const folder of this.folders) removed += await cleanupStaleTemps(folder, { minAgeMs: 0 }).catch(() => 0);
    return removed;
  }
}

function readList(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === 'string').slice(-MAX_FOLDERS) : [];
  } catch {
    return [];
  }
}
